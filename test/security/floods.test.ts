import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { FakeGraph, WhatsAppPerson, deliver, metaWebhook, textMessage, whatsAppEnv } from '../support/fakeGraph';
import { postActivity, startTestApp } from '../support/testApp';
import { waitFor } from '../support/consoleClient';
import { connectTestRedis, testRedisUrl, uniquePrefix, appDigest } from '../support/testRedis';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { conversationLockKey } from '../../src/storage/conversationLocks';
import { translator } from '../support/chatDriver';

/**
 * Item 6 of the security review, replayed: one conversation sending 500 messages at once kept 500
 * turns polling one lease (1.1 M Redis commands in 15 s) and slowed everyone else down.
 */
describe('floods', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });
  afterEach(() => {
    connector.delayMs = 0;
  });

  it('lets only TURN_LOCK_MAX_WAITERS messages of one conversation wait; the rest get 429 "slow down", others are served', async () => {
    const prefix = uniquePrefix();
    const { url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, TURN_LOCK_MAX_WAITERS: '3' });
    const redis = connectTestRedis();
    try {
      connector.delayMs = 200; // each reply takes a while, so the first turn holds the lease while the rest arrive
      const conversation = { id: `conv-flood-${uniquePrefix()}` };
      const first = postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation }));
      await waitFor(async () => (await redis.keys(`${prefix}lock:*`)).length > 0, 'the first turn holding the lease');
      const flood = await Promise.all(Array.from({ length: 40 }, (_, i) => postActivity(url, emulatorMessage(connector.url, `bericht ${i}`, { conversation }))));
      const refused = flood.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(40 - 3);
      expect(refused[0].headers.get('retry-after')).toBe('5');
      expect(await refused[0].json()).toMatchObject({ error: 'slow-down' });
      expect(flood.filter((r) => r.status === 200).length + refused.length).toBe(40);
      // Someone else is answered meanwhile.
      const other = { id: `conv-other-${uniquePrefix()}` };
      expect((await postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation: other }))).status).toBe(200);
      expect((await first).status).toBe(200);
      // Nobody was told "something went wrong" for the refused ones: no reply beyond the turns that ran.
      expect(connector.repliesIn(conversation.id).filter((r) => r.text === translator().t('nl', 'common:errors.tryAgain'))).toEqual([]);
    } finally {
      redis.disconnect();
      await stop();
    }
  });

  it('keeps a WhatsApp message whose conversation has too many waiting in the inbox, and answers it later', async () => {
    const graph = await new FakeGraph().start();
    const prefix = uniquePrefix();
    const redis = connectTestRedis();
    const { url, stop } = await startTestApp(
      { ...whatsAppEnv(graph), REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, TURN_LOCK_MAX_WAITERS: '1' },
      { whatsAppGraph: { baseDelayMs: 5, pairRateDelayMs: 20 }, whatsAppInbox: { sweepMs: 100, idleMs: 200 } },
    );
    try {
      const person = new WhatsAppPerson(url, graph);
      // The conversation is busy elsewhere with one more already waiting: the line is full.
      const locks = new RedisConversationLocks(redis, prefix, { ttlMs: 2000, waitMs: 10_000, maxWaiters: 1 }, appDigest(prefix));
      const key = conversationLockKey('whatsapp', `whatsapp:NL.${person.phone}`);
      const holder = await locks.acquire(key, 0);
      const waiter = locks.acquire(key, 1);
      await waitFor(async () => (await redis.keys(`${prefix}lock:*:line`)).length === 1, 'the waiter in line');
      expect((await deliver(url, metaWebhook(textMessage('hoi'), person.phone))).status).toBe(200);
      await waitFor(async () => (await redis.xlen(`${prefix}wa:{inbox}`)) === 1, 'the message kept');
      expect(person.mine()).toEqual([]);
      await holder.release();
      await (await waiter).release();
      // The sweep runs it once the line is free: the first "hoi" gets the greeting and the language list.
      await waitFor(() => person.mine().length >= 1, 'the answer to the kept message', 15_000);
      await waitFor(async () => (await redis.xlen(`${prefix}wa:{inbox}`)) === 0, 'the entry forgotten once handled');
      expect(person.texts()[0]).toMatch(/^Hallo!/);
    } finally {
      redis.disconnect();
      await stop();
      await graph.stop();
    }
  });

  it('serves at most MAX_CONCURRENT_REQUESTS at once; one more gets 503 with Retry-After, health checks still answer', async () => {
    const { url, stop } = await startTestApp({ MAX_CONCURRENT_REQUESTS: '2' });
    try {
      connector.delayMs = 300;
      const posts = Array.from({ length: 6 }, (_, i) => postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation: { id: `conv-cap-${i}-${uniquePrefix()}` } })));
      const statuses = await Promise.all(posts.map(async (p) => (await p).status));
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
      expect(statuses.filter((s) => s === 503)).toHaveLength(4);
      const busy = await Promise.all([postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation: { id: 'conv-cap-a' } })), postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation: { id: 'conv-cap-b' } })), postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation: { id: 'conv-cap-c' } })), fetch(`${url}/healthz`)]);
      expect(busy[3].status).toBe(200);
      expect(busy.slice(0, 3).find((r) => r.status === 503)?.headers.get('retry-after')).toBe('1');
    } finally {
      await stop();
    }
  });
});
