import path from 'node:path';
import { tmpdir } from 'node:os';
import { startTestApp } from '../support/testApp';
import { addAccount } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { readLocaleResources } from '../../src/i18n/localeResources';
import { PROJECT_ROOT } from '../../src/projectRoot';

const consoleTexts = readLocaleResources(path.join(PROJECT_ROOT, 'locales')).en.console as { answers: { problems: Record<string, string>; done: Record<string, string> } };
const en = (key: string) => translator().t('en', key);

describe('staff turn a missed question into an example and change an answer, on a phone (headless Chromium, two instances)', () => {
  const suite = browserWithConnector();

  it('the newcomer on the second instance gets the changed answer to the question the bot missed before', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const first = await startTestApp(env);
    const second = await startTestApp(env);
    const phone = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en' });
    try {
      await addAccount(first.app, 'lisa', 'staff');
      const question = 'where can i buy a cheap bicycle';
      const amina = new Newcomer(first.url, suite.connector, `conv-${uniquePrefix()}`);
      await amina.startAndConsent('en');
      await amina.say(en('common:menu.faq'));
      await amina.hears(en('faq:ask'));
      await amina.say(question);
      await amina.hears(en('faq:notSure'));

      // Staff, on the first instance: the question becomes an example of "other-help".
      const page = await phone.newPage();
      await page.goto(`${first.url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-questions').click();
      const group = page.getByTestId('question-group').filter({ hasText: question });
      await group.getByTestId('question-topic').selectOption('other-help');
      await group.getByTestId('question-example').click();
      await page.getByTestId('questions-done').waitFor();

      // Then its answer in English: refused with markup, saved as plain text, then marked reviewed.
      await page.getByTestId('nav-answers').click();
      await page.getByTestId('answers-page').waitFor();
      await page.getByTestId('answers-refit').waitFor();
      expect(await page.getByTestId('answers-refit').innerText()).toContain('1'); // one staff example now
      const topic = page.locator('[data-testid="answer-topic"][data-topic="other-help"]');
      await topic.getByTestId('answer-open').click();
      await page.getByTestId('answer-editor').waitFor();
      await page.getByTestId('answer-language').selectOption('en');
      await page.getByTestId('answer-text').fill('Ask <b>your</b> municipality.');
      await page.getByTestId('answer-save').click();
      await page.getByTestId('answer-error').filter({ hasText: consoleTexts.answers.problems.markup }).waitFor();
      await page.getByTestId('answer-text').fill('x'.repeat(4100));
      expect(await page.getByTestId('answer-count').innerText()).toBe('4,100 of 4,096 characters');
      await page.getByTestId('answer-save').click();
      await page.getByTestId('answer-error').filter({ hasText: consoleTexts.answers.problems['too-long'] }).waitFor();
      const answer = 'For a bicycle, ask your municipality or the Fietsbank. A mentor can help you look: type "mentor".';
      await page.getByTestId('answer-text').fill(answer);
      await page.getByTestId('answer-save').click();
      await page.getByTestId('answer-done').filter({ hasText: consoleTexts.answers.done.edit }).waitFor();
      expect(await page.getByTestId('answer-error').isHidden()).toBe(true);

      // A newcomer on the second instance asks the same question: the example and the new text are both there.
      const omar = new Newcomer(second.url, suite.connector, `conv-${uniquePrefix()}`);
      await omar.startAndConsent('en');
      await omar.say(en('common:menu.faq'));
      await omar.hears(en('faq:ask'));
      await omar.say('Where can I buy a cheap bicycle?');
      await omar.hears(answer);

      await page.getByTestId('answer-review').click();
      await page.getByTestId('answer-done').filter({ hasText: consoleTexts.answers.done.review }).waitFor();
      await page.locator('[data-testid="answer-editor"] [data-testid="answer-status"][data-lang="en"][data-status="reviewed"]').waitFor();
      expect(await page.locator('[data-testid="answer-editor"] [data-testid="answer-status"][data-lang="nl"]').getAttribute('data-status')).toBe('not-reviewed');
      expect(await page.getByTestId('answer-history').locator('li').count()).toBe(2);
      await page.getByTestId('answer-text').scrollIntoViewIfNeeded();
      // The picture in docs/console.md: refreshed with VIT_SCREENSHOTS=docs/screenshots (else kept out of the work tree).
      await page.screenshot({ path: path.join(process.env.VIT_SCREENSHOTS ? path.resolve(PROJECT_ROOT, process.env.VIT_SCREENSHOTS) : tmpdir(), 'console-answers-phone.png') });
      // Nothing is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      const audit = await first.app.records.audit.between(new Date(0), new Date());
      expect(audit.map((e) => [e.actor, e.action]).reverse()).toEqual(
        expect.arrayContaining([
          ['lisa', 'add-faq-example'],
          ['lisa', 'edit-faq-answer'],
          ['lisa', 'review-faq-answer'],
        ]),
      );
    } finally {
      await phone.close();
      await first.stop();
      await second.stop();
    }
  });
});
