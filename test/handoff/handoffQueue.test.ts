import type { Redis } from 'ioredis';
import { MemoryHandoffQueue } from '../../src/handoff/memoryHandoffQueue';
import { RedisHandoffQueue } from '../../src/handoff/redisHandoffQueue';
import { handoffQueueContract, newHandoff } from '../contracts/handoffQueue.contract';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';

describe('MemoryHandoffQueue', () => {
  handoffQueueContract(() => new MemoryHandoffQueue());
});

describe('RedisHandoffQueue on a real redis-server', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });
  handoffQueueContract(() => new RedisHandoffQueue(redis, { prefix: uniquePrefix(), endedTtlSeconds: 3600, digest: testDigest }));
});

describe('RedisHandoffQueue across connections', () => {
  it('lets exactly one of 50 mentors win when each claims over a connection of their own', async () => {
    const prefix = uniquePrefix();
    const clients = Array.from({ length: 50 }, () => connectTestRedis());
    try {
      const queues = clients.map((c) => new RedisHandoffQueue(c, { prefix, endedTtlSeconds: 0, digest: testDigest }));
      const { handoff: h } = await queues[0].enqueue(newHandoff(), new Date());
      await Promise.all(clients.map((c) => c.ping())); // all connected before the race
      const results = await Promise.all(queues.map((q, i) => q.claim(h.id, { id: `m${i}`, firstName: `M${i}` }, new Date())));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'already-taken')).toHaveLength(49);
    } finally {
      await Promise.all(clients.map((c) => c.quit()));
    }
  });
});
