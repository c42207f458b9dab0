import nock from 'nock';
import { FakeGraph, voiceMessage, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { postActivity, startTestApp } from '../support/testApp';
import { emulatorMessage, FakeConnector } from '../support/fakeConnector';
import { translator } from '../support/chatDriver';
import { oggOpusSilence } from '../support/oggOpus';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';
import type { Language } from '../../src/i18n/languages';
import type { SpeechToText } from '../../src/speech/speechToText';
import { MAX_TRANSCRIPT_CHARS } from '../../src/bot/voiceNoteMiddleware';

const SPEECH = 'https://westeurope.api.cognitive.microsoft.com';
const PATH = '/speechtotext/transcriptions:transcribe';
const speechEnv = { SPEECH_KEY: 'speech-key', SPEECH_REGION: 'westeurope' };
const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

/** Azure hears `text` in a voice note sent with `locale`; records the locale asked for. */
function speechHears(text: string, locale: string) {
  return nock(SPEECH, { reqheaders: { 'ocp-apim-subscription-key': 'speech-key' } })
    .post(PATH, (body: string) => Buffer.from(body, /^[0-9a-f]+$/.test(body) ? 'hex' : 'utf8').toString('latin1').includes(`{"locales":["${locale}"]`))
    .query({ 'api-version': '2024-11-15' })
    .reply(200, { durationMilliseconds: 2000, combinedPhrases: [{ text }], phrases: [] });
}

const bodyOf = (m: Record<string, any>) => m.text?.body ?? m.interactive?.body?.text;
const buttonsOf = (m: Record<string, any>) =>
  m.interactive?.type === 'button' ? m.interactive.action.buttons.map((b: any) => b.reply.title) : m.interactive?.action.sections[0].rows.map((r: any) => r.title);

let mediaIds = 1_000_000;
/** A voice note kept at the fake Graph API, by a fresh numeric media id as Meta gives them. */
function voiceNote(graph: FakeGraph, bytes: Uint8Array = oggOpusSilence(2), mimeType?: string, options?: { phoneNumberId?: string; hang?: boolean }): string {
  const id = String(++mediaIds);
  graph.addMedia(id, bytes, mimeType, options);
  return id;
}

async function startIn(person: WhatsAppPerson, lng: Language, languageName: string) {
  await person.say('hi');
  await person.tap(languageName);
  await person.tap(t(lng, 'consent:agree'));
}

describe('WhatsApp voice notes', () => {
  let graph: FakeGraph;
  beforeAll(() => nock.disableNetConnect());
  beforeAll(() => nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/));
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    nock.abortPendingRequests();
    nock.cleanAll();
    await graph.stop();
  });
  afterAll(() => nock.enableNetConnect());

  it('a Dutch voice note answers an intake question once the person says the transcript is right', async () => {
    const { url, stop, app } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv });
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'nl', 'Nederlands');
      const [firstName] = await person.tap(t('nl', 'common:menu.intake'));
      expect(bodyOf(firstName).endsWith(t('nl', 'intake:fields.firstName.prompt'))).toBe(true);

      const speech = speechHears('Amina.', 'nl-NL');
      const [heard] = await person.send(voiceMessage(voiceNote(graph)));
      expect(speech.isDone()).toBe(true);
      expect(bodyOf(heard)).toBe('Ik hoorde: «Amina»\nKlopt dat?');
      expect(buttonsOf(heard)).toEqual([t('nl', 'common:buttons.yes'), t('nl', 'common:buttons.no')]);
      // The media came with our token and our phone number id.
      expect(graph.mediaRequests.map((r) => [r.path.replace(/\d{7}/, 'ID'), r.authorization])).toEqual([
        ['/v23.0/ID?phone_number_id=106540352242922', 'Bearer test-token'],
        ['/media-download/ID', 'Bearer test-token'],
      ]);

      const [next] = await person.tap(t('nl', 'common:buttons.yes'));
      expect(bodyOf(next)).toBe(t('nl', 'intake:fields.residenceStatus.prompt'));
      // The answer counts as typed: "Amina." became the first name.
      const key = `whatsapp/users/NL.${person.phone}/`;
      const record = (await app.storage.read([key]))[key]?.person;
      expect(record.intake.answers.firstName).toBe('Amina');

      // The transcript is kept with the voice note (the person consented), marked as transcribed; no audio.
      const logged = await app.transcripts.store.getTranscriptActivities('whatsapp', `whatsapp:NL.${person.phone}`);
      const voice = logged.items.find((a) => a.attachments?.[0]?.contentType.startsWith('audio/'));
      expect(voice?.attachments?.[0]?.content).toEqual({ mediaId: expect.any(String), transcript: 'Amina', transcribed: true });
      expect(await app.metrics.registry.getSingleMetricAsString('vit_voice_notes_total')).toContain('result="transcribed"} 1');
    } finally {
      await stop();
    }
  });

  it('an Arabic voice note answers an intake question; the transcript is isolated in the right-to-left text; the audio is kept nowhere', async () => {
    const prefix = uniquePrefix();
    const redis = connectTestRedis();
    const { url, stop, app } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv, REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'ar', 'العربية');
      await person.tap(t('ar', 'common:menu.intake'));
      const audio = oggOpusSilence(3, 'AUDIO-MARKER-7c1e');
      speechHears('أمينة.', 'ar-SA');
      const [heard] = await person.send(voiceMessage(voiceNote(graph, audio)));
      expect(bodyOf(heard)).toBe(t('ar', 'voice:heard', { text: '\u2068أمينة\u2069' }));
      expect(bodyOf(heard)).toContain('«\u2068أمينة\u2069»');
      expect(buttonsOf(heard)).toEqual([t('ar', 'common:buttons.yes'), t('ar', 'common:buttons.no')]);
      const [next] = await person.tap(t('ar', 'common:buttons.yes'));
      expect(bodyOf(next)).toBe(t('ar', 'intake:fields.residenceStatus.prompt'));
      const key = `whatsapp/users/NL.${person.phone}/`;
      expect((await app.storage.read([key]))[key]?.person.intake.answers.firstName).toBe('أمينة');

      const base64 = Buffer.from(audio).toString('base64').slice(0, 200);
      for (const [key, content] of await keyspace(redis, prefix)) {
        expect([key, content.includes('AUDIO-MARKER-7c1e') || content.includes(base64)]).toEqual([key, false]);
      }
    } finally {
      await redis.quit();
      await stop();
    }
  });

  it('a Persian question about IT asked by voice gets the FAQ answer', async () => {
    const { url, stop } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv });
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'fa', 'فارسی');
      const [ask] = await person.tap(t('fa', 'common:menu.faq'));
      expect(bodyOf(ask)).toBe(t('fa', 'faq:ask'));
      speechHears('هلندی چقدر باید بلد باشم', 'fa-IR');
      const [heard] = await person.send(voiceMessage(voiceNote(graph)));
      expect(bodyOf(heard)).toBe(t('fa', 'voice:heard', { text: '\u2068هلندی چقدر باید بلد باشم\u2069' }));
      const [answer] = await person.tap(t('fa', 'common:buttons.yes'));
      expect(bodyOf(answer)).toContain(t('fa', 'faq:topics.language-requirements.answer'));
    } finally {
      await stop();
    }
  });

  it('without consent a voice question is answered, and neither it nor its transcript is kept in the transcript', async () => {
    const { url, stop, app } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv });
    try {
      const person = new WhatsAppPerson(url, graph);
      await person.say('hi');
      await person.tap('English');
      const declined = await person.tap(t('en', 'consent:decline'));
      expect(bodyOf(declined[0]).startsWith(t('en', 'consent:declined'))).toBe(true);
      await person.tap(t('en', 'common:menu.faq'));
      speechHears('Who can join?', 'en-US');
      const [heard] = await person.send(voiceMessage(voiceNote(graph)));
      expect(bodyOf(heard)).toBe(t('en', 'voice:heard', { text: 'Who can join?' }));
      const [answer] = await person.tap(t('en', 'common:buttons.yes'));
      expect(bodyOf(answer)).toContain(t('en', 'faq:topics.who-can-join.answer', { answerDays: 180, chatDays: 180 }));
      const logged = await app.transcripts.store.getTranscriptActivities('whatsapp', `whatsapp:NL.${person.phone}`);
      expect(logged.items).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('a command said in a Turkish voice note is carried out once confirmed', async () => {
    const { url, stop } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv });
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'tr', 'Türkçe');
      await person.tap(t('tr', 'common:menu.intake'));
      speechHears('Menü.', 'tr-TR');
      const [heard] = await person.send(voiceMessage(voiceNote(graph)));
      expect(bodyOf(heard)).toBe(t('tr', 'voice:heard', { text: 'Menü' }));
      const [menu] = await person.tap(t('tr', 'common:buttons.yes'));
      expect(bodyOf(menu)).toBe(t('tr', 'common:menu.prompt'));
    } finally {
      await stop();
    }
  });

  it('a Tigrinya voice note gets the kind reply with a mentor button, and once in line goes to the mentor', async () => {
    const { url, stop, app } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv });
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'ti', 'ትግርኛ');
      const [firstName] = await person.tap(t('ti', 'common:menu.intake'));
      expect(buttonsOf(firstName)).not.toContain(t('ti', 'common:menu.mentor'));
      const [again] = await person.send(voiceMessage(voiceNote(graph)));
      expect(bodyOf(again)).toBe(`${t('ti', 'common:onlyText')}\n\n${t('ti', 'intake:fields.firstName.prompt')}`);
      expect(buttonsOf(again)).toContain(t('ti', 'common:menu.mentor'));
      expect(graph.mediaRequests).toEqual([]); // Azure has no Tigrinya: the audio is not even fetched

      await person.tap(t('ti', 'common:menu.mentor'));
      const handoffBefore = await app.handoffs.service.queue.openFor('whatsapp', `NL.${person.phone}`);
      expect(handoffBefore).toMatchObject({ status: 'waiting', language: 'ti', reason: 'bot-unsure' });

      const mediaId = voiceNote(graph);
      const [kept] = await person.send(voiceMessage(mediaId));
      expect(bodyOf(kept)).toBe(t('ti', 'voice:keptForMentor'));
      const handoff = await app.handoffs.service.queue.openFor('whatsapp', `NL.${person.phone}`);
      expect(handoff?.messages.at(-1)).toMatchObject({ from: 'person', kind: 'voice', text: '', voice: { mediaId, contentType: 'audio/ogg; codecs=opus' } });
    } finally {
      await stop();
    }
  });

  it('a voice note as the very first message gets the greeting and the language question: no language to listen for yet', async () => {
    const { url, stop } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv });
    try {
      const person = new WhatsAppPerson(url, graph);
      const [languages] = await person.send(voiceMessage(voiceNote(graph)));
      expect(bodyOf(languages).startsWith(`${t('nl', 'common:greeting')}\n\n`)).toBe(true);
      expect(buttonsOf(languages)).toContain('العربية');
      expect(graph.mediaRequests).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('does not fetch WhatsApp media for an activity on /api/messages that only calls itself whatsapp', async () => {
    const connector = await new FakeConnector().start();
    const { url, stop } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv }); // no app id: authentication off
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'nl', 'Nederlands');
      const conversationId = `whatsapp:NL.${person.phone}`;
      const forged = emulatorMessage(connector.url, '', {
        channelId: 'whatsapp',
        from: { id: `NL.${person.phone}`, name: 'x' },
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        attachments: [{ contentType: 'audio/ogg', name: 'voice note', content: { mediaId: voiceNote(graph) } }],
      });
      // WhatsApp only comes in through the signed webhook: /api/messages refuses it before any turn runs.
      expect((await postActivity(url, { ...forged, text: undefined })).status).toBe(403);
      expect(graph.mediaRequests).toEqual([]);
      expect(connector.repliesIn(conversationId)).toEqual([]);
    } finally {
      await stop();
      await connector.stop();
    }
  });

  it('without Speech configured a voice note gets "I can only read text" and the mentor button, as before', async () => {
    const { url, stop, app } = await startTestApp(whatsAppEnv(graph));
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'nl', 'Nederlands');
      await person.tap(t('nl', 'common:menu.intake'));
      const [again] = await person.send(voiceMessage(voiceNote(graph)));
      expect(bodyOf(again).startsWith(t('nl', 'common:onlyText'))).toBe(true);
      expect(buttonsOf(again)).toContain(t('nl', 'common:menu.mentor'));
      expect(graph.mediaRequests).toEqual([]);
      expect(await app.metrics.registry.getSingleMetricAsString('vit_voice_notes_total')).toContain('result="not-configured"} 1');
    } finally {
      await stop();
    }
  });

  it('tells the person clearly what went wrong with a voice note, stores nothing, and goes on', async () => {
    const { url, stop, app } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv }, { voiceTimeoutMs: 400 });
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'nl', 'Nederlands');
      await person.tap(t('nl', 'common:menu.intake'));
      const expectReply = async (mediaId: string, key: string) => {
        const [again] = await person.send(voiceMessage(mediaId));
        expect(bodyOf(again)).toBe(`${t('nl', key)}\n\n${t('nl', 'intake:fields.firstName.prompt')}`);
        expect(buttonsOf(again)).toContain(t('nl', 'common:menu.mentor'));
      };
      await expectReply(voiceNote(graph, new Uint8Array(512 * 1024 + 1)), 'voice:tooLong');
      await expectReply(voiceNote(graph, oggOpusSilence(1), 'video/mp4'), 'common:onlyText');
      await expectReply(voiceNote(graph, oggOpusSilence(1), undefined, { phoneNumberId: '999999999999999' }), 'voice:notReceived');
      await expectReply(voiceNote(graph, oggOpusSilence(1), undefined, { hang: true }), 'common:onlyText');
      nock(SPEECH).post(PATH).query(true).delay(5_000).reply(200, { combinedPhrases: [{ text: 'te laat' }] });
      await expectReply(voiceNote(graph), 'common:onlyText');
      nock(SPEECH).post(PATH).query(true).reply(200, { combinedPhrases: [] });
      await expectReply(voiceNote(graph), 'voice:noWords');
      nock(SPEECH).post(PATH).query(true).reply(500, { error: { code: 'InternalServerError' } });
      await expectReply(voiceNote(graph), 'common:onlyText');

      const metric = await app.metrics.registry.getSingleMetricAsString('vit_voice_notes_total');
      for (const result of ['too-large', 'wrong-type', 'not-found', 'no-speech']) expect(metric).toContain(`result="${result}"} 1`);
      expect(metric).toContain('result="timeout"} 2');
      expect(metric).toContain('result="failed"} 1');
      // No transcript waits for a yes: what is typed next is the answer to the question.
      const [afterYes] = await person.say('Amina');
      expect(bodyOf(afterYes)).toBe(t('nl', 'intake:fields.residenceStatus.prompt'));
    } finally {
      await stop();
    }
  });

  it('takes another speech provider behind the same port (one that knows Tigrinya)', async () => {
    const heard: Array<{ lng: Language; bytes: number; contentType: string }> = [];
    let said = 'ሰላም';
    const provider: SpeechToText = {
      supports: () => true,
      transcribe: async (audio, lng) => {
        heard.push({ lng, bytes: audio.bytes.byteLength, contentType: audio.contentType });
        return { ok: true, text: said };
      },
    };
    const { url, stop } = await startTestApp(whatsAppEnv(graph), { speech: provider });
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'ti', 'ትግርኛ');
      const audio = oggOpusSilence(1);
      const [reply] = await person.send(voiceMessage(voiceNote(graph, audio)));
      expect(bodyOf(reply)).toBe(t('ti', 'voice:heard', { text: 'ሰላም' }));
      expect(heard).toEqual([{ lng: 'ti', bytes: audio.byteLength, contentType: 'audio/ogg; codecs=opus' }]);

      // A very long transcript is cut to what a person would type, and the question still fits in one message.
      said = 'ሰላም '.repeat(600);
      const [long] = await person.send(voiceMessage(voiceNote(graph)));
      const transcript = bodyOf(long).match(/«(.*)»/s)![1];
      expect(transcript.length).toBeLessThanOrEqual(MAX_TRANSCRIPT_CHARS + 1);
      expect(transcript.endsWith('ሰላም…')).toBe(true);
      expect(buttonsOf(long)).toEqual([t('ti', 'common:buttons.yes'), t('ti', 'common:buttons.no')]);
    } finally {
      await stop();
    }
  });

  it('a "no" to the transcript asks to type or speak again, and the question still waits for its answer', async () => {
    const { url, stop } = await startTestApp({ ...whatsAppEnv(graph), ...speechEnv });
    try {
      const person = new WhatsAppPerson(url, graph);
      await startIn(person, 'nl', 'Nederlands');
      await person.tap(t('nl', 'common:menu.intake'));
      speechHears('Almere', 'nl-NL');
      await person.send(voiceMessage(voiceNote(graph)));
      const [again] = await person.tap(t('nl', 'common:buttons.no'));
      expect(bodyOf(again)).toBe(t('nl', 'voice:sayAgain'));
      const [next] = await person.say('Amina');
      expect(bodyOf(next)).toBe(t('nl', 'intake:fields.residenceStatus.prompt'));
    } finally {
      await stop();
    }
  });
});
