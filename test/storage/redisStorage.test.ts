import { Redis } from 'ioredis';
import { RedisStorage, StorageConflictError } from '../../src/storage/redisStorage';
import { connectTestRedis, uniquePrefix } from '../support/testRedis';

describe('RedisStorage specifics', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('keeps items under the configured prefix', async () => {
    const prefix = uniquePrefix();
    const storage = new RedisStorage(redis, { prefix });
    await storage.write({ 'emulator/conversations/c1/': { v: 1 } });
    expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}state:emulator/conversations/c1/`]);
  });

  it('lets items expire after the configured retention', async () => {
    const storage = new RedisStorage(redis, { prefix: uniquePrefix(), ttlSeconds: 120 });
    await storage.write({ k: { v: 1 } });
    const ttl = await redis.ttl(storage.redisKey('k'));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('names the conflicting key, and writes none of a batch that has a conflict', async () => {
    const storage = new RedisStorage(redis, { prefix: uniquePrefix() });
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
    const storage = new RedisStorage(dead, { prefix: uniquePrefix() });
    await expect(storage.read(['k'])).rejects.toThrow();
    await expect(storage.write({ k: { v: 1 } })).rejects.toThrow();
    dead.disconnect();
  });
});
