import type { Redis } from 'ioredis';
import { MemoryOutcomeEvents } from '../../src/reporting/outcomeEvents';
import { RedisOutcomeEvents } from '../../src/reporting/redisOutcomeEvents';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { outcomeEventsContract } from '../contracts/outcomeEvents.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryOutcomeEvents', () => {
  outcomeEventsContract(() => new MemoryOutcomeEvents());
});

describe('RedisOutcomeEvents on a real redis-server', () => {
  outcomeEventsContract(() => new RedisOutcomeEvents(redis, uniquePrefix()));

  it('keeps one list per kind and month under the {outcomes} tag, with no person in a key or a value, for years', async () => {
    const prefix = uniquePrefix();
    const events = new RedisOutcomeEvents(redis, prefix);
    await events.recordStep({ step: 'started', at: '2026-11-30T23:00:00.000Z', cohort: '2026-11', language: 'nl', region: null, daysSinceFirstContact: 0, userId: '+31612345678' } as never);
    await events.recordStep({ step: 'intake', at: '2026-12-01T01:00:00.000Z', cohort: '2026-11', language: 'nl', region: 'Friesland', daysSinceFirstContact: 1 });
    await events.recordPool({ kind: 'joined', at: '2026-12-02T00:00:00.000Z', language: 'nl', region: 'Friesland' });
    const keys = await keyspace(redis, prefix);
    expect(keys.map(([key]) => key).sort()).toEqual([`${prefix}{outcomes}:pool:2026-12`, `${prefix}{outcomes}:steps:2026-11`, `${prefix}{outcomes}:steps:2026-12`]);
    expect(JSON.stringify(keys)).not.toContain('31612345678');
    const ttl = await redis.ttl(`${prefix}{outcomes}:steps:2026-12`);
    expect(ttl).toBeGreaterThan(4 * 365 * 86400);
  });
});
