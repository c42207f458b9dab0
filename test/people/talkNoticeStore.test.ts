import type { Redis } from 'ioredis';
import { MemoryTalkNoticeStore, RedisTalkNoticeStore } from '../../src/people/talkNoticeStore';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { talkNoticeStoreContract } from '../contracts/talkNoticeStore.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryTalkNoticeStore', () => {
  talkNoticeStoreContract(() => new MemoryTalkNoticeStore());
});

describe('RedisTalkNoticeStore on a real redis-server', () => {
  talkNoticeStoreContract(() => new RedisTalkNoticeStore(redis, uniquePrefix(), 60_000));

  it('names keys by the mentor\'s account id under one hash tag, and lets them expire', async () => {
    const prefix = uniquePrefix();
    const store = new RedisTalkNoticeStore(redis, prefix, 60_000);
    await store.add('0b9d4c2e-mentor', { id: 'n1', kind: 'booked', slotId: 's1', start: '2026-12-10T13:00:00.000Z', durationMinutes: 30, language: 'nl', link: 'https://x.example', bookedAt: '2026-12-07T09:00:00.000Z', at: '2026-12-07T09:00:00.000Z' });
    await store.markSeen('0b9d4c2e-mentor', '2026-12-07T09:30:00.000Z');
    const keys = (await keyspace(redis, prefix)).map(([key]) => key).sort();
    expect(keys).toEqual([`${prefix}talknotices:{0b9d4c2e-mentor}`, `${prefix}talknotices:{0b9d4c2e-mentor}:seen`]);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(50_000);
  });
});
