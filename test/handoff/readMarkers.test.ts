import type { Redis } from 'ioredis';
import { MemoryReadMarkers, RedisReadMarkers } from '../../src/handoff/readMarkers';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { readMarkersContract } from '../contracts/readMarkers.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryReadMarkers', () => {
  readMarkersContract(() => new MemoryReadMarkers());
});

describe('RedisReadMarkers on a real redis-server', () => {
  readMarkersContract(() => new RedisReadMarkers(redis, uniquePrefix(), 3600));

  it('keeps one hash per handoff under its hash tag, naming accounts only, and lets it expire', async () => {
    const prefix = uniquePrefix();
    const markers = new RedisReadMarkers(redis, prefix, 3600);
    await markers.markRead('3f9a', 'account-1', 2);
    expect(await keyspace(redis, prefix)).toEqual([[`${prefix}handoff-read:{3f9a}`, JSON.stringify({ 'account-1': '2' })]]);
    const ttl = await redis.ttl(`${prefix}handoff-read:{3f9a}`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
  });
});
