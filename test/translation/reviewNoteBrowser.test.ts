import nock from 'nock';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { browserWithConnector } from '../support/browser';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const ar = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const nl = (key: string) => translator().t('nl', key);
const ENDPOINT = 'https://api.cognitive.microsofttranslator.com';
const TRANSLATOR = { TRANSLATOR_KEY: 'translator-key', TRANSLATOR_REGION: 'westeurope', TRANSLATOR_ENDPOINT: ENDPOINT };
const NOTE = 'Voeg een foto van je stad toe.';
const NOTE_AR = 'أضيفي صورة لمدينتك.';

jest.setTimeout(150_000);

describe('the review note translated in a real browser (headless Chromium on a phone, Azure AI Translator at nock)', () => {
  const suite = browserWithConnector();
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  });
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('staff reading in Dutch see the note will be translated, get nothing sent on a failure with the text kept, then send the Arabic preview', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), ...TRANSLATOR });
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'lisa', 'staff');
      const [sara, lisa] = [new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await lisa.login('lisa');
      expect((await lisa.post('/console/api/homework/eligible', { texts: { ar: 'اصنعي صفحة ويب صغيرة.' }, link: 'https://example.org/opdracht', days: 10 })).status).toBe(200);
      const { person, handoffId } = await eligibleWithMentor(url, suite.connector, sara);
      for (const to of ['mentor-talk-booked', 'mentor-talk-held', 'homework-given']) expect((await sara.post(`/console/api/handoffs/${handoffId}/journey/moves`, { to, reason: 'het gesprek' })).status).toBe(200);
      await sara.post(`/console/api/handoffs/${handoffId}/close`, { outcome: 'helped', note: '' });
      await person.hears(ar('handoff:rateQuestion'));
      await person.say('5');
      await person.hears(ar('handoff:ratingThanks'));
      await person.say('واجبي: https://github.com/amina/stad');
      await person.hears(ar('journey:homework.received'));

      const page = await context.newPage();
      await page.addInitScript(() => window.localStorage.setItem('vit-console-lang', 'nl'));
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-journey').click();
      const board = page.getByTestId('journey-page');
      const card = board.locator('[data-testid="journey-person"]').filter({ hasText: 'آمنة' });
      await card.getByTestId('journey-open').click();
      const form = card.getByTestId('homework-review');
      await form.waitFor();
      // The form says the note is translated first, into Arabic.
      expect(await form.locator('label').innerText()).toContain(nl('console:journey.homework.noteTranslated'));

      // Azure fails: nothing is sent or saved, the text stays, the choices are offered.
      const before = suite.connector.repliesIn(person.conversationId).length;
      nock(ENDPOINT).post('/translate').query(true).reply(503, { error: { code: 503000, message: 'Service unavailable' } });
      await card.getByTestId('homework-note').fill(NOTE);
      await card.getByTestId('homework-again').click();
      await card.locator('[data-testid="note-not-translated"][data-reason="failed"]').waitFor();
      expect(await card.getByTestId('note-not-translated').innerText()).toBe(nl('console:journey.homework.noteFailed'));
      expect(await card.getByTestId('homework-note').inputValue()).toBe(NOTE);
      expect(suite.connector.repliesIn(person.conversationId).length).toBe(before);
      expect(await card.getAttribute('data-stage')).toBe('homework-submitted');

      // Try again: the Arabic preview; Send translation sends exactly it.
      nock(ENDPOINT).post('/translate', [{ Text: NOTE }]).query({ 'api-version': '3.0', to: 'ar' }).reply(200, [{ detectedLanguage: { language: 'nl', score: 1 }, translations: [{ text: NOTE_AR, to: 'ar' }] }]);
      await card.getByTestId('note-retry').click();
      const preview = card.getByTestId('note-preview-text');
      await preview.waitFor();
      expect(await preview.innerText()).toBe(NOTE_AR);
      expect(await preview.getAttribute('lang')).toBe('ar');
      await page.screenshot({ path: '/tmp/review-note-preview.png', fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      await card.getByTestId('note-send-translation').click();
      await board.locator('[data-testid="journey-person"][data-stage="homework-given"]').waitFor();
      const got = await waitFor(() => suite.connector.repliesIn(person.conversationId).find((a) => a.text?.includes(NOTE_AR)), 'the translated note in her chat');
      expect(got.text).toContain(ar('journey:homework.again', { name: 'Lisa', note: NOTE_AR }));
      expect(got.text).not.toContain(NOTE);
      // Staff see both: the note as written and what she got.
      const reviewed = board.locator('[data-testid="journey-person"][data-stage="homework-given"]');
      expect(await reviewed.getByTestId('review-translated').innerText()).toContain(NOTE_AR);
      expect(await reviewed.getByTestId('homework-reviews').innerText()).toContain(NOTE);
      await page.screenshot({ path: '/tmp/review-note-sent.png', fullPage: true });
    } catch (error) {
      const [page] = context.pages();
      if (page) await page.screenshot({ path: '/tmp/review-note-failure.png', fullPage: true });
      throw error;
    } finally {
      await context.close();
      await stop();
    }
  });
});
