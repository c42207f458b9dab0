import type { Activity } from 'botbuilder';
import type { Redis } from 'ioredis';
import { RedisTranscriptStore } from '../../src/storage/redisTranscriptStore';
import { RedisTranscriptCatalog } from '../../src/storage/transcriptCatalog';
import { RedisPeopleIndex } from '../../src/people/peopleIndex';
import { connectTestRedis, uniquePrefix, testDigest } from '../support/testRedis';
import { waitFor } from '../support/consoleClient';

const activity = (text: string, conversationId = 'c-retention', at = new Date()): Activity =>
  ({
    type: 'message',
    text,
    channelId: 'whatsapp',
    conversation: { id: conversationId },
    from: { id: 'u1', role: 'user' },
    recipient: { id: 'bot' },
    timestamp: at,
  }) as unknown as Activity;

/** Every key under the prefix, found the way an operator would: SCAN, not a read through the store. */
async function scanKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys.sort();
}

describe('transcript retention on a real redis-server', () => {
  let redis: Redis;
  beforeEach(() => {
    redis = connectTestRedis();
  });
  afterEach(async () => {
    jest.useRealTimers();
    await redis.quit();
  });

  it('leaves no key behind once the retention has passed, with no one reading (transcript, index, catalog, people)', async () => {
    const prefix = uniquePrefix();
    const store = new RedisTranscriptStore(redis, prefix, 1, testDigest, 0);
    const catalog = new RedisTranscriptCatalog(redis, prefix, 1, testDigest, 0);
    const people = new RedisPeopleIndex(redis, prefix, 1000, 0);
    const conversationId = 'whatsapp:31612345678'; // a WhatsApp conversation id is the phone number
    await store.logActivity(activity('hallo', conversationId));
    await catalog.note({ channelId: 'whatsapp', conversationId, userId: '31612345678', language: 'nl', at: new Date(), message: true });
    await people.touch('whatsapp', '31612345678', new Date());
    expect(await scanKeys(redis, prefix)).toEqual(
      [`${prefix}people`, `${prefix}transcript-catalog`, `${prefix}transcript-meta:{${testDigest(`whatsapp:${conversationId}`)}}`, `${prefix}transcript:{${testDigest(`whatsapp:${conversationId}`)}}`, `${prefix}transcripts:whatsapp`].sort(),
    );
    for (const key of await scanKeys(redis, prefix)) expect([key, (await redis.pttl(key)) > 0]).toEqual([key, true]);
    // Nothing here calls between(), listTranscripts() or list(): the keys go by their own TTL.
    await waitFor(async () => (await scanKeys(redis, prefix)).length === 0, 'every key under the prefix expiring', 5000);
    expect(await scanKeys(redis, prefix)).toEqual([]);
  });

  it('drops each message, and each index entry, once it is older than the retention, even while the conversation goes on', async () => {
    const prefix = uniquePrefix();
    const hour = 3600;
    const store = new RedisTranscriptStore(redis, prefix, hour, testDigest, 0);
    const catalog = new RedisTranscriptCatalog(redis, prefix, hour, testDigest, 0);
    // Only Date is faked, and it stands still until moved: "300 ms before the retention" stays that
    // however slow the machine is (Redis, timers and I/O run as usual).
    jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    jest.setSystemTime(Date.now());
    const almostExpired = () => new Date(Date.now() - hour * 1000 + 300);
    await store.logActivity(activity('old message', 'c-long', almostExpired()));
    await store.logActivity(activity('only message', 'c-quiet', almostExpired()));
    await catalog.note({ channelId: 'whatsapp', conversationId: 'c-quiet', userId: 'u2', at: almostExpired(), message: true });
    expect((await store.getTranscriptActivities('whatsapp', 'c-long')).items.map((a) => a.text)).toEqual(['old message']);
    // The clock moves past the retention.
    jest.setSystemTime(Date.now() + 400);
    // Past the retention, it is not read any more…
    expect((await store.getTranscriptActivities('whatsapp', 'c-long')).items).toEqual([]);
    // …and the next write removes it from Redis: the list, the channel index and the catalog.
    await store.logActivity(activity('new message', 'c-long'));
    await catalog.note({ channelId: 'whatsapp', conversationId: 'c-long', userId: 'u1', at: new Date(), message: true });
    const stored = await redis.lrange(`${prefix}transcript:{${testDigest('whatsapp:c-long')}}`, 0, -1);
    expect(stored.map((s) => JSON.parse(s).text)).toEqual(['new message']);
    expect(await redis.zrange(`${prefix}transcripts:whatsapp`, '0', '-1')).toEqual(['c-long']);
    expect(await redis.zrange(`${prefix}transcript-catalog`, '0', '-1')).toEqual(['whatsapp|c-long']);
    expect((await store.getTranscriptActivities('whatsapp', 'c-long')).items.map((a) => a.text)).toEqual(['new message']);
    await redis.del(...(await scanKeys(redis, prefix)));
  });

  it('trims the shared indexes once a period, and a set emptied and written again within it still expires', async () => {
    const prefix = uniquePrefix();
    const people = new RedisPeopleIndex(redis, prefix, 60_000, 3_600_000);
    const pastRetentionAndPeriod = () => new Date(Date.now() - 60_000 - 3_600_000 - 1_000); // a score may be a period behind: kept that much longer
    await people.touch('whatsapp', '31600000001', pastRetentionAndPeriod()); // the period's upkeep: trimmed at once
    expect(await redis.zcard(`${prefix}people`)).toBe(0);
    await people.touch('whatsapp', '31600000003', pastRetentionAndPeriod()); // within the period: kept until the next upkeep…
    expect(await people.get('whatsapp', '31600000003')).toBeUndefined(); // …and read as gone
    await redis.del(`${prefix}people`); // emptied (as erasing its last person does): its expiry is gone with it
    await people.touch('whatsapp', '31600000002', new Date());
    expect(await redis.pttl(`${prefix}people`)).toBeGreaterThan(60_000);

    const store = new RedisTranscriptStore(redis, prefix, 3600, testDigest);
    const catalog = new RedisTranscriptCatalog(redis, prefix, 3600, testDigest);
    const activity = { type: 'message', channelId: 'whatsapp', conversation: { id: 'c1' }, from: { id: 'u1' }, text: 'hoi' } as Activity;
    await store.logActivities([activity, { ...activity, text: 'nog een' } as Activity]);
    await catalog.noteAll([{ channelId: 'whatsapp', conversationId: 'c1', userId: 'u1', at: new Date(), message: true }]);
    await redis.del(`${prefix}transcripts:whatsapp`, `${prefix}transcript-catalog`);
    await store.logActivity({ ...activity, conversation: { id: 'c2' } } as Activity);
    await catalog.note({ channelId: 'whatsapp', conversationId: 'c2', userId: 'u1', at: new Date(), message: true });
    for (const key of await scanKeys(redis, prefix)) expect([key, await redis.ttl(key)]).toEqual([key, expect.any(Number)]);
    for (const key of await scanKeys(redis, prefix)) expect(await redis.ttl(key)).toBeGreaterThan(3600);
    await redis.del(...(await scanKeys(redis, prefix)));
  });

  it('drops people past the retention from the index at every write', async () => {
    const prefix = uniquePrefix();
    const people = new RedisPeopleIndex(redis, prefix, 60_000, 0);
    await people.touch('whatsapp', '31600000001', new Date(Date.now() - 120_000));
    await people.touch('whatsapp', '31600000002', new Date());
    expect(await redis.zrange(`${prefix}people`, '0', '-1')).toEqual(['whatsapp|31600000002']);
    expect(await redis.pttl(`${prefix}people`)).toBeGreaterThan(0);
    expect(await people.get('whatsapp', '31600000002')).toMatchObject({ userId: '31600000002' });
    expect(await people.get('whatsapp', '31600000001')).toBeUndefined();
    await redis.del(`${prefix}people`);
  });

  it('pages through long transcripts and lists them per channel', async () => {
    const prefix = uniquePrefix();
    const store = new RedisTranscriptStore(redis, prefix, 3600, testDigest, 0);
    for (let i = 0; i < 130; i++) await store.logActivity(activity(`m${i}`));
    const first = await store.getTranscriptActivities('whatsapp', 'c-retention');
    expect(first.items).toHaveLength(100);
    const second = await store.getTranscriptActivities('whatsapp', 'c-retention', first.continuationToken);
    expect(second.items.map((a) => a.text).at(-1)).toBe('m129');
    expect(second.continuationToken).toBe('');
    expect(second.items[0]).not.toHaveProperty('vitAt');
    const listed = await store.listTranscripts('whatsapp');
    expect(listed.items.map((i) => i.id)).toEqual(['c-retention']);
    expect(listed.items[0].created.getTime()).toBe(new Date(first.items[0].timestamp!).getTime());
    await store.deleteTranscript('whatsapp', 'c-retention');
    expect(await scanKeys(redis, prefix)).toEqual([]);
  });
});
