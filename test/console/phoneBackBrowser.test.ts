import type { Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const hash = (page: Page) => page.evaluate(() => window.location.hash);

describe('Back on a phone while a conversation is open (headless Chromium, 390×844)', () => {
  const suite = browserWithConnector();

  it('goes back to the lists, not out of the console; the pane\u2019s own Back leaves no extra step behind', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['ar', 'nl']);
      const amina = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await amina.startAndConsent('ar');
      await amina.say(t('common:menu.mentor'));
      await amina.hears(t('handoff:howToWait'));

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      const [handoff] = await waitFor(async () => { const w = await app.handoffs.service.queue.waiting(); return w.length ? w : undefined; }, 'the person waiting');
      await page.getByTestId('waiting-item').getByTestId('claim').click();
      await amina.hears(t('handoff:claimed', { mentor: 'Sara' }));
      await page.getByTestId('message-input').waitFor();
      expect(await hash(page)).toBe(`#/handoffs/${encodeURIComponent(handoff.id)}`);

      // The phone's Back (button or gesture): the lists again, still signed in on the console.
      await page.goBack();
      await page.getByTestId('mine-list').locator(`[data-handoff-id="${handoff.id}"]`).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console');
      expect(await hash(page)).toBe('#/handoffs');
      expect(await page.getByTestId('conversation').isVisible()).toBe(false);
      expect(await page.getByTestId('waiting-list').isVisible() || await page.getByTestId('mine-list').isVisible()).toBe(true);

      // Open it again from the card, and leave with the pane's own Back: the address is the list's,
      // and the conversation's step is not left behind (Forward does not reopen it).
      await page.getByTestId('mine-list').locator(`[data-handoff-id="${handoff.id}"] .card-open`).click();
      await page.getByTestId('message-input').waitFor();
      expect(await hash(page)).toBe(`#/handoffs/${encodeURIComponent(handoff.id)}`);
      await page.getByTestId('back').click();
      await waitFor(async () => (await hash(page)) === '#/handoffs', 'the list\u2019s address');
      expect(await page.getByTestId('conversation').isVisible()).toBe(false);
      expect(await page.evaluate(() => (history.state as { conversation?: string } | null)?.conversation ?? null)).toBeNull();
    } finally {
      await context.close();
      await stop();
    }
  });
});
