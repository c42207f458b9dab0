import { MemoryStorage, type Activity } from 'botbuilder';
import { Redis } from 'ioredis';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { testDigest, uniquePrefix } from '../support/testRedis';
import { movedClock } from '../support/movedClock';
import { createRedisClient } from '../../src/storage/redisClient';
import { createLogger } from '../../src/logger';
import { RedisTranscriptStore } from '../../src/storage/redisTranscriptStore';
import { RedisTranscriptCatalog } from '../../src/storage/transcriptCatalog';
import { RedisPeopleIndex } from '../../src/people/peopleIndex';
import { RedisJourneyStore } from '../../src/people/journeyStore';
import { ConsentedTranscriptLogger } from '../../src/bot/consentedTranscriptLogger';
import { PERSON_PROPERTY, userStateKey } from '../../src/storage/botStateKeys';
import { UPKEEP_PERIOD_MS } from '../../src/storage/dueEvery';
import { startJourney } from '../../src/domain/journey';
import type { ConversationRef } from '../../src/domain/handoff';

/**
 * What a turn writes for its transcript, catalog entry and indexes, counted with INFO commandstats on a
 * redis-server of the test's own (every command, those inside scripts too; nothing else talks to it).
 */
const HOUR_S = 3600;
const user = '31612345678';

async function commandCounts(redis: Redis): Promise<Record<string, number>> {
  const stats = await redis.info('commandstats');
  const counts: Record<string, number> = {};
  for (const [, name, calls] of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (!['info', 'config|resetstat'].includes(name)) counts[name] = Number(calls);
  return counts;
}

describe('a turn\u2019s transcript, catalog and index writes', () => {
  let server: TestRedisServer;
  let redis: Redis;
  const clock = movedClock();

  beforeAll(async () => {
    server = await startRedisServer();
    redis = createRedisClient(server.url, createLogger('silent'), 'transcript-writes');
  });
  afterEach(() => clock.restore());
  afterAll(async () => {
    redis?.disconnect();
    await server?.dispose();
  });

  /** The parts as the bot has them, on one prefix, and a consented person; `turn` logs one FAQ turn as the bot does at its end. */
  async function parts() {
    const prefix = uniquePrefix();
    const storage = new MemoryStorage();
    await storage.write({ [userStateKey('whatsapp', user)]: { [PERSON_PROPERTY]: { language: 'nl', consent: { given: true } } } });
    const store = new RedisTranscriptStore(redis, prefix, HOUR_S, testDigest);
    const catalog = new RedisTranscriptCatalog(redis, prefix, HOUR_S, testDigest);
    const people = new RedisPeopleIndex(redis, prefix, HOUR_S * 1000);
    const journeys = new RedisJourneyStore(redis, prefix, testDigest, HOUR_S * 1000);
    const logger = new ConsentedTranscriptLogger(store, storage, catalog);
    const person = { channelId: 'whatsapp', userId: user };
    const turn = async (conversationId: string, text: string) => {
      const at = Date.now();
      const ref = { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: conversationId }, user: { id: user }, bot: { id: 'bot' } } as ConversationRef;
      const activity = (from: string, to: string, words: string, ms: number) =>
        ({ type: 'message', text: words, channelId: 'whatsapp', conversation: { id: conversationId }, from: { id: from, role: from === user ? 'user' : 'bot' }, recipient: { id: to }, timestamp: new Date(ms) }) as unknown as Activity;
      // As a turn does: the person's and journey's keep-alive with the write, the transcript at the end (in one go).
      await Promise.all([people.touch('whatsapp', user, new Date(at)), journeys.touch(person, new Date(at), ref)]);
      await Promise.all([logger.logActivity(activity(user, 'bot', text, at)), logger.logActivity(activity('bot', user, `antwoord op ${text}`, at + 1)), logger.logActivity(activity('bot', user, 'menu', at + 2))]);
    };
    return { prefix, store, catalog, people, journeys, turn, person };
  }

  it('a second turn of a conversation within the period: RPUSH, HSET and HINCRBY, no index entry, no keep-alive', async () => {
    const { turn, journeys, person } = await parts();
    await journeys.save(person, startJourney(new Date()), 0, new Date()); // the keep-alive has a journey to keep
    await turn('wa:1', 'wat is vit');
    await redis.config('RESETSTAT');
    await turn('wa:1', 'mag ik meedoen');
    expect(await commandCounts(redis)).toEqual({ rpush: 1, hset: 1, hincrby: 1 });
  });

  it('a conversation new to the process is in the channel index and the catalog at once, with every field and an expiry', async () => {
    const { prefix, store, catalog, turn } = await parts();
    await turn('wa:1', 'wat is vit');
    await redis.config('RESETSTAT');
    await turn('wa:2', 'hallo');
    const counts = await commandCounts(redis);
    expect(counts).toMatchObject({ zadd: 2, rpush: 1, hsetnx: 1, hincrby: 1 });
    expect((await store.listTranscripts('whatsapp')).items.map((i) => i.id).sort()).toEqual(['wa:1', 'wa:2']);
    expect(await catalog.get('whatsapp', 'wa:2')).toMatchObject({ channelId: 'whatsapp', conversationId: 'wa:2', userId: user, language: 'nl', messageCount: 3 });
    const keys = await redis.keys(`${prefix}*`);
    for (const key of keys) expect([key, (await redis.ttl(key)) > HOUR_S]).toEqual([key, true]);
  });

  it('a list and meta hash gone behind this process\u2019s back (erased by another instance) are written in full at the next turn', async () => {
    const { prefix, store, catalog, turn } = await parts();
    await turn('wa:1', 'wat is vit');
    const tag = `{${testDigest('whatsapp:wa:1')}}`;
    // Another instance erases the conversation: its list, meta hash and index entries are gone; this process's marks are not.
    await redis.del(`${prefix}transcript:${tag}`, `${prefix}transcript-meta:${tag}`);
    await redis.zrem(`${prefix}transcripts:whatsapp`, 'wa:1');
    await redis.zrem(`${prefix}transcript-catalog`, 'whatsapp|wa:1');
    await turn('wa:1', 'opnieuw');
    expect((await store.getTranscriptActivities('whatsapp', 'wa:1')).items.map((a) => a.text)).toEqual(['opnieuw', 'antwoord op opnieuw', 'menu']);
    expect((await store.listTranscripts('whatsapp')).items.map((i) => i.id)).toEqual(['wa:1']);
    expect(await catalog.get('whatsapp', 'wa:1')).toMatchObject({ channelId: 'whatsapp', conversationId: 'wa:1', userId: user, language: 'nl', messageCount: 3 });
    expect((await catalog.between(new Date(0), new Date(8.64e15))).map((m) => m.conversationId)).toEqual(['wa:1']);
    for (const key of [`${prefix}transcript:${tag}`, `${prefix}transcript-meta:${tag}`]) expect([key, (await redis.ttl(key)) > HOUR_S]).toEqual([key, true]);
  });

  it('an index entry a period behind is still listed past the retention after its score, and trimmed only after the retention and a period', async () => {
    const { prefix, store, catalog, people, turn } = await parts();
    const t0 = clock.set(Date.now());
    await turn('wa:1', 'wat is vit');
    await people.touch('whatsapp', '31600000008', new Date(t0));
    const last = clock.set(t0 + 30_000);
    await turn('wa:1', 'nog een vraag'); // within the period: the scores stay at t0
    await people.touch('whatsapp', '31600000008', new Date(last));
    const scores = async () => [
      await redis.zscore(`${prefix}transcripts:whatsapp`, 'wa:1'),
      await redis.zscore(`${prefix}transcript-catalog`, 'whatsapp|wa:1'),
      await redis.zscore(`${prefix}people`, `whatsapp|${user}`),
    ];
    expect(await scores()).toEqual([String(t0), String(t0), String(t0)]); // (the clock stands still: the replies' times are capped at it)

    // The retention after the scores, not after the last activity: listed everywhere.
    clock.set(last + HOUR_S * 1000 - 1000);
    expect((await store.listTranscripts('whatsapp')).items.map((i) => i.id)).toEqual(['wa:1']);
    expect((await catalog.between(new Date(0), new Date(8.64e15))).map((m) => m.conversationId)).toEqual(['wa:1']);
    expect(await people.get('whatsapp', user)).toBeDefined();

    // Past the retention after the last activity: no longer listed by the transcript index and catalog
    // (they check the conversation's own last activity), and not trimmed by a write whose upkeep is due.
    clock.set(last + HOUR_S * 1000 + 1000);
    await turn('wa:2', 'iemand anders');
    expect((await store.listTranscripts('whatsapp')).items.map((i) => i.id)).toEqual(['wa:2']);
    expect((await catalog.between(new Date(0), new Date(8.64e15))).map((m) => m.conversationId)).toEqual(['wa:2']);
    expect(await scores()).toEqual([String(t0), String(t0), expect.any(String)]);
    expect(await redis.zscore(`${prefix}people`, 'whatsapp|31600000008')).toBe(String(t0));
    expect(await people.get('whatsapp', '31600000008')).toBeDefined(); // its last activity is within the retention and a period

    // Past the retention and a period after the score: trimmed at the next write whose upkeep is due.
    clock.set(t0 + HOUR_S * 1000 + UPKEEP_PERIOD_MS + 1000 + UPKEEP_PERIOD_MS);
    await people.touch('whatsapp', '31600000009', new Date());
    await turn('wa:3', 'nog iemand');
    expect(await redis.zrange(`${prefix}transcripts:whatsapp`, '0', '-1')).toEqual(['wa:2', 'wa:3']);
    expect(await redis.zrange(`${prefix}transcript-catalog`, '0', '-1')).toEqual(['whatsapp|wa:2', 'whatsapp|wa:3']);
    expect(await redis.zscore(`${prefix}people`, 'whatsapp|31600000008')).toBeNull();
  });

  it('writes a person\u2019s entry and their journey\u2019s keep-alive at the next turn when Redis failed the one that was due', async () => {
    const prefix = uniquePrefix();
    const person = { channelId: 'whatsapp', userId: user };
    const ref = { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: 'wa:1' }, user: { id: user }, bot: { id: 'bot' } } as ConversationRef;
    await new RedisJourneyStore(redis, prefix, testDigest, HOUR_S * 1000).save(person, startJourney(new Date()), 0, new Date());
    // Not connected and no offline queue: every command fails at once, as with Redis gone.
    const client = new Redis(server.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    try {
      const people = new RedisPeopleIndex(client, prefix, HOUR_S * 1000);
      const journeys = new RedisJourneyStore(client, prefix, testDigest, HOUR_S * 1000);
      await expect(people.touch('whatsapp', user, new Date())).rejects.toThrow();
      await expect(journeys.touch(person, new Date(), ref)).rejects.toThrow();
      // Redis back: the first command made the client connect.
      if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
      await people.touch('whatsapp', user, new Date());
      await journeys.touch(person, new Date(), ref);
      expect(await people.get('whatsapp', user)).toMatchObject({ userId: user });
      expect(await journeys.reach(person)).toEqual(ref);
    } finally {
      client.disconnect();
    }
  });
});
