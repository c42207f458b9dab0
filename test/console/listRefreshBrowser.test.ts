import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/*
 * The lists are drawn again after every live event. A card whose person did not change stays the same
 * element: a mentor's tap that is half-way when the lists refresh (pressed, not yet let go) still
 * opens what they pressed, instead of landing on a card drawn anew under their finger.
 */
describe('the mentor console redrawing its lists (headless Chromium)', () => {
  const suite = browserWithConnector();

  it('keeps the cards that did not change and swaps only the one that did; an open intake that did not change stays too', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['nl', 'en']);
      const amina = new Newcomer(url, suite.connector, `refresh-a-${uniquePrefix()}`);
      const bram = new Newcomer(url, suite.connector, `refresh-b-${uniquePrefix()}`);
      await amina.asksForMentor('en');
      await bram.asksForMentor('nl');

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await waitFor(async () => (await page.getByTestId('live-indicator').getAttribute('data-state')) === 'on', 'live updates');
      const cards = page.getByTestId('waiting-item');
      await waitFor(async () => (await cards.count()) === 2, 'two people waiting');
      // Each card element gets a mark only the page's own element carries.
      await cards.evaluateAll((nodes) => nodes.forEach((node) => ((node as HTMLElement & { kept?: boolean }).kept = true)));
      const bramCount = await page.locator('[data-testid="waiting-item"]').nth(1).textContent();

      // Bram writes while he waits: his card changes (one more message), Amina's does not.
      await bram.say('Hallo, is er iemand?');
      await bram.hearsAgain(translator().t('nl', 'handoff:messageKept'));
      await waitFor(async () => (await page.locator('[data-testid="waiting-item"]').nth(1).textContent()) !== bramCount, 'Bram\u2019s card showing his new message');
      const kept = await cards.evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement & { kept?: boolean }).kept === true));
      expect(kept).toEqual([true, false]);

      // Sara opens Bram's conversation: when he writes, the conversation is drawn again, but his
      // intake, unchanged, stays the same element (a line she is selecting is not drawn anew).
      await page.getByTestId('waiting-item').nth(1).getByTestId('claim').click();
      await bram.hearsAgain(translator().t('nl', 'handoff:claimed', { mentor: 'Sara' }));
      const intake = page.locator('#intake-content > *').first();
      await intake.waitFor();
      await intake.evaluate((node) => ((node as HTMLElement & { kept?: boolean }).kept = true));
      await bram.say('Fijn, dank je!');
      await page.getByTestId('timeline').getByTestId('message').filter({ hasText: 'Fijn, dank je!' }).waitFor();
      expect(await intake.evaluate((node) => (node as HTMLElement & { kept?: boolean }).kept === true)).toBe(true);
    } finally {
      await context.close();
      await stop();
    }
  });
});
