import { MemoryStorage } from 'botbuilder';
import type { Redis } from 'ioredis';
import { RedisStorage } from '../../src/storage/redisStorage';
import { storageContract } from '../contracts/storage.contract';
import { connectTestRedis, uniquePrefix, testDigest } from '../support/testRedis';

describe('MemoryStorage (the default without REDIS_URL)', () => {
  storageContract(() => new MemoryStorage());
});

describe('RedisStorage on a real redis-server', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });
  storageContract(() => new RedisStorage(redis, { prefix: uniquePrefix(), digest: testDigest }));
});
