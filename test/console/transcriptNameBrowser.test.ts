import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
const shown = (key: string, vars?: Record<string, unknown>) => t(`console:${key}`, vars).replace(/[\u2068\u2069]/g, '');

describe('a person without a first name on the staff pages (headless Chromium)', () => {
  const suite = browserWithConnector();

  it('has the short code the mentor list shows, in the transcript list and the transcript view', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext({ locale: 'nl-NL' });
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'lisa', 'staff');
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await person.startAndConsent('nl');
      await person.say(t('common:menu.mentor'));
      await person.hears(t('handoff:howToWait'));

      // The code the mentor list gives this person.
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const listed = await waitFor(async () => {
        const body = (await (await sara.get('/console/api/handoffs')).json()) as { waiting: Array<{ pseudonym?: string }> };
        return body.waiting[0];
      }, 'the person in the waiting list');
      const code = listed.pseudonym!;
      expect(code).toMatch(/^[0-9A-F]{3}$/);
      const expected = shown('person.pseudonym', { code });

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-transcripts').click();
      const item = page.getByTestId('transcript-item');
      await item.first().waitFor();
      expect(await item.count()).toBe(1);
      expect((await item.locator('.card-name').textContent())?.replace(/[\u2068\u2069]/g, '')).toBe(expected);
      await item.first().locator('.card-open').click();
      await page.getByTestId('transcript-view').locator('[data-testid="message"]').first().waitFor();
      await waitFor(async () => (await page.locator('#tv-title').textContent())?.replace(/[\u2068\u2069]/g, '') === expected, `the view named "${expected}"`);
      // Never the channel's user id.
      expect(await page.locator('#tv-title').textContent()).not.toContain(`user-${person.conversationId}`);
    } finally {
      await context.close();
      await stop();
    }
  });
});
