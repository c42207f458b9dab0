import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Redis } from 'ioredis';
import { registerWhatsAppWebhook } from '../../src/channels/whatsapp/whatsAppWebhook';
import { WhatsAppInboxWorker } from '../../src/channels/whatsapp/whatsAppInboxWorker';
import { WhatsAppAdapter } from '../../src/channels/whatsapp/whatsAppAdapter';
import { GraphClient } from '../../src/channels/whatsapp/graphClient';
import { MemoryWhatsAppStore, RedisWhatsAppStore, WhatsAppStore } from '../../src/channels/whatsapp/whatsAppStore';
import { MemoryWhatsAppInbox, RedisWhatsAppInbox, WhatsAppInbox } from '../../src/channels/whatsapp/whatsAppInbox';
import { ConversationLocks, MemoryConversationLocks } from '../../src/storage/conversationLocks';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { createIdDigest } from '../../src/storage/idDigest';
import { TurnLockMiddleware } from '../../src/bot/turnLockMiddleware';
import { createTranslator } from '../../src/i18n/translator';
import { Metrics } from '../../src/metrics';
import { InFlight } from '../../src/inFlight';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';
import { deliver, FakeGraph, metaWebhook, textMessage, PHONE_NUMBER_ID, SECRET } from '../support/fakeGraph';
import { connectTestRedis, uniquePrefix } from '../support/testRedis';

// One person's messages are answered in the order they were sent, and one at a time. The only
// mechanism for it is the conversation's lease: the inbox worker starts messages in the order they
// were kept and nothing in front of the lease differs between them (a message that first delivers
// held mentor texts does so under the lease), so same-second messages ask for it in that order.

let redis: Redis;
const translator = createTranslator();
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

interface Parts {
  store: WhatsAppStore;
  inbox: WhatsAppInbox;
  locks: ConversationLocks;
}

const kinds: Array<[string, () => Parts]> = [
  ['in memory', () => ({ store: new MemoryWhatsAppStore(), inbox: new MemoryWhatsAppInbox(), locks: new MemoryConversationLocks({ waitMs: 10_000 }) })],
  [
    'on Redis',
    () => {
      const prefix = uniquePrefix();
      const digest = createIdDigest('test-secret');
      return {
        store: new RedisWhatsAppStore(redis, prefix, 3600, digest),
        inbox: new RedisWhatsAppInbox(redis, { prefix, deadSeconds: 60 }),
        locks: new RedisConversationLocks(redis, prefix, { ttlMs: 5000, waitMs: 10_000 }, digest),
      };
    },
  ],
];

describe.each(kinds)('a person\'s WhatsApp messages %s', (_kind, parts) => {
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
  });
  afterAll(() => graph.stop());

  /** The webhook, the worker and a real adapter whose turns take the lease; the turn notes its text. */
  async function instance() {
    const { store, inbox, locks } = parts();
    const logger = createLogger('info', new LogCapture());
    const metrics = new Metrics();
    const inFlight = new InFlight();
    const adapter = new WhatsAppAdapter({
      graph: new GraphClient({ baseUrl: graph.url, accessToken: 'test-token', phoneNumberId: PHONE_NUMBER_ID, baseDelayMs: 5 }),
      store,
      translator,
      defaultLanguage: 'nl',
      templateName: 'vit_reply_waiting',
      logger,
    });
    adapter.use(new TurnLockMiddleware(locks));
    const answered: string[] = [];
    let running = 0;
    let overlapped = false;
    const logic = async (context: { activity: { text?: string } }) => {
      overlapped ||= ++running > 1;
      answered.push(context.activity.text ?? '');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10)); // a turn takes a while
      running--;
    };
    const worker = new WhatsAppInboxWorker({ adapter, store, inbox, logic, inFlight, metrics, logger, sweepMs: 60_000 });
    const server = restify.createServer();
    registerWhatsAppWebhook(server, { channel: { inbox, worker, appSecret: SECRET, verifyToken: 'v', botId: PHONE_NUMBER_ID }, metrics, logger });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, store, answered, inFlight, overlapped: () => overlapped, close: () => server.close() };
  }

  /** Webhook bodies of one person, all stamped with the same second (WhatsApp's timestamps are in seconds). */
  function bodies(phone: string, texts: string[]) {
    const second = String(Math.floor(Date.now() / 1000));
    return texts.map((text) => {
      const body = metaWebhook(textMessage(text), phone) as { entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }> };
      body.entry[0]!.changes[0]!.value.messages[0]!.timestamp = second;
      return body;
    });
  }

  const texts = Array.from({ length: 12 }, (_, i) => `bericht ${i + 1}`);

  it('are answered in the order sent when they come one webhook call after another within one second', async () => {
    const app = await instance();
    const phone = `316${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
    try {
      // A mentor's text was held while the window was closed: the first message delivers it first, over HTTP.
      await app.store.touch(`NL.${phone}`, { phone, bsuid: `NL.${phone}` }, new Date(Date.now() - 2 * 24 * 3600 * 1000));
      await app.store.hold(`NL.${phone}`, 'Je mentor schreef je.');
      for (const body of bodies(phone, texts)) expect((await deliver(app.url, body)).status).toBe(200);
      expect(await app.inFlight.drain(20_000)).toBe(true);
      expect(app.answered).toEqual(texts);
      expect(app.overlapped()).toBe(false);
      expect(graph.sent().filter((m) => m.to === phone).map((m) => m.text?.body)).toEqual(['Je mentor schreef je.']);
    } finally {
      app.close();
    }
  });

  it('are answered in the order sent when Meta sends them in one webhook call', async () => {
    const app = await instance();
    const phone = `316${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
    try {
      // A mentor's text was held while the window was closed: the first message delivers it first, over HTTP.
      await app.store.touch(`NL.${phone}`, { phone, bsuid: `NL.${phone}` }, new Date(Date.now() - 2 * 24 * 3600 * 1000));
      await app.store.hold(`NL.${phone}`, 'Je mentor schreef je.');
      const [first, ...rest] = bodies(phone, texts);
      const messages = first!.entry[0]!.changes[0]!.value.messages;
      for (const body of rest) messages.push(...body.entry[0]!.changes[0]!.value.messages);
      expect((await deliver(app.url, first)).status).toBe(200);
      expect(await app.inFlight.drain(20_000)).toBe(true);
      expect(app.answered).toEqual(texts);
      expect(app.overlapped()).toBe(false);
      expect(graph.sent().filter((m) => m.to === phone).map((m) => m.text?.body)).toEqual(['Je mentor schreef je.']);
    } finally {
      app.close();
    }
  });
});
