import { FakeGraph, metaWebhook, textMessage, deliver, whatsAppEnv, WhatsAppPerson, PHONE_NUMBER_ID } from '../support/fakeGraph';
import { RedisWhatsAppInbox } from '../../src/channels/whatsapp/whatsAppInbox';
import { parseWebhook } from '../../src/channels/whatsapp/inbound';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { conversationLockKey } from '../../src/storage/conversationLocks';
import { startTestApp } from '../support/testApp';
import { waitFor } from '../support/consoleClient';
import { connectTestRedis, testRedisUrl, uniquePrefix, appDigest } from '../support/testRedis';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** A barrier: every turn the app had started (webhook or sweep) has finished, run or failed. */
async function settled(...apps: TestApp[]): Promise<void> {
  for (const { app } of apps) expect(await app.inFlight.drain(10_000)).toBe(true);
}

/** The real app; its kept WhatsApp messages are swept every `sweepMs` and taken over after 200 ms idle. */
const start = (env: Record<string, string>, sweepMs: number) =>
  startTestApp(env, { whatsAppGraph: { baseDelayMs: 5, pairRateDelayMs: 20 }, whatsAppInbox: { sweepMs, idleMs: 200 } });

describe('the WhatsApp inbox across instances', () => {
  it('answers a message exactly once when the instance that acknowledged it stops before its turn ran', async () => {
    const graph = await new FakeGraph().start();
    const prefix = uniquePrefix();
    const env = { ...whatsAppEnv(graph), REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, SHUTDOWN_GRACE_MS: '50', TURN_LOCK_TTL_MS: '300' };
    const redis = connectTestRedis();
    const a = await start(env, 60_000);
    let b: Awaited<ReturnType<typeof start>> | undefined;
    try {
      const person = new WhatsAppPerson(a.url, graph);
      // The conversation is busy elsewhere, so instance A's turn waits before it runs…
      const locks = new RedisConversationLocks(redis, prefix, { ttlMs: 300, waitMs: 1000 }, appDigest(prefix));
      const busy = await locks.acquire(conversationLockKey('whatsapp', `whatsapp:NL.${person.phone}`), 0);
      expect((await deliver(a.url, metaWebhook(textMessage('hoi'), person.phone))).status).toBe(200);
      expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(1);
      await a.stop(); // …and A is gone with the message acknowledged to Meta, its turn never run
      await busy.release();
      await settled(a); // A's abandoned turn has ended, without answering
      expect(person.mine()).toHaveLength(0);
      expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(1);

      b = await start(env, 100);
      await waitFor(() => person.mine().length >= 1, "B's answer to the message A left");
      // Once the entry is forgotten no sweep can take it again; once B is idle, its turn has said all.
      await waitFor(async () => (await redis.xlen(`${prefix}wa:{inbox}`)) === 0, 'the entry forgotten once handled');
      await settled(b);
      // The greeting with the language question, once: what a first "hoi" gets.
      expect(person.mine().map((m) => m.type)).toEqual(['interactive']);
      expect(person.texts()[0]).toMatch(/^Hallo!/);
      expect(await b.app.metrics.registry.getSingleMetricAsString('vit_whatsapp_webhooks_total')).not.toContain('result="retry"');

      // The conversation goes on with B as usual.
      const next = new WhatsAppPerson(b.url, graph, person.phone);
      expect((await next.say('Nederlands')).length).toBeGreaterThan(0);
      await waitFor(async () => (await redis.xlen(`${prefix}wa:{inbox}`)) === 0, 'the entry acknowledged once its replies were out');
      for (const line of [...a.logs.lines, ...b.logs.lines]) expect(JSON.stringify(line)).not.toContain(person.phone);

      // Erasing the person also clears what is still kept of them (an entry in the stream, by phone only).
      const kept = new RedisWhatsAppInbox(redis, { prefix, deadSeconds: 60 });
      await kept.append(parseWebhook(metaWebhook(textMessage('nog iets'), person.phone, 'Amina', { bsuid: null }), 'bot', PHONE_NUMBER_ID).messages);
      await kept.close();
      expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(1);
      await b.app.personRecords.erase('whatsapp', `NL.${person.phone}`);
      expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(0);
    } finally {
      await b?.stop();
      await redis.quit();
      await graph.stop();
    }
  });
});
