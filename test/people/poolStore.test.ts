import { MemoryPoolStore, RedisPoolStore } from '../../src/people/poolStore';
import { connectTestRedis, keyspace, namesAnyOf, uniquePrefix } from '../support/testRedis';
import { poolStoreContract } from '../contracts/poolStore.contract';
import { answerConsent, askToJoin } from '../../src/domain/talentPool';

describe('MemoryPoolStore', () => poolStoreContract((retentionMs) => new MemoryPoolStore(retentionMs)));

describe('RedisPoolStore on a real redis-server', () => {
  const redis = connectTestRedis();
  afterAll(() => redis.disconnect());
  poolStoreContract((retentionMs) => new RedisPoolStore(redis, uniquePrefix(), retentionMs));

  it('keeps a person under one key named by their digest in a hash tag, expiring with their state, and the index holds digests only', async () => {
    const prefix = uniquePrefix();
    const store = new RedisPoolStore(redis, prefix, 86_400_000);
    const now = new Date();
    const member = answerConsent(askToJoin('not-yet', { dutch: null, english: null, interested: true, outcome: 'not-yet', province: null }, now), true, 'ti', 8, now);
    await store.save('dIgEsT', { person: { channelId: 'whatsapp', userId: 'NL.31612345678' }, member }, now);
    const keys = await keyspace(redis, prefix);
    expect(keys.map(([k]) => k).sort()).toEqual([`${prefix}pool`, `${prefix}pool:{dIgEsT}`]);
    expect(await redis.pttl(`${prefix}pool:{dIgEsT}`)).toBeGreaterThan(0);
    expect(keys.every(([k]) => !namesAnyOf(k, ['31612345678']))).toBe(true);
    expect(await redis.zrange(`${prefix}pool`, '0', '-1')).toEqual(['dIgEsT']);
    await store.erase('dIgEsT');
    expect(await keyspace(redis, prefix)).toEqual([]);
  });
});
