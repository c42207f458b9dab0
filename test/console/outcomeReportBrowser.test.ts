import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { launchBrowser } from '../support/browser';
import { axeViolations } from '../support/axe';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../src/app';
import type { OutcomeStep } from '../../src/reporting/outcomeEvents';
import type { Language } from '../../src/domain/language';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const DAY = 86400000;
/** Where the report's screenshot and PDF go, to be looked at (SHOTS=dir). */
const SHOTS = process.env.SHOTS;

/** `YYYY-MM`, `back` months before this one. */
const monthsBack = (back: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
};

/** People through the product's own store: in four cohorts, six languages, five provinces; the pool over the quarters. */
async function seed(app: App) {
  const languages: Language[] = ['ar', 'ti', 'fa', 'nl', 'tr', 'en'];
  const regions = ['Groningen', 'Utrecht', 'Friesland', null, 'Noord-Holland'];
  const ways: Array<Partial<Record<OutcomeStep, number>>> = [
    { started: 0, intake: 2, selected: 35, referred: 41, 'training-started': 70, 'contract-signed': 150 },
    { started: 0, intake: 5, selected: 50, referred: 60 },
    { started: 0, intake: 1, selected: 28 },
    { started: 0, intake: 3 },
    { started: 0, intake: 9 },
    { started: 1 },
    { started: 0 },
  ];
  let n = 0;
  const now = Date.now();
  for (let back = 0; back < 4; back++) {
    const cohort = monthsBack(back);
    for (let i = 0; i < 7; i++) {
      const language = languages[n % languages.length];
      const region = regions[n % regions.length];
      n++;
      for (const [step, days] of Object.entries(ways[i])) {
        const at = Date.parse(`${cohort}-02T09:00:00.000Z`) + days! * DAY;
        if (at > now) continue; // not yet
        await app.records.outcomes.recordStep({ step: step as OutcomeStep, at: new Date(at).toISOString(), cohort, language, region: step === 'started' ? null : region, daysSinceFirstContact: days! });
      }
    }
  }
  const pool = async (kind: 'joined' | 'left' | 'level-changed', back: number, language: Language, dutch?: [string, string]) =>
    app.records.outcomes.recordPool({ kind, at: `${monthsBack(back)}-05T10:00:00.000Z`, language, region: null, ...(dutch ? { dutch: { from: dutch[0], to: dutch[1] } } : {}) });
  await pool('joined', 5, 'ar');
  await pool('joined', 4, 'ti');
  await pool('joined', 3, 'fa');
  await pool('level-changed', 2, 'ar', ['A2', 'B1']);
  await pool('level-changed', 1, 'ti', ['A2', 'A1']);
  await pool('left', 1, 'ar');
  await pool('joined', 0, 'tr');
}

/** The people per step of the report's (or the Numbers page's) funnel bars. */
const bars = (page: Page, scope: string) => page.locator(`${scope} [data-testid="outcome-step"]`).evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-step'), n.getAttribute('data-count')]));

describe('the outcome numbers and the printable report in a real browser (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows on the Numbers page what the API gives, opens the one-page report with the same figures, prints it to one A4 page', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await browser.newContext(PHONE);
    try {
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await seed(app);
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const from = monthsBack(3);
      const to = monthsBack(0);
      const api = (await (await lisa.get(`/console/api/outcomes?from=${from}&to=${to}`)).json()) as any;
      const expected = api.funnel.total.steps.map((s: any) => [s.step, String(s.people)]);
      // Every step, fewer people at each (the seed has no step reached by more than the one before).
      expect(expected.map(([step]: string[]) => step)).toEqual(['started', 'intake', 'selected', 'referred', 'training-started', 'contract-signed']);
      const counts = expected.map(([, people]: string[]) => Number(people));
      expect(counts[0]).toBeGreaterThanOrEqual(21);
      expect(counts.every((c: number, i: number) => i === 0 || c <= counts[i - 1])).toBe(true);

      // The Numbers page, on a phone: the funnel of the cohorts of the period chosen.
      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-numbers').click();
      await page.getByTestId('numbers-from').fill(`${from}-01`);
      await page.getByTestId('numbers-to').fill(new Date().toISOString().slice(0, 10));
      await page.getByTestId('numbers-submit').click();
      const panel = page.getByTestId('outcomes-panel');
      await panel.getByTestId('outcome-bars').waitFor();
      await page.waitForFunction((want) => {
        const rows = Array.from(document.querySelectorAll('[data-testid="outcomes-panel"] [data-testid="outcome-step"]'));
        return JSON.stringify(rows.map((r) => [r.getAttribute('data-step'), r.getAttribute('data-count')])) === want;
      }, JSON.stringify(expected));
      expect(await panel.getByTestId('outcome-by-cohort').locator('tbody tr').count()).toBe(4);
      expect(await panel.getByTestId('outcomes-csv').getAttribute('href')).toBe(`/console/api/outcomes.csv?from=${from}&to=${to}`);

      // One language: the figures follow.
      await panel.getByTestId('outcomes-language').selectOption('ar');
      const arabic = (await (await lisa.get(`/console/api/outcomes?from=${from}&to=${to}&language=ar`)).json()) as any;
      await page.waitForFunction((want) => {
        const rows = Array.from(document.querySelectorAll('[data-testid="outcomes-panel"] [data-testid="outcome-step"]'));
        return JSON.stringify(rows.map((r) => r.getAttribute('data-count'))) === want;
      }, JSON.stringify(arabic.funnel.total.steps.map((s: any) => String(s.people))));
      await panel.getByTestId('outcomes-language').selectOption('');
      if (SHOTS) await panel.screenshot({ path: `${SHOTS}/numbers-outcomes-390.png` });

      // The printable report opens in a tab of its own, with the same figures.
      const [report] = await Promise.all([context.waitForEvent('page'), panel.getByTestId('outcomes-report').click()]);
      await report.waitForSelector('body[data-ready="true"]');
      expect(await bars(report, '#report-bars')).toEqual(expected);
      const cohortRows = await report.locator('[data-testid="outcome-by-cohort"] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-group'), ...Array.from(r.querySelectorAll('td')).map((td) => td.textContent)]));
      expect(cohortRows).toEqual(api.funnel.byCohort.map((g: any) => [g.cohort, ...g.steps.map((s: any) => String(s.people))]));
      const regionRows = await report.locator('[data-testid="outcome-by-region"] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-group'), ...Array.from(r.querySelectorAll('td')).map((td) => td.textContent)]));
      expect(regionRows).toEqual(api.funnel.byRegion.map((g: any) => [g.region, ...g.steps.map((s: any) => (s.people === null ? '–' : String(s.people)))]));
      const conversion = await report.locator('[data-testid="outcome-conversion"] tbody tr[data-step="intake"] td').allTextContents();
      const intake = api.funnel.total.steps[1];
      expect(conversion[0]).toBe(String(intake.people));
      expect(conversion[2]).toBe(`${Math.round(intake.shareOfStarted * 100)}%`);
      const lastQuarter = api.pool.filter((q: any) => q.language === 'all').at(-1);
      expect(await report.locator(`[data-testid="outcome-pool"] tr[data-quarter="${lastQuarter.quarter}"] td[data-col="size"]`).textContent()).toBe(String(lastQuarter.size));
      expect(await report.getByTestId('report-period').textContent()).toContain(new Date().getUTCFullYear().toString());
      expect(await axeViolations(report)).toEqual([]);

      // On the phone the page is as wide as the screen: wide tables scroll on their own.
      expect(await report.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (SHOTS) await report.screenshot({ path: `${SHOTS}/outcome-report-390.png`, fullPage: true });

      // Printed: one A4 page, the form and buttons left out.
      await report.setViewportSize({ width: 794, height: 1123 });
      await report.emulateMedia({ media: 'print' });
      expect(await report.locator('#report-form').isVisible()).toBe(false);
      if (SHOTS) await report.screenshot({ path: `${SHOTS}/outcome-report-print.png`, fullPage: true });
      const pdf = await report.pdf({ format: 'A4', preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
      if (SHOTS) require('node:fs').writeFileSync(`${SHOTS}/outcome-report.pdf`, pdf);

      // Another period and one province from the report's own form.
      await report.emulateMedia({ media: 'screen' });
      await report.getByTestId('report-from').fill(monthsBack(1));
      await report.getByTestId('report-region').selectOption('Groningen');
      await report.getByTestId('report-show').click();
      const groningen = (await (await lisa.get(`/console/api/outcomes?from=${monthsBack(1)}&to=${to}&region=Groningen`)).json()) as any;
      await report.waitForFunction((want) => {
        const rows = Array.from(document.querySelectorAll('#report-bars [data-testid="outcome-step"]'));
        return document.body.dataset.ready === 'true' && JSON.stringify(rows.map((r) => r.getAttribute('data-count'))) === want;
      }, JSON.stringify(groningen.funnel.total.steps.map((s: any) => (s.people === null ? '' : String(s.people)))));
      expect(report.url()).toContain('region=Groningen');
      // A period the wrong way round is said, not asked.
      await report.getByTestId('report-from').fill(to);
      await report.getByTestId('report-to').fill(from);
      await report.getByTestId('report-show').click();
      await report.locator('#report-error:not([hidden])').waitFor();

      // In Arabic, right to left; a mentor and someone not signed in are told why they see nothing.
      const ar = await context.newPage();
      await ar.goto(`${url}/console/report?from=${from}&to=${to}&lang=ar`);
      await ar.waitForSelector('body[data-ready="true"]');
      expect(await ar.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
      await ar.setViewportSize({ width: 794, height: 1123 });
      await ar.emulateMedia({ media: 'print' });
      expect((await ar.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
      if (SHOTS) await ar.screenshot({ path: `${SHOTS}/outcome-report-print-ar.png`, fullPage: true });
      const mentor = await browser.newContext();
      const mentorPage = await mentor.newPage();
      await mentorPage.goto(`${url}/console`);
      await mentorPage.getByTestId('login-username').fill('sara');
      await mentorPage.getByTestId('login-password').fill('correct horse battery');
      await mentorPage.getByTestId('login-submit').click();
      await mentorPage.getByTestId('nav-handoffs').waitFor();
      await mentorPage.goto(`${url}/console/report?lang=en`);
      await mentorPage.locator('#report-error:not([hidden])').waitFor();
      expect(await mentorPage.locator('#report-error').textContent()).toBe('Only staff can see this report.');
      expect(await mentorPage.locator('#report-body').isHidden()).toBe(true);
      await mentor.close();
      const stranger = await browser.newContext();
      const strangerPage = await stranger.newPage();
      await strangerPage.goto(`${url}/console/report?lang=nl`);
      await strangerPage.locator('#report-error:not([hidden])').waitFor();
      expect(await strangerPage.locator('#report-error').textContent()).toBe('Log eerst in op de console. Open dit rapport daarna opnieuw.');
      await stranger.close();
    } finally {
      await context.close();
      await stop();
    }
  }, 120_000);

  it('prints a whole year across every province on one A4 page, every table within the page, in Dutch and in Arabic', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      await addAccount(app, 'lisa', 'staff');
      const languages: Language[] = ['ar', 'ti', 'fa', 'nl', 'tr', 'en'];
      const regions = ['Groningen', 'Utrecht', 'Friesland', 'Drenthe', 'Overijssel', 'Flevoland', 'Gelderland', 'Noord-Holland', 'Zuid-Holland', 'Zeeland', 'Noord-Brabant', 'Limburg', null];
      const days: Record<OutcomeStep, number> = { started: 0, intake: 2, selected: 35, referred: 41, 'training-started': 70, 'contract-signed': 150 };
      let n = 0;
      for (let back = 0; back < 12; back++) {
        const cohort = monthsBack(back);
        for (let i = 0; i < regions.length; i++, n++) {
          for (const [step, after] of Object.entries(days)) {
            const at = Date.parse(`${cohort}-02T09:00:00.000Z`) + after * DAY;
            if (at > Date.now()) continue;
            await app.records.outcomes.recordStep({ step: step as OutcomeStep, at: new Date(at).toISOString(), cohort, language: languages[n % 6], region: step === 'started' ? null : regions[i], daysSinceFirstContact: after });
          }
        }
        for (const language of languages) await app.records.outcomes.recordPool({ kind: 'joined', at: `${cohort}-05T10:00:00.000Z`, language, region: null });
      }
      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-numbers').waitFor();
      for (const lang of ['nl', 'ar']) {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.emulateMedia({ media: 'screen' });
        await page.goto(`${url}/console/report?from=${monthsBack(11)}&to=${monthsBack(0)}&lang=${lang}`);
        await page.waitForSelector('body[data-ready="true"]');
        expect(await page.locator('[data-testid="outcome-by-region"] tbody tr').count()).toBe(13);
        // A4 at 96 dpi less Chromium's default print margins: the width the tables must fit in.
        await page.setViewportSize({ width: 703, height: 1000 });
        await page.emulateMedia({ media: 'print' });
        const outside = await page.evaluate(() =>
          Array.from(document.querySelectorAll('table'))
            .map((t) => t.getBoundingClientRect())
            .filter((r) => r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5)
            .map((r) => `${Math.round(r.left)}..${Math.round(r.right)}`),
        );
        expect({ lang, outside }).toEqual({ lang, outside: [] });
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
        if (SHOTS) {
          require('node:fs').writeFileSync(`${SHOTS}/outcome-report-year-${lang}.pdf`, pdf);
          await page.screenshot({ path: `${SHOTS}/outcome-report-year-${lang}-print.png`, fullPage: true });
        }
        expect({ lang, pages: pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length }).toEqual({ lang, pages: 1 });
      }
    } finally {
      await context.close();
      await stop();
    }
  }, 120_000);
});
