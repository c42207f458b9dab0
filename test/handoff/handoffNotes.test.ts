import type { Redis } from 'ioredis';
import { MemoryHandoffNotes } from '../../src/handoff/handoffNotes';
import { RedisHandoffNotes } from '../../src/handoff/redisHandoffNotes';
import { checkFollowUpDate, dayIn, followUpMaxDays, followUpState, orderFollowUps } from '../../src/domain/followUp';
import { connectTestRedis, keyspace, namesAnyOf, testDigest, uniquePrefix } from '../support/testRedis';
import { handoffNotesContract } from '../contracts/handoffNotes.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryHandoffNotes', () => {
  handoffNotesContract(() => new MemoryHandoffNotes());
});

describe('RedisHandoffNotes on a real redis-server', () => {
  handoffNotesContract(() => new RedisHandoffNotes(redis, { prefix: uniquePrefix(), ttlSeconds: 3600, digest: testDigest }));

  it("keeps a handoff's keys under its hash tag, names no person, and lets everything expire", async () => {
    const prefix = uniquePrefix();
    const store = new RedisHandoffNotes(redis, { prefix, ttlSeconds: 3600, digest: testDigest });
    const person = { channelId: 'whatsapp', userId: '31612345678' };
    await store.addNote('h1', person, { at: '2026-12-06T10:00:00.000Z', mentorId: 'm1', mentorName: 'Sara', text: 'calls after 5' });
    await store.setFollowUp(person, { handoffId: 'h1', due: '2026-12-09', mentorId: 'm1', mentorName: 'Sara', setAt: '2026-12-06T10:00:00.000Z' });
    const keys = await keyspace(redis, prefix);
    expect(keys.map(([key]) => key).filter((k) => k.includes('{h1}'))).toEqual(expect.arrayContaining([`${prefix}handoff-notes:{h1}:notes`, `${prefix}handoff-notes:{h1}:follow-up`]));
    expect(keys.some(([key, value]) => namesAnyOf(`${key} ${value}`, [person.userId]))).toBe(false);
    for (const [key] of keys.filter(([k]) => !k.endsWith('follow-ups'))) expect(await redis.ttl(key)).toBeGreaterThan(0);
  });

  it('keeps what was noted as long as the handoff once it ends (retain renews the time)', async () => {
    const prefix = uniquePrefix();
    const store = new RedisHandoffNotes(redis, { prefix, ttlSeconds: 3600, digest: testDigest });
    const person = { channelId: 'whatsapp', userId: '316' };
    await store.addNote('h1', person, { at: '2026-12-06T10:00:00.000Z', mentorId: 'm1', mentorName: 'Sara', text: 'x' });
    await redis.expire(`${prefix}handoff-notes:{h1}:notes`, 10); // as after a long talk
    await store.retain('h1', person);
    expect(await redis.ttl(`${prefix}handoff-notes:{h1}:notes`)).toBeGreaterThan(3000);
  });

  it('drops a follow-up whose entry expired from the list', async () => {
    const prefix = uniquePrefix();
    const store = new RedisHandoffNotes(redis, { prefix, ttlSeconds: 3600, digest: testDigest });
    await store.setFollowUp({ channelId: 'whatsapp', userId: '316' }, { handoffId: 'h1', due: '2026-12-09', mentorId: 'm1', mentorName: 'Sara', setAt: '2026-12-06T10:00:00.000Z' });
    await redis.del(`${prefix}handoff-notes:{h1}:follow-up`); // as when it expires
    expect(await store.followUps()).toEqual([]);
    expect(await redis.zcard(`${prefix}follow-ups`)).toBe(0);
  });
});

describe('follow-up days', () => {
  it.each([
    ['2026-12-06', 'ok'],
    ['2026-12-05', 'in-the-past'],
    ['2027-04-05', 'ok'],
    ['2027-04-06', 'too-far'],
    ['2026-02-30', 'not-a-date'],
    ['6-12-2026', 'not-a-date'],
  ])('%s from 2026-12-06 (120 days ahead at most): %s', (day, expected) => {
    const checked = checkFollowUpDate(day, '2026-12-06', 120);
    expect(checked.ok ? 'ok' : checked.problem).toBe(expected);
  });

  it('is never set past the time an ended handoff is kept', () => {
    expect(followUpMaxDays(180)).toBe(120);
    expect(followUpMaxDays(30)).toBe(29);
    expect(followUpMaxDays(1)).toBe(0);
  });

  it("takes today in the mentors' time zone, and orders overdue, today, later", () => {
    expect(dayIn(new Date('2026-12-06T23:30:00.000Z'), 'Europe/Amsterdam')).toBe('2026-12-07');
    expect(['2026-12-05', '2026-12-06', '2026-12-07'].map((d) => followUpState(d, '2026-12-06'))).toEqual(['overdue', 'today', 'later']);
    const ordered = orderFollowUps([{ due: '2026-12-09', setAt: 'b' }, { due: '2026-12-01', setAt: 'a' }, { due: '2026-12-09', setAt: 'a' }]);
    expect(ordered).toEqual([{ due: '2026-12-01', setAt: 'a' }, { due: '2026-12-09', setAt: 'a' }, { due: '2026-12-09', setAt: 'b' }]);
  });
});
