import type { Browser } from 'playwright-core';
import { partnerSummary, summaryHtml } from '../../src/people/partnerSummary';
import type { PersonRecord } from '../../src/domain/person';
import type { PartnerFile } from '../../src/domain/partnerSteps';
import { launchBrowser } from '../support/browser';
import { translator } from '../support/chatDriver';

const file: PartnerFile = {
  version: 1,
  asks: [{ partner: 'itph-academy', askedAt: '2026-11-20T10:00:00.000Z', askedBy: { id: 'acc-lisa', firstName: 'Lisa' }, language: 'ar', answer: 'yes', answeredAt: '2026-11-21T10:00:00.000Z' }],
};
const record = {
  language: 'ar',
  startedAt: '2026-10-01T10:00:00.000Z',
  intake: { answers: { firstName: 'آمنة', dutchLevel: 'B1', englishLevel: 'A2', municipality: 'Zwolle', motivation: 'أحب البرمجة' } },
} as unknown as PersonRecord;

describe('the partner summary as a page, in a real browser (headless Chromium, on a phone)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('in Arabic each value stands under its label on the right, also a Latin one (a level, the province, a date), and the page is as wide as the phone', async () => {
    const summary = partnerSummary({ record, journey: undefined, file, partnerId: 'itph-academy', partnerName: 'ITPH Academy' }, translator(), 'ar')!;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.setContent(summaryHtml(summary, 'ar', true));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // For every line: where the label ends on the right and where the value ends on the right.
    const edges = await page.evaluate(() =>
      Array.from(document.querySelectorAll('dd')).map((dd) => {
        const range = document.createRange();
        range.selectNodeContents(dd);
        const dt = dd.previousElementSibling as HTMLElement;
        const label = document.createRange();
        label.selectNodeContents(dt);
        return { value: dd.textContent, labelRight: Math.round(label.getBoundingClientRect().right), valueRight: Math.round(range.getBoundingClientRect().right) };
      }),
    );
    expect(edges).toHaveLength(summary.lines.length);
    for (const line of edges) expect([line.value, Math.abs(line.valueRight - line.labelRight) <= 48]).toEqual([line.value, true]);
    await context.close();
  });
});
