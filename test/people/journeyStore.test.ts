import type { Redis } from 'ioredis';
import { startJourney } from '../../src/domain/journey';
import { MemoryJourneyStore, RedisJourneyStore } from '../../src/people/journeyStore';
import { createIdDigest } from '../../src/storage/idDigest';
import { UPKEEP_PERIOD_MS } from '../../src/storage/dueEvery';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { journeyStoreContract } from '../contracts/journeyStore.contract';

const digest = createIdDigest('journey-test-secret-0123456789');
let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryJourneyStore', () => {
  journeyStoreContract((retentionMs) => new MemoryJourneyStore(retentionMs));
});

describe('RedisJourneyStore on a real redis-server', () => {
  journeyStoreContract((retentionMs) => new RedisJourneyStore(redis, uniquePrefix(), digest, retentionMs));

  it('names keys by the person\u2019s keyed digest under their hash tag, and expires the journey with the state retention', async () => {
    const prefix = uniquePrefix();
    const store = new RedisJourneyStore(redis, prefix, digest, 180 * 86_400_000);
    await store.save({ channelId: 'whatsapp', userId: '31612345678' }, startJourney(new Date()), 0, new Date());
    const keys = (await keyspace(redis, prefix)).map(([key]) => key).sort();
    const tag = `{${digest('whatsapp:31612345678')}}`;
    expect(keys).toEqual([`${prefix}journey:${tag}`, `${prefix}journeys`]);
    expect(keys.join(' ')).not.toContain('31612345678');
    const ttl = await redis.pttl(`${prefix}journey:${tag}`);
    expect(ttl).toBeGreaterThan(179 * 86_400_000);
    expect(ttl).toBeLessThanOrEqual(180 * 86_400_000 + UPKEEP_PERIOD_MS); // a period more: its keep-alive is written at most once a period
  });
});
