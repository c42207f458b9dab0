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
    await store.update('dIgEsT', () => ({ person: { channelId: 'whatsapp', userId: 'NL.31612345678' }, member }), now);
    const keys = await keyspace(redis, prefix);
    expect(keys.map(([k]) => k).sort()).toEqual([`${prefix}pool`, `${prefix}pool:{dIgEsT}`]);
    expect(await redis.pttl(`${prefix}pool:{dIgEsT}`)).toBeGreaterThan(0);
    expect(keys.every(([k]) => !namesAnyOf(k, ['31612345678']))).toBe(true);
    expect(await redis.zrange(`${prefix}pool`, '0', '-1')).toEqual(['dIgEsT']);
    await store.erase('dIgEsT');
    expect(await keyspace(redis, prefix)).toEqual([]);
  });

  it('two instances (a connection each) writing one person at once lose nothing, and an entry written before versions is changed like any other', async () => {
    const prefix = uniquePrefix();
    const other = connectTestRedis();
    try {
      const now = new Date();
      const [a, b] = [new RedisPoolStore(redis, prefix, 86_400_000), new RedisPoolStore(other, prefix, 86_400_000)];
      const member = answerConsent(askToJoin('language-first', { dutch: 'A1', english: null, interested: true, outcome: 'language-first', province: null }, now), true, 'nl', 8, now);
      // As an earlier release wrote it: the entry alone, no version.
      await redis.hset(`${prefix}pool:{h8}`, 'entry', JSON.stringify({ person: { channelId: 'whatsapp', userId: 'NL.31688888888' }, member }));
      const count = (store: RedisPoolStore) => store.update('h8', (current) => current && { ...current, member: { ...current.member, followUpsSent: current.member.followUpsSent + 1 } }, now);
      const rounds = 100;
      for (let round = 0; round < rounds; round++) await Promise.all([count(a), count(b)]);
      expect((await a.get('h8'))?.member.followUpsSent).toBe(2 * rounds);
      expect(await redis.hget(`${prefix}pool:{h8}`, 'v')).toMatch(/^[A-Za-z0-9_-]{12}$/);
      expect(await redis.pttl(`${prefix}pool:{h8}`)).toBeGreaterThan(0);
    } finally {
      other.disconnect();
    }
  });
});
