import type { Redis } from 'ioredis';
import { MemoryHomeworkStore, RedisHomeworkStore } from '../../src/people/homeworkStore';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { homeworkStoreContract } from '../contracts/homeworkStore.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryHomeworkStore', () => {
  homeworkStoreContract(() => new MemoryHomeworkStore());
});

describe('RedisHomeworkStore on a real redis-server', () => {
  homeworkStoreContract(() => new RedisHomeworkStore(redis, uniquePrefix()));

  it('keeps every track in one hash named by the prefix', async () => {
    const prefix = uniquePrefix();
    const store = new RedisHomeworkStore(redis, prefix);
    await store.put({ track: 'eligible', texts: { nl: 'Maak een pagina.' }, days: 10, updatedAt: '2026-12-06T12:00:00.000Z', updatedBy: 'noor' });
    expect((await keyspace(redis, prefix)).map(([key]) => key)).toEqual([`${prefix}homework`]);
  });
});
