import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { browserWithConnector } from '../support/browser';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const HOUR = 3_600_000;

jest.setTimeout(120_000);

/**
 * A Persian-speaking mentor reads the same dates as the newcomer in the chat: the Gregorian calendar
 * (Persian's own default is the Solar Hijri one) and a 24-hour clock.
 */
describe('dates in the console in Persian and Arabic (headless Chromium)', () => {
  const suite = browserWithConnector();

  it('"My slots" shows a time in the Gregorian calendar with a 24-hour clock, as the chat does', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['fa']);
      const api = new ConsoleClient(url);
      await api.login('sara');
      // An afternoon time (17:00 UTC): a 12-hour clock would show it as 5 with a "PM" word.
      const day = new Date(Date.now() + 3 * 24 * HOUR);
      const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 17));
      expect((await api.post('/console/api/talks/slots', { start: start.toISOString(), durationMinutes: 30, languages: ['fa'], link: 'https://meet.example.org/sara', weeks: 1 })).status).toBe(201);

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-slots').click();
      const slots = page.getByTestId('slots-page');
      await slots.getByTestId('slot-item').waitFor();
      for (const lang of ['fa', 'ar']) {
        await page.getByTestId('lang-select').selectOption(lang);
        await waitFor(async () => (await page.locator('html').getAttribute('lang')) === lang, `the page in ${lang}`);
        const shown = await slots.getByTestId('slot-item').locator('time').first().innerText();
        const gregorianMonth = new Intl.DateTimeFormat(`${lang}-u-ca-gregory`, { month: 'long', timeZone: 'UTC' }).format(start);
        // Slot times are shown in Dutch time, as the chat gives them (18:00 in winter, 19:00 in summer).
        const dutchHour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Amsterdam' }).format(start));
        const hour = new Intl.NumberFormat(lang).format(dutchHour);
        expect(shown).toContain(gregorianMonth);
        expect(shown).toContain(`${hour}:`);
        if (lang === 'fa') expect(shown).not.toContain(new Intl.DateTimeFormat('fa', { month: 'long', timeZone: 'UTC' }).format(start));
      }
    } finally {
      await context.close();
      await stop();
    }
  });
});
