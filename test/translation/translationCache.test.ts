import type { Redis } from 'ioredis';
import { MemoryTranslationCache, RedisTranslationCache, translationName } from '../../src/translation/translationCache';
import { createIdDigest } from '../../src/storage/idDigest';
import { connectTestRedis, keyspace, namesAnyOf, uniquePrefix } from '../support/testRedis';
import { translationCacheContract } from '../contracts/translationCache.contract';

const DAY = 86_400_000;
const digest = createIdDigest('test-secret-of-sixteen');

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryTranslationCache', () => {
  translationCacheContract(() => new MemoryTranslationCache(DAY));

  it('forgets an entry once its time is up', async () => {
    let now = 0;
    const cache = new MemoryTranslationCache(DAY, () => now);
    const person = { channelId: 'whatsapp', userId: '31600000000' };
    await cache.put(person, [['n', { text: 'x' }]]);
    now = DAY - 1;
    expect((await cache.get(person, ['n'])).size).toBe(1);
    now = DAY;
    expect((await cache.get(person, ['n'])).size).toBe(0);
  });
});

describe('RedisTranslationCache on a real redis-server', () => {
  translationCacheContract(() => new RedisTranslationCache(redis, { prefix: uniquePrefix(), ttlMs: 30 * DAY, digest }));

  it('keeps a person’s translations in one hash under their hash tag, named by digests, expiring with the retention', async () => {
    const prefix = uniquePrefix();
    const cache = new RedisTranslationCache(redis, { prefix, ttlMs: 30 * DAY, digest });
    const person = { channelId: 'whatsapp', userId: '31612345678' };
    const text = 'أريد أن أعمل في تكنولوجيا المعلومات';
    await cache.put(person, [[translationName(digest, 'message', '>nl', text), { text: 'Ik wil in de IT werken', from: 'ar' }]]);
    const entries = await keyspace(redis, prefix);
    expect(entries).toHaveLength(1);
    const [key, content] = entries[0];
    expect(key).toMatch(new RegExp(`^${prefix}translations:\\{[A-Za-z0-9_-]{22}\\}$`));
    expect(namesAnyOf(key, [person.userId])).toBe(false);
    expect(content).not.toContain(text); // the field is a digest of it; the value is the translation
    expect(namesAnyOf(content, [person.userId])).toBe(false);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(29 * DAY);
    expect(ttl).toBeLessThanOrEqual(30 * DAY);
  });
});
