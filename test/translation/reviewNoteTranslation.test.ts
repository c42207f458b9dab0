import nock from 'nock';
import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import type { ReplyTranslationResponse } from '../../src/console/consoleApi';

const ar = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const ENDPOINT = 'https://vit-translator.cognitiveservices.azure.com';
const TRANSLATOR = { TRANSLATOR_KEY: 'translator-key', TRANSLATOR_REGION: 'westeurope', TRANSLATOR_ENDPOINT: ENDPOINT };
const NOTE = 'Voeg een foto van je stad toe.';
const NOTE_AR = 'أضيفي صورة لمدينتك.';
const NOTE_IN_AR = 'عمل رائع، أحسنتِ!';

/** Waits for a reply that contains `part`, and returns its text. */
async function heard(connector: FakeConnector, person: Newcomer, part: string): Promise<string> {
  const found = await waitFor(() => connector.repliesIn(person.conversationId).find((a) => a.text?.includes(part)), `the newcomer hearing "${part.slice(0, 40)}"`);
  return found.text!;
}

/** Sara's Arabic newcomer with homework handed in (the conversation closed, as a person hands it in from the chat). */
async function handedIn(url: string, connector: FakeConnector, sara: ConsoleClient, lisa: ConsoleClient) {
  expect((await lisa.post('/console/api/homework/eligible', { texts: { ar: 'اصنعي صفحة ويب صغيرة.' }, link: 'https://example.org/opdracht', days: 10 })).status).toBe(200);
  const { person, handoffId } = await eligibleWithMentor(url, connector, sara);
  const path = `/console/api/handoffs/${handoffId}/journey`;
  for (const to of ['mentor-talk-booked', 'mentor-talk-held', 'homework-given']) expect((await sara.post(`${path}/moves`, { to, reason: 'het gesprek' })).status).toBe(200);
  await sara.post(`/console/api/handoffs/${handoffId}/close`, { outcome: 'helped', note: '' });
  await person.hears(ar('handoff:rateQuestion'));
  await person.say('5');
  await person.hears(ar('handoff:ratingThanks'));
  await person.say('واجبي: https://github.com/amina/stad');
  await person.hears(ar('journey:homework.received'));
  return { person, path };
}

describe('the homework review note in the person’s language (Azure AI Translator at nock, Redis real)', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    connector = await new FakeConnector().start();
  });
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await connector.stop();
  });

  it('previews the note in Arabic and sends exactly that; a failure or timeout sends nothing; a note in Arabic goes as written', async () => {
    const { app, url, logs, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), ...TRANSLATOR }, { translationTimeoutMs: 200 });
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'lisa', 'staff');
      const [sara, lisa] = [new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await lisa.login('lisa');
      const { person, path } = await handedIn(url, connector, sara, lisa);
      const before = connector.repliesIn(person.conversationId).length;

      // Azure fails (503), then is too slow: nothing is previewed, a review "as translated" is refused, nothing moves or is sent.
      nock(ENDPOINT).post('/translate').query(true).reply(503, { error: { code: 503000, message: 'Service unavailable' } });
      expect(await (await sara.post(`${path}/homework/review-translation`, { note: NOTE })).json()).toEqual({ on: true, to: 'ar', ok: false, reason: 'failed' });
      const refused = await sara.post(`${path}/homework/review`, { verdict: 'again', note: NOTE, translated: true });
      expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([409, 'not-translated']);
      nock(ENDPOINT).post('/translate').query(true).delay(3000).reply(200, [{ detectedLanguage: { language: 'nl', score: 1 }, translations: [{ text: NOTE_AR, to: 'ar' }] }]);
      expect(await (await sara.post(`${path}/homework/review-translation`, { note: NOTE })).json()).toEqual({ on: true, to: 'ar', ok: false, reason: 'timeout' });
      expect((await sara.post(`${path}/homework/review`, { verdict: 'again', note: NOTE, translated: true })).status).toBe(409);
      expect(((await (await sara.get(path)).json()) as any).journey.stage).toBe('homework-submitted');
      expect(connector.repliesIn(person.conversationId).length).toBe(before);

      // Azure answers: the preview in Arabic; the review sent is that preview; the review keeps both.
      nock(ENDPOINT).post('/translate', [{ Text: NOTE }]).query({ 'api-version': '3.0', to: 'ar' }).reply(200, [{ detectedLanguage: { language: 'nl', score: 1 }, translations: [{ text: NOTE_AR, to: 'ar' }] }]);
      const preview = (await (await sara.post(`${path}/homework/review-translation`, { note: NOTE })).json()) as ReplyTranslationResponse;
      expect(preview).toEqual({ on: true, to: 'ar', ok: true, text: NOTE_AR, from: 'nl', sameLanguage: false, lowerQuality: false });
      const again = (await (await sara.post(`${path}/homework/review`, { verdict: 'again', note: NOTE, translated: true })).json()) as any;
      expect(again).toMatchObject({ journey: { stage: 'homework-given' }, delivery: 'sent' });
      expect(again.journey.homework.reviews.at(-1)).toMatchObject({ verdict: 'again', note: NOTE, translated: { text: NOTE_AR, to: 'ar', from: 'nl' } });
      const got = await heard(connector, person, ar('journey:homework.again', { name: 'Sara', note: NOTE_AR }));
      expect(got).not.toContain(NOTE);
      // Staff see both.
      const seen = (await (await lisa.get(path)).json()) as any;
      expect(seen.journey.homework.reviews.at(-1)).toMatchObject({ note: NOTE, translated: { text: NOTE_AR } });

      // Written in Arabic already: the service finds it; the note goes as written, no translation kept with the review.
      await person.say('واجبي: https://github.com/amina/stad-met-foto');
      await person.hears(ar('journey:homework.received'));
      nock(ENDPOINT).post('/translate', [{ Text: NOTE_IN_AR }]).query({ 'api-version': '3.0', to: 'ar' }).reply(200, [{ detectedLanguage: { language: 'ar', score: 1 }, translations: [{ text: NOTE_IN_AR, to: 'ar' }] }]);
      const same = (await (await sara.post(`${path}/homework/review-translation`, { note: NOTE_IN_AR })).json()) as ReplyTranslationResponse;
      expect(same).toMatchObject({ on: true, ok: true, text: NOTE_IN_AR, sameLanguage: true });
      const passed = (await (await sara.post(`${path}/homework/review`, { verdict: 'passed', note: NOTE_IN_AR, translated: true })).json()) as any;
      expect(passed.journey.stage).toBe('homework-reviewed');
      expect(passed.journey.homework.reviews.at(-1).translated).toBeUndefined();
      await heard(connector, person, ar('journey:homework.passed', { name: 'Sara', note: NOTE_IN_AR }));

      for (const text of [NOTE, NOTE_AR]) expect(logs.text).not.toContain(text);
    } finally {
      await stop();
    }
  });

  it('answers "off" without the settings (the note goes as written) and bounds the note', async () => {
    const { app, url, stop } = await startTestApp({});
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const { handoffId } = await eligibleWithMentor(url, connector, sara);
      const path = `/console/api/handoffs/${handoffId}/journey`;
      expect(await (await sara.post(`${path}/homework/review-translation`, { note: NOTE })).json()).toEqual({ on: false });
      expect((await sara.post(`${path}/homework/review-translation`, { note: 'x'.repeat(1001) })).status).toBe(400);
      expect((await sara.post(`${path}/homework/review-translation`, { note: ' ' })).status).toBe(400);
      await addAccount(app, 'joost', 'mentor', ['nl']);
      const joost = new ConsoleClient(url);
      await joost.login('joost');
      expect((await joost.post(`${path}/homework/review-translation`, { note: NOTE })).status).toBe(403);
      expect((await fetch(`${url}${path}/homework/review-translation`, { method: 'POST' })).status).toBe(401);
    } finally {
      await stop();
    }
  });
});
