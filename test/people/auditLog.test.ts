import type { Redis } from 'ioredis';
import { AuditEntry, AuditLog, MemoryAuditLog, RedisAuditLog } from '../../src/people/auditLog';
import { connectTestRedis, uniquePrefix } from '../support/testRedis';

const entry = (at: string, action: AuditEntry['action'] = 'view-transcript', target = 'p-1a2b'): AuditEntry => ({ at, actor: 'sara', role: 'staff', action, target });

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe.each<[string, () => AuditLog]>([
  ['MemoryAuditLog', () => new MemoryAuditLog()],
  ['RedisAuditLog on a real redis-server', () => new RedisAuditLog(redis, uniquePrefix())],
])('%s', (_name, make) => {
  it('gives the entries between two moments, both ends included, newest first', async () => {
    const log = make();
    await log.record(entry('2026-12-01T09:00:00.000Z', 'search-people', '-'));
    await log.record(entry('2026-12-02T10:00:00.000Z', 'export-person'));
    await log.record(entry('2026-12-03T11:00:00.000Z', 'erase-person'));
    await log.record(entry('2026-12-04T12:00:00.000Z'));
    const found = await log.between(new Date('2026-12-02T10:00:00.000Z'), new Date('2026-12-03T11:00:00.000Z'));
    expect(found.map((e) => e.action)).toEqual(['erase-person', 'export-person']);
    expect(found[0]).toEqual(entry('2026-12-03T11:00:00.000Z', 'erase-person'));
  });

  it('is empty before anything was recorded', async () => {
    expect(await make().between(new Date(0), new Date())).toEqual([]);
  });

  it('keeps what was recorded as it was, whatever the caller does with its objects later', async () => {
    const log = make();
    const recorded = entry('2026-12-05T08:00:00.000Z');
    await log.record(recorded);
    recorded.actor = 'someone-else';
    const [read] = await log.between(new Date('2026-12-05T00:00:00.000Z'), new Date('2026-12-06T00:00:00.000Z'));
    read.target = 'changed';
    expect(await log.between(new Date('2026-12-05T00:00:00.000Z'), new Date('2026-12-06T00:00:00.000Z'))).toEqual([entry('2026-12-05T08:00:00.000Z')]);
  });
});

describe('RedisAuditLog keys', () => {
  it('keeps the log in one list under the prefix, whose name says nothing about anyone', async () => {
    const prefix = uniquePrefix();
    const log = new RedisAuditLog(redis, prefix);
    await log.record(entry('2026-12-05T08:00:00.000Z'));
    expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}audit`]);
    expect(await redis.llen(`${prefix}audit`)).toBe(1);
    await redis.del(`${prefix}audit`);
  });
});
