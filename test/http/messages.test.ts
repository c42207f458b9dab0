import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { startTestApp, postActivity } from '../support/testApp';
import { replyIdOf } from '../../src/bot/turnOutbox';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

describe('POST /api/messages in Emulator mode (no app id)', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it.each([
    ['memory storage', {}],
    ['Redis storage', { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() }],
  ])('answers a message with a greeting and the language choice at the serviceUrl (%s)', async (_name, env) => {
    const { url, stop } = await startTestApp(env);
    try {
      const conversation = { id: `conv-${uniquePrefix()}` };
      const response = await postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation, locale: 'nl-NL' }));
      expect(response.status).toBe(200);
      const [greeting, languages] = await connector.waitForReplies(conversation.id, 2);
      expect(greeting.text).toBe('Hallo! Ik ben VIT Wegwijzer. Ik help je op weg naar werk in de IT.');
      expect(greeting.replyToId).toMatch(/^msg-/);
      expect(languages.text?.split('\n')[0]).toBe('Kies je taal.');
      expect(languages.suggestedActions?.actions.map((a) => a.title)).toEqual(['Nederlands', 'English', 'العربية', 'Türkçe', 'فارسی', 'ትግርኛ']);

      // Tapping a button continues the conversation, with state kept in the chosen storage.
      await postActivity(url, emulatorMessage(connector.url, 'Nederlands', { conversation }));
      const replies = await connector.waitForReplies(conversation.id, 6);
      expect(replies[2].text).toBe('Oké, ik schrijf in het Nederlands.');
      expect(replies[5].suggestedActions?.actions.map((a) => a.title)).toEqual(['Ja, akkoord', 'Lees meer', 'Nee, liever niet']);
    } finally {
      await stop();
    }
  });

  it('greets in the language of the channel locale and offers it first', async () => {
    const { url, stop } = await startTestApp();
    try {
      const conversation = { id: 'conv-ar' };
      await postActivity(url, emulatorMessage(connector.url, 'مرحبا', { conversation, locale: 'ar-SY' }));
      const [greeting, languages] = await connector.waitForReplies(conversation.id, 2);
      expect(greeting.text).toContain('مرحبًا');
      expect(languages.suggestedActions?.actions[0].title).toBe('العربية');
    } finally {
      await stop();
    }
  });

  it('greets a newcomer when the conversation starts', async () => {
    const { url, stop } = await startTestApp();
    try {
      const conversation = { id: 'conv-added' };
      await postActivity(url, {
        ...emulatorMessage(connector.url, '', { conversation, locale: 'en-US' }),
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }],
      });
      const [greeting] = await connector.waitForReplies(conversation.id, 2);
      expect(greeting.text).toBe('Hello! I am VIT Wegwijzer. I help you on your way to a job in IT.');
    } finally {
      await stop();
    }
  });

  it('rejects a body that is not an activity', async () => {
    const { url, stop } = await startTestApp();
    try {
      const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":' });
      expect(response.status).toBe(400);
    } finally {
      await stop();
    }
  });

  it('counts turns in /metrics and never logs what people write', async () => {
    const { url, stop, logs } = await startTestApp();
    try {
      const conversation = { id: 'conv-metrics' };
      await postActivity(url, emulatorMessage(connector.url, 'mijn nummer is 0612345678', { conversation }));
      await connector.waitForReplies(conversation.id, 2);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/vit_turns_total\{channel="emulator",type="message"\} 1/);
      expect(metrics).toMatch(/vit_turn_duration_seconds_count\{channel="emulator"\} 1/);
      expect(logs.text).not.toContain('0612345678');
    } finally {
      await stop();
    }
  });

  it('keeps the replies of a saved turn the connector refused, says no "try again", and sends them, once, when the message comes again', async () => {
    const { url, stop, logs } = await startTestApp();
    try {
      const conversation = { id: 'conv-failing-connector' };
      connector.failNextPosts = 3; // the first reply refused on every attempt right after the write
      const hoi = emulatorMessage(connector.url, 'hoi', { conversation });
      await postActivity(url, hoi);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/vit_turn_replies_undelivered_total\{channel="emulator"\} 1/);
      expect(metrics).not.toMatch(/vit_turn_errors_total\{channel="emulator"\}/);
      expect(connector.repliesIn(conversation.id)).toEqual([]);
      expect(logs.lines.some((line) => line.msg === 'turn failed')).toBe(false);

      await postActivity(url, hoi); // the channel's retry: the saved turn's replies go out, nothing runs again
      const replies = connector.repliesIn(conversation.id);
      expect(replies).toHaveLength(2);
      expect(replies[0].text).toBe('Hallo! Ik ben VIT Wegwijzer. Ik help je op weg naar werk in de IT.');
      expect(new Set(replies.map((r) => replyIdOf(r))).size).toBe(2); // each with its own lasting id
      await postActivity(url, hoi);
      expect(connector.repliesIn(conversation.id)).toHaveLength(2);
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/vit_turns_repeated_total\{channel="emulator"\} 2/);
    } finally {
      connector.failNextPosts = 0;
      await stop();
    }
  });
});
