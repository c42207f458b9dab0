import { Redis } from 'ioredis';
import { RedisStorage, StorageConflictError } from '../../src/storage/redisStorage';
import { connectTestRedis, uniquePrefix, testDigest } from '../support/testRedis';

describe('RedisStorage specifics', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('keeps items under the configured prefix, named by keyed digests', async () => {
    const prefix = uniquePrefix();
    const storage = new RedisStorage(redis, { prefix, digest: testDigest });
    await storage.write({ 'emulator/conversations/c1/': { v: 1 }, 'emulator/users/u1/': { v: 2 }, 'other/key': { v: 3 } });
    // Named by the keyed digest of channel and id, never the id: user and conversation state each under their entity's tag.
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual(
      [
        `${prefix}state:{${testDigest('emulator:c1')}}:conversation`,
        `${prefix}state:{${testDigest('emulator:u1')}}:user`,
        `${prefix}state:{${testDigest('other/key')}}`,
      ].sort(),
    );
    expect(await storage.read(['emulator/users/u1/'])).toMatchObject({ 'emulator/users/u1/': { v: 2 } });
  });

  it('lets items expire after the configured retention', async () => {
    const storage = new RedisStorage(redis, { prefix: uniquePrefix(), ttlSeconds: 120, digest: testDigest });
    await storage.write({ k: { v: 1 } });
    const ttl = await redis.ttl(storage.redisKey('k'));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('names the conflicting key, and writes none of a batch that has a conflict', async () => {
    const storage = new RedisStorage(redis, { prefix: uniquePrefix(), digest: testDigest });
    await storage.write({ a: { v: 1 }, b: { v: 1 } });
    const { a, b } = await storage.read(['a', 'b']);
    await storage.write({ b: { ...b, v: 2 } });
    const error = await storage.write({ a: { ...a, v: 'new' }, b: { ...b, v: 'stale' } }).catch((e) => e);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect(error.message).toBe('RedisStorage.write(): eTag conflict on "b"');
    const after = await storage.read(['a', 'b']);
    expect(after.a.v).toBe(1);
    expect(after.b.v).toBe(2);
  });

  it('fails fast with an error when Redis cannot be reached', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    dead.on('error', () => undefined);
    const storage = new RedisStorage(dead, { prefix: uniquePrefix(), digest: testDigest });
    await expect(storage.read(['k'])).rejects.toThrow();
    await expect(storage.write({ k: { v: 1 } })).rejects.toThrow();
    dead.disconnect();
  });
});
