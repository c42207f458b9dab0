import nock from 'nock';
import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { translator } from '../support/chatDriver';
import type { App } from '../../src/app';
import type { MessageTranslationView, ReplyTranslationResponse, TranslationsResponse } from '../../src/console/consoleApi';

const ar = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const ENDPOINT = 'https://vit-translator.cognitiveservices.azure.com';
const TRANSLATOR = { TRANSLATOR_KEY: 'translator-key', TRANSLATOR_REGION: 'westeurope', TRANSLATOR_ENDPOINT: ENDPOINT };
const ASKED = 'هل أحتاج إلى شهادة في تكنولوجيا المعلومات؟';
const ASKED_NL = 'Heb ik een diploma in IT nodig?';
const REPLY = 'Nee, dat is niet nodig. Je motivatie telt.';
const REPLY_AR = 'لا، هذا ليس ضروريًا. دافعك هو المهم.';

/** An Arabic newcomer who asked for a mentor and wrote a question; mentor Sara (reads the console in Dutch) took them. */
async function arabicNewcomerWithSara(app: App, url: string, connector: FakeConnector) {
  await addAccount(app, 'sara', 'mentor', ['nl']);
  await addAccount(app, 'nadia', 'staff');
  const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
  await person.startAndConsent('ar');
  await person.say(ar('common:menu.mentor'));
  await person.hears(ar('handoff:howToWait'));
  await person.say(ASKED);
  await person.hears(ar('handoff:messageKept'));
  const sara = new ConsoleClient(url);
  await sara.login('sara');
  const [waiting] = await app.handoffs.service.queue.waiting();
  expect((await sara.post(`/console/api/handoffs/${waiting.id}/claim`)).status).toBe(200);
  return { person, sara, id: waiting.id };
}

describe('translation in the console API (Azure AI Translator at nock, Redis real)', () => {
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

  it('translates the person’s messages once, keeps the translation for the next read, and sends the previewed reply in their language with the original kept', async () => {
    const prefix = uniquePrefix();
    const { app, url, logs, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, ...TRANSLATOR });
    const redis = connectTestRedis();
    try {
      const { person, sara, id } = await arabicNewcomerWithSara(app, url, connector);

      let sent: unknown;
      const incoming = nock(ENDPOINT, { reqheaders: { 'ocp-apim-subscription-key': 'translator-key', 'ocp-apim-subscription-region': 'westeurope' } })
        .post('/translate', (body) => ((sent = body), true))
        .query({ 'api-version': '3.0', to: 'nl' })
        .reply(200, (_uri, body) => (body as Array<{ Text: string }>).map((item) => ({ detectedLanguage: { language: 'ar', score: 1 }, translations: [{ text: item.Text === ASKED ? ASKED_NL : `NL: ${item.Text}`, to: 'nl' }] })));
      const first = (await (await sara.get(`/console/api/handoffs/${id}/translations?to=nl`)).json()) as TranslationsResponse;
      expect(incoming.isDone()).toBe(true);
      expect(first).toMatchObject({ on: true, ok: true, to: 'nl' });
      const items = (first as { items: MessageTranslationView[] }).items;
      expect(items.find((i) => i.source === ASKED)).toMatchObject({ status: 'translated', text: ASKED_NL, from: 'ar', lowerQuality: false });
      // The person's own messages only (before the handoff too), never the bot's.
      expect((sent as Array<{ Text: string }>).map((s) => s.Text)).toContain(ASKED);
      expect((sent as Array<{ Text: string }>).every((s) => !s.Text.includes(ar('handoff:messageKept')))).toBe(true);

      // Read again (a refresh): from what was kept, no call to Azure (none is set up: a call would fail).
      const again = (await (await sara.get(`/console/api/handoffs/${id}/translations?to=nl`)).json()) as TranslationsResponse;
      expect(again).toEqual(first);

      // Kept in Redis under the person's hash tag, named by digests: no text of theirs in a key.
      const kept = (await keyspace(redis, prefix)).filter(([key]) => key.startsWith(`${prefix}translations:`));
      expect(kept).toHaveLength(1);
      expect(kept[0][0]).toMatch(/^[^:]+:translations:\{[A-Za-z0-9_-]{22}\}$/);
      expect(kept[0][1]).not.toContain(ASKED);

      // The reply: previewed in Arabic (the person's language), then sent exactly as previewed.
      nock(ENDPOINT).post('/translate', [{ Text: REPLY }]).query({ 'api-version': '3.0', to: 'ar' }).reply(200, [{ detectedLanguage: { language: 'nl', score: 1 }, translations: [{ text: REPLY_AR, to: 'ar' }] }]);
      const preview = (await (await sara.post(`/console/api/handoffs/${id}/reply-translation`, { text: REPLY })).json()) as ReplyTranslationResponse;
      expect(preview).toEqual({ on: true, to: 'ar', ok: true, text: REPLY_AR, from: 'nl', sameLanguage: false, lowerQuality: false });
      const sentReply = await sara.post(`/console/api/handoffs/${id}/messages/translated`, { text: REPLY });
      expect(sentReply.status).toBe(200);
      expect(((await sentReply.json()) as { message: unknown }).message).toMatchObject({ from: 'mentor', text: REPLY_AR, translatedFrom: { text: REPLY, language: 'nl' } });
      await person.hears(REPLY_AR);
      expect(person.texts()).not.toContain(REPLY);

      // Staff read both in the transcript.
      const nadia = new ConsoleClient(url);
      await nadia.login('nadia');
      const list = (await (await nadia.get('/console/api/transcripts')).json()) as { items: Array<{ id: string }> };
      const transcript = (await (await nadia.get(`/console/api/transcripts/${encodeURIComponent(list.items[0].id)}`)).json()) as { messages: Array<{ from: string; text: string; translatedFrom?: unknown }> };
      expect(transcript.messages.find((m) => m.from === 'mentor' && m.text === REPLY_AR)).toMatchObject({ translatedFrom: { text: REPLY, language: 'nl' } });

      // A text never previewed is not sent translated.
      const unpreviewed = await sara.post(`/console/api/handoffs/${id}/messages/translated`, { text: 'Tot morgen!' });
      expect(unpreviewed.status).toBe(409);
      expect(await unpreviewed.json()).toMatchObject({ error: 'not-translated' });
      expect(person.texts()).not.toContain('Tot morgen!');

      // No message text or translation in the logs.
      for (const text of [ASKED, ASKED_NL, REPLY, REPLY_AR]) expect(logs.text).not.toContain(text);

      // Part of the person's data export, and erased with the person.
      const exported = await app.personRecords.export('emulator', `user-${person.conversationId}`);
      expect(exported.translations).toEqual(expect.arrayContaining([{ text: ASKED_NL, from: 'ar' }, { text: REPLY_AR, from: 'nl' }]));
      await app.personRecords.erase('emulator', `user-${person.conversationId}`);
      expect((await keyspace(redis, prefix)).filter(([key]) => key.startsWith(`${prefix}translations:`))).toEqual([]);
    } finally {
      await redis.quit();
      await stop();
    }
  });

  it('says when a translation failed or took too long, and sends nothing', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), ...TRANSLATOR }, { translationTimeoutMs: 200 });
    try {
      const { person, sara, id } = await arabicNewcomerWithSara(app, url, connector);
      nock(ENDPOINT).post('/translate').query(true).reply(429, { error: { code: 429001, message: 'Too many requests' } });
      expect(await (await sara.get(`/console/api/handoffs/${id}/translations?to=nl`)).json()).toEqual({ on: true, to: 'nl', ok: false, reason: 'failed' });

      const before = person.texts().length;
      nock(ENDPOINT).post('/translate').query(true).delay(3000).reply(200, [{ translations: [{ text: REPLY_AR, to: 'ar' }] }]);
      expect(await (await sara.post(`/console/api/handoffs/${id}/reply-translation`, { text: REPLY })).json()).toEqual({ on: true, to: 'ar', ok: false, reason: 'timeout' });
      expect((await sara.post(`/console/api/handoffs/${id}/messages/translated`, { text: REPLY })).status).toBe(409);
      nock(ENDPOINT).post('/translate').query(true).reply(200, '[{"translations": [', { 'Content-Type': 'application/json' });
      expect(await (await sara.post(`/console/api/handoffs/${id}/reply-translation`, { text: REPLY })).json()).toEqual({ on: true, to: 'ar', ok: false, reason: 'failed' });
      expect((await sara.post(`/console/api/handoffs/${id}/messages/translated`, { text: REPLY })).status).toBe(409);
      const handoff = await app.handoffs.service.queue.get(id);
      expect(handoff!.messages.filter((m) => m.from === 'mentor')).toEqual([]);
      expect(person.texts().length).toBe(before);
    } finally {
      await stop();
    }
  });

  it('answers "off" without the settings, and guards who may read or write', async () => {
    const { app, url, stop } = await startTestApp({});
    try {
      const { sara, id } = await arabicNewcomerWithSara(app, url, connector);
      expect(await (await sara.get(`/console/api/handoffs/${id}/translations?to=nl`)).json()).toEqual({ on: false });
      expect(await (await sara.post(`/console/api/handoffs/${id}/reply-translation`, { text: REPLY })).json()).toEqual({ on: false });
      expect((await sara.post(`/console/api/handoffs/${id}/messages/translated`, { text: REPLY })).status).toBe(409);
      expect((await sara.get(`/console/api/handoffs/${id}/translations?to=xx`)).status).toBe(400);
      expect((await fetch(`${url}/console/api/handoffs/${id}/translations?to=nl`)).status).toBe(401);
      await addAccount(app, 'joost', 'mentor', ['nl']);
      const joost = new ConsoleClient(url);
      await joost.login('joost');
      expect((await joost.get(`/console/api/handoffs/${id}/translations?to=nl`)).status).toBe(403);
      expect((await joost.post(`/console/api/handoffs/${id}/reply-translation`, { text: REPLY })).status).toBe(403);
      expect((await sara.post(`/console/api/handoffs/${id}/reply-translation`, { text: 'x'.repeat(4001) })).status).toBe(400);
    } finally {
      await stop();
    }
  });
});
