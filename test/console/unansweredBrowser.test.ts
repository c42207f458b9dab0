import { startTestApp } from '../support/testApp';
import { addAccount } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { FAQ_TOPICS, isFaqTopic } from '../../src/domain/faqTopics';
import type { Language } from '../../src/domain/language';

describe('questions the bot could not answer, on the staff page (headless Chromium)', () => {
  const suite = browserWithConnector();

  it('lets staff make a question the bot was unsure of an example of a topic, and the bot then answers it', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext();
    try {
      await addAccount(app, 'lisa', 'staff');
      const ar = (key: string) => translator().t('ar', key);
      const amina = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await amina.startAndConsent('ar');
      await amina.say(ar('common:menu.faq'));
      await amina.hears(ar('faq:ask'));
      const question = 'وين بقدر اشتري بسكليت رخيص';
      await amina.say(question);
      await amina.hears(ar('faq:notSure'));

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-questions').click();
      await page.getByTestId('questions-page').waitFor();
      const group = page.getByTestId('question-group').filter({ hasText: question });
      await group.waitFor();
      expect(await group.getAttribute('data-count')).toBe('1');
      // Topics by their titles in the staff's language, never by the internal ids.
      const lng = (await page.evaluate(() => document.documentElement.lang)) as Language;
      const title = (topic: string) => translator().t(lng, `faq:topics.${topic}.title`);
      const options = await group.getByTestId('question-topic').locator('option').evaluateAll((nodes) => nodes.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
      expect(options.length).toBe(FAQ_TOPICS.length);
      for (const [topic, text] of options) expect(text).toBe(title(topic!));
      // The guess as the API gives it (the page's own session).
      const listed = (await (await page.request.get(`${url}/console/api/unanswered`)).json()) as { groups: Array<{ items: Array<{ guess?: { intent?: string | null } }> }> };
      const guessed = listed.groups[0].items[0].guess?.intent;
      const guessText = await group.getByTestId('question-guess').innerText();
      if (guessed && isFaqTopic(guessed)) {
        expect(guessText).toContain(title(guessed));
        expect(guessText).not.toContain(guessed);
      }
      await group.getByTestId('question-topic').selectOption('other-help');
      await group.getByTestId('question-example').click();
      await page.getByTestId('questions-done').waitFor();
      const done = await page.getByTestId('questions-done').innerText();
      expect(done).toContain(title('other-help'));
      expect(done).not.toContain('other-help');
      await page.getByTestId('question-group').filter({ hasText: question }).waitFor({ state: 'detached' });

      await amina.say(question);
      await amina.hears(ar('faq:topics.other-help.answer'));
      const audit = await app.records.audit.between(new Date(0), new Date());
      expect(audit.filter((e) => e.action === 'add-faq-example').map((e) => e.actor)).toEqual(['lisa']);
    } finally {
      await context.close();
      await stop();
    }
  });
});
