import type { Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { axeViolations } from '../support/axe';
import type { Language } from '../../src/i18n/languages';
import { signInToConsole } from '../support/consoleSignIn';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
/** A console text as the page shows it (the browser inserts values without isolation marks). */
const shown = (lng: Language, key: string, vars?: Record<string, unknown>) => t(lng, `console:${key}`, vars).replace(/[\u2068\u2069]/g, '');

async function asksForMentor(person: Newcomer, lng: Language, message: string) {
  await person.asksForMentor(lng);
  await person.say(message);
  await person.hears(t(lng, 'handoff:messageKept'));
}


/** The phone-size screens in docs/screenshots/ are written again only when asked (CONSOLE_SCREENSHOTS=1 npx jest …). */
const screenshot = async (target: { screenshot: (options: { path: string }) => Promise<unknown> }, name: string) => {
  if (process.env.CONSOLE_SCREENSHOTS === '1') await target.screenshot({ path: `docs/screenshots/${name}` });
};

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('the console for people who use a keyboard, a screen reader or a right-to-left language (headless Chromium, 390x844)', () => {
  const suite = browserWithConnector();

  it('Arabic mentor page: an h1, focus after sign-in and give back, a confirmation first, a stable name for a person without one, axe clean', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await asksForMentor(person, 'ar', 'هل يمكنني العمل في IT بدون شهادة؟');
      const page = await context.newPage();
      await signInToConsole(page, url, 'sara', 'ar');
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await waitFor(async () => (await focusedId(page)) === 'waiting-title', 'the focus on the waiting list\u2019s heading after sign-in');
      expect(await page.locator('h1:visible, h1.sr-only').count()).toBeGreaterThan(0);

      // No first name: "شخص 4F2", the same code on the card and in the conversation, not the number.
      const card = page.getByTestId('waiting-item');
      await card.waitFor();
      const name = (await card.locator('.card-name').textContent()) ?? '';
      const [code] = /[0-9A-F]{3}$/.exec(name) ?? [''];
      expect(name).toBe(shown('ar', 'person.pseudonym', { code }));
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'console-waiting-ar-390.png');

      await card.getByTestId('claim').click();
      await person.hears(t('ar', 'handoff:claimed', { mentor: 'Sara' }));
      const timeline = page.getByTestId('timeline');
      await timeline.locator('.divider').waitFor(); // the bot conversation, then the handoff: a divider between
      expect(await page.locator('#conv-title').textContent()).toBe(name);
      expect(await axeViolations(page)).toEqual([]);

      // Give back: asked first; Escape keeps the conversation and puts the focus back on the button.
      await page.getByTestId('release').click();
      await page.getByTestId('release-confirm').waitFor();
      expect(await focusedId(page)).toBe('release-yes');
      expect(await page.getByTestId('release-confirm').textContent()).toContain(shown('ar', 'release.question'));
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('release-confirm').isVisible()).toBe(false);
      expect(await focusedId(page)).toBe('release');
      expect((await app.handoffs.service.queue.get((await page.getByTestId('conversation').getAttribute('data-handoff-id')) ?? ''))?.status).toBe('active');

      await page.getByTestId('release').click();
      const id = (await page.getByTestId('conversation').getAttribute('data-handoff-id')) ?? '';
      await page.getByTestId('release-yes').click();
      await waitFor(async () => (await app.handoffs.service.queue.get(id))?.status === 'waiting', 'the person back in line');
      await waitFor(async () => (await page.getByTestId('conversation').getAttribute('data-status')) === 'waiting', 'the conversation shown as waiting');
      expect(await focusedId(page)).toBe('conv-title');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'console-mentor-ar-390.png');
    } finally {
      await context.close();
      await stop();
    }
  });

  it.each([
    ['a phone', PHONE],
    ['a laptop', { viewport: { width: 1440, height: 900 } }],
  ] as const)('after closing on %s: the rating that arrives live is in view, above the offer of the next person', async (device, options) => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(options);
    try {
      await addAccount(app, 'sara', 'mentor', ['fa']);
      const first = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      const second = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await asksForMentor(first, 'fa', 'سلام، یک سؤال دارم');
      await asksForMentor(second, 'fa', 'سؤال دوم');
      const page = await context.newPage();
      await signInToConsole(page, url, 'sara', 'fa');
      await waitFor(async () => (await page.getByTestId('waiting-item').count()) === 2, 'two people waiting');
      await page.getByTestId('waiting-item').first().getByTestId('claim').click();
      await first.hears(t('fa', 'handoff:claimed', { mentor: 'Sara' }));
      await page.getByTestId('close-open').click();
      await page.getByTestId('close-outcome').selectOption('helped');
      await page.getByTestId('close-confirm').click();
      await page.getByTestId('next-offer').waitFor();
      await first.hears(t('fa', 'handoff:rateQuestion'));
      await first.say('5');
      const rating = page.getByTestId('status-closed').locator('p').last();
      await waitFor(async () => (await rating.textContent()) === shown('fa', 'closed.rating', { rating: '۵' }), 'the rating shown live');
      // In view, and not under the offer of the next person (nor under the message box).
      await waitFor(async () => {
        const [line, offer] = await Promise.all([rating.boundingBox(), page.getByTestId('next-offer').boundingBox()]);
        return !!line && !!offer && line.y >= 0 && line.y + line.height <= options.viewport.height && (line.y + line.height <= offer.y || line.y >= offer.y + offer.height);
      }, 'the rating line in view, clear of the next offer');
      expect(await axeViolations(page)).toEqual([]);
      if (device === 'a phone') await screenshot(page, 'console-closed-fa-390.png');
    } finally {
      await context.close();
      await stop();
    }
  });

  it('staff pages in Persian and Dutch: language headers over their numbers, buttons named by what they show, counts in the plural, axe clean, an icon', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'lisa', 'admin');
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await asksForMentor(person, 'ar', 'مرحبا');
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const [handoff] = await app.handoffs.service.queue.waiting();
      await sara.post(`/console/api/handoffs/${handoff.id}/claim`);
      await sara.post(`/console/api/handoffs/${handoff.id}/close`, { outcome: 'helped' });

      const favicon = await fetch(`${url}/favicon.ico`);
      expect([favicon.status, favicon.headers.get('content-type')]).toEqual([200, 'image/x-icon']);

      const page = await context.newPage();
      await signInToConsole(page, url, 'lisa', 'fa');
      await page.getByTestId('nav-numbers').click();
      const table = page.getByTestId('by-language');
      await table.locator('th[data-lang="ar"]').waitFor();
      const [header, cell] = await Promise.all([
        table.locator('th[data-lang="ar"]').evaluate((th) => ({ direction: getComputedStyle(th).direction, align: getComputedStyle(th).textAlign })),
        table.locator('tbody tr').first().locator('td').first().evaluate((td) => ({ direction: getComputedStyle(td).direction, align: getComputedStyle(td).textAlign })),
      ]);
      expect(header).toEqual(cell);
      expect(await table.locator('th[data-lang="ar"] bdi').getAttribute('lang')).toBe('ar');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'console-numbers-fa-390.png');
      await screenshot(table, 'console-numbers-by-language-fa-390.png');

      for (const tab of ['transcripts', 'questions', 'audit'] as const) {
        await page.getByTestId(`nav-${tab}`).click();
        await waitFor(async () => (await focusedId(page)).endsWith('-title'), `the focus on the ${tab} heading`);
        expect([tab, await axeViolations(page)]).toEqual([tab, []]);
        if (tab === 'transcripts') {
          await page.getByTestId('transcript-list').locator('li').first().waitFor();
          await screenshot(page, 'console-transcripts-fa-390.png');
        }
      }

      // People, in Dutch: Export and Erase are named by their own words first (WCAG 2.5.3).
      await page.getByTestId('lang-select').selectOption('nl');
      await page.getByTestId('nav-people').click();
      const row = page.getByTestId('person-item');
      await waitFor(async () => (await row.count()) === 1, 'the person listed');
      const names = await row.evaluate((item) =>
        Array.from(item.querySelectorAll('button')).map((b) => ({
          visible: b.textContent ?? '',
          name: (b.getAttribute('aria-labelledby') ?? '').split(' ').map((id: string) => document.getElementById(id)?.textContent ?? '').join(' '),
        })),
      );
      expect(names.map((n) => n.visible)).toEqual([shown('nl', 'people.export'), shown('nl', 'people.erase')]);
      for (const { visible, name } of names) expect(name.startsWith(visible)).toBe(true);
      expect(await axeViolations(page, { only: ['label-content-name-mismatch'] })).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'console-people-nl-390.png');

      // Erase: the counts in the plural form of their number ("1 transcript", not "1 transcripten").
      await row.getByTestId('person-erase').click();
      const typed = (await row.locator('.card-name').textContent()) ?? '';
      await page.getByTestId('erase-confirm-input').fill(typed);
      await page.getByTestId('erase-confirm').click();
      const done = page.getByTestId('erase-done');
      await done.waitFor();
      const text = (await done.textContent()) ?? '';
      expect(text).toContain(shown('nl', 'people.erasedCounts.transcripts', { count: 1 }));
      expect(text).toContain(shown('nl', 'people.erasedCounts.handoffs', { count: 1 }));
      expect(shown('nl', 'people.erasedCounts.transcripts', { count: 1 })).toBe('1 transcript');
      expect(shown('nl', 'people.erasedCounts.transcripts', { count: 2 })).toBe('2 transcripten');
    } finally {
      await context.close();
      await stop();
    }
  }, 60_000);
});
