import { startTestApp } from '../support/testApp';
import { addAccount } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';

describe('did the FAQ answers help? on the numbers page (headless Chromium)', () => {
  const suite = browserWithConnector();

  it('shows helpful and not helpful per topic and language, as newcomers tapped them', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext();
    try {
      await addAccount(app, 'lisa', 'staff');
      const nl = (key: string) => translator().t('nl', key);
      const dutch = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await dutch.startAndConsent('nl');
      await dutch.say(nl('common:menu.faq'));
      await dutch.hears(nl('faq:ask'));
      await dutch.say('is er een leeftijdsgrens?');
      await dutch.hears(nl('faq:topics.age.answer'));
      await dutch.say(nl('faq:feedback.helpful'));
      await dutch.hears(nl('faq:feedback.thanks'));

      const ar = (key: string) => translator().t('ar', key);
      const arabic = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await arabic.startAndConsent('ar');
      await arabic.say(ar('common:menu.faq'));
      await arabic.hears(ar('faq:ask'));
      await arabic.say('بدي بيت');
      await arabic.hears(ar('faq:topics.other-help.answer'));
      await arabic.say(ar('faq:feedback.notHelpful'));
      await arabic.hears(ar('faq:feedback.sorry'));

      // An answer given at the menu carries the pair too; a tap there counts the same.
      const en = (key: string) => translator().t('en', key);
      const english = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await english.startAndConsent('en');
      await english.say('is there an age limit?');
      await english.hears(en('faq:topics.age.answer'));
      await english.say(en('faq:feedback.helpful'));
      await english.hears(en('faq:feedback.thanks'));

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-numbers').click();
      await page.getByTestId('numbers-page').waitFor();
      const table = page.getByTestId('faq-feedback');
      const age = table.locator('tr[data-topic="age"][data-lang="nl"]');
      await age.waitFor();
      expect(await age.locator('[data-count="helpful"]').innerText()).toBe('1');
      expect(await age.locator('[data-count="notHelpful"]').innerText()).toBe('0');
      const otherHelp = table.locator('tr[data-topic="other-help"][data-lang="ar"]');
      expect(await otherHelp.locator('[data-count="helpful"]').innerText()).toBe('0');
      expect(await otherHelp.locator('[data-count="notHelpful"]').innerText()).toBe('1');
      const ageEnglish = table.locator('tr[data-topic="age"][data-lang="en"]');
      expect(await ageEnglish.locator('[data-count="helpful"]').innerText()).toBe('1');
      expect(await table.locator('tbody tr').count()).toBe(3);
    } finally {
      await context.close();
      await stop();
    }
  });
});
