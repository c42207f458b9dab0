import type { Redis } from 'ioredis';
import { Journeys } from '../../src/people/journeys';
import { MemoryJourneyStore } from '../../src/people/journeyStore';
import { MentorTalks, type PublishResult } from '../../src/people/mentorTalks';
import { MemorySlotPublishLock, RedisSlotPublishLock } from '../../src/people/slotPublishLock';
import { MemorySlotStore, RedisSlotStore } from '../../src/people/slotStore';
import { connectTestRedis, keyspace, testDigest, uniquePrefix } from '../support/testRedis';

const DAY = 86_400_000;
const INSTANCES = 20;
const sara = { id: 'acc-sara', firstName: 'Sara' };
const omar = { id: 'acc-omar', firstName: 'Omar' };

/** The same mentor, in many tabs at once: each a slot tomorrow starting 0–19 minutes after 14:00, 30 minutes long (all overlap). */
const draft = (i: number, base: number) => ({ start: new Date(base + i * 60_000).toISOString(), durationMinutes: 30, languages: ['ar' as const], link: 'https://meet.example.org/sara', weeks: 2 });

function expectOneWinner(results: PublishResult[]) {
  const won = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok);
  expect(won).toHaveLength(1);
  expect(refused).toHaveLength(results.length - 1);
  for (const r of refused) expect(r).toEqual(expect.objectContaining({ ok: false, problem: 'overlap', at: expect.any(String) }));
}

describe('publishing overlapping slots at the same moment', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });

  it(`on a real redis-server, ${INSTANCES} instances with their own connections: exactly one publication wins, the others are refused as overlapping`, async () => {
    const prefix = uniquePrefix();
    const digest = testDigest;
    const connections = Array.from({ length: INSTANCES }, () => connectTestRedis());
    try {
      const instances = connections.map(
        (c) => new MentorTalks(new RedisSlotStore(c, prefix, digest, 30 * DAY), new Journeys(new MemoryJourneyStore(30 * DAY), { homeworkDays: 14 }), undefined, new RedisSlotPublishLock(c, prefix)),
      );
      const now = new Date();
      const base = Date.now() + DAY;
      const results = await Promise.all(instances.map((talks, i) => talks.publish(sara, draft(i, base), now)));
      expectOneWinner(results);
      // Two slots (two weeks) are kept, none overlapping; another mentor at the same time is not held up.
      const mine = await instances[0].slotsOf(sara.id, now);
      expect(mine).toHaveLength(2);
      expect((await instances[1].publish(omar, draft(0, base), now)).ok).toBe(true);
      // The lock is gone after use, and its key names no account.
      const keys = (await keyspace(redis, prefix)).map(([key]) => key);
      expect(keys.filter((k) => k.includes('publish'))).toEqual([]);
      expect(keys.join(' ')).not.toContain('acc-sara');
      expect(new RedisSlotPublishLock(redis, prefix).key(sara.id)).toMatch(/^t\w+:slots:publish:\{owner:[\w-]{22}\}$/);
    } finally {
      await Promise.all(connections.map((c) => c.quit()));
    }
  });

  it('gives up with "busy" when the owner’s lock stays held past the wait, and frees it after', async () => {
    const prefix = uniquePrefix();
    const lock = new RedisSlotPublishLock(redis, prefix, { waitMs: 50, retryMs: 5 });
    let release!: () => void;
    const held = lock.run('acc-sara', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    while (!(await redis.exists(lock.key('acc-sara')))) await new Promise((r) => setImmediate(r));
    expect(await lock.run('acc-sara', async () => 'second')).toBe('busy');
    expect(await lock.run('acc-omar', async () => 'other owner')).toBe('other owner');
    release();
    expect(await held).toBe('first');
    expect(await lock.run('acc-sara', async () => 'third')).toBe('third');
  });

  it(`in memory, ${INSTANCES} publications at once in one process: exactly one wins`, async () => {
    const talks = new MentorTalks(new MemorySlotStore(30 * DAY), new Journeys(new MemoryJourneyStore(30 * DAY), { homeworkDays: 14 }), undefined, new MemorySlotPublishLock());
    const now = new Date();
    const base = Date.now() + DAY;
    expectOneWinner(await Promise.all(Array.from({ length: INSTANCES }, (_, i) => talks.publish(sara, draft(i, base), now))));
    expect(await talks.slotsOf(sara.id, now)).toHaveLength(2);
  });
});
