import type { Redis } from 'ioredis';
import { MemoryMentorPresenceStore, RedisMentorPresenceStore } from '../../src/handover/mentorPresenceStore';
import { MemoryCannedReplyStore, RedisCannedReplyStore } from '../../src/handover/cannedReplyStore';
import { MemoryAccountStore, RedisAccountStore } from '../../src/accounts/accountStore';
import { MemoryHandoffQueue } from '../../src/handoff/memoryHandoffQueue';
import { MentorDesk } from '../../src/handover/mentorDesk';
import { shownStatus } from '../../src/domain/mentorStatus';
import { MemoryTakeLock, RedisTakeLock, TakeLock } from '../../src/handover/takeLock';
import { connectTestRedis, keyspace, testDigest, uniquePrefix } from '../support/testRedis';
import { mentorPresenceStoreContract } from '../contracts/mentorPresenceStore.contract';
import { cannedReplyStoreContract } from '../contracts/cannedReplyStore.contract';
import { newHandoff } from '../contracts/handoffQueue.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryMentorPresenceStore', () => {
  mentorPresenceStoreContract(() => new MemoryMentorPresenceStore());
});

describe('RedisMentorPresenceStore on a real redis-server', () => {
  mentorPresenceStoreContract(() => new RedisMentorPresenceStore(redis, uniquePrefix()));

  it('keeps one key per account, under its own hash tag, that expires', async () => {
    const prefix = uniquePrefix();
    await new RedisMentorPresenceStore(redis, prefix).setStatus('acc-1', 'off', new Date());
    expect((await keyspace(redis, prefix)).map(([key]) => key)).toEqual([`${prefix}presence:{acc-1}`]);
    expect(await redis.ttl(`${prefix}presence:{acc-1}`)).toBeGreaterThan(0);
  });
});

describe('MemoryCannedReplyStore', () => {
  cannedReplyStoreContract(() => new MemoryCannedReplyStore());
});

describe('RedisCannedReplyStore on a real redis-server', () => {
  cannedReplyStoreContract(() => new RedisCannedReplyStore(redis, uniquePrefix()));

  it('keeps every reply in one hash under the hash tag {canned-replies}', async () => {
    const prefix = uniquePrefix();
    await new RedisCannedReplyStore(redis, prefix).create({ en: { title: 'A', text: 'B' } }, 'lisa', new Date());
    expect((await keyspace(redis, prefix)).map(([key]) => key)).toEqual([`${prefix}{canned-replies}:records`]);
  });
});

describe('the status colleagues see', () => {
  const t0 = new Date('2026-12-06T10:00:00.000Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it('is the chosen one, except that "available" turns "away" after the idle minutes', () => {
    const available = { status: 'available' as const, lastActiveAt: t0.toISOString() };
    expect(shownStatus(available, at(14), 15)).toBe('available');
    expect(shownStatus(available, at(15), 15)).toBe('away');
    expect(shownStatus({ ...available, status: 'off' }, at(1), 15)).toBe('off');
    expect(shownStatus(undefined, t0)).toBe('away');
  });

  describe.each([
    ['memory', () => ({ accounts: new MemoryAccountStore(), presence: new MemoryMentorPresenceStore(), lock: new MemoryTakeLock() as TakeLock })],
    ['Redis', () => {
      const prefix = uniquePrefix();
      return { accounts: new RedisAccountStore(redis, prefix, testDigest), presence: new RedisMentorPresenceStore(redis, prefix), lock: new RedisTakeLock(redis, prefix) as TakeLock };
    }],
  ])('MentorDesk over %s stores and a clock the test moves', (_name, make) => {
    it('shows a mentor away after the idle minutes and available again at their next action, counts load against the cap', async () => {
      let now = t0;
      const { accounts, presence } = make();
      const queue = new MemoryHandoffQueue();
      const desk = new MentorDesk({ accounts, presence, queue, now: () => now, awayAfterMinutes: 15 });
      const account = (name: string, languages: Array<'ar' | 'en'>) => accounts.create({ username: name, firstName: name, role: 'mentor', languages, passwordHash: 'x', disabled: false }, t0);
      const sara = await account('sara', ['ar']);
      const omar = await account('omar', ['ar', 'en']);
      await account('lina', ['en']);

      await desk.touch(omar.id);
      expect(await desk.statusOf(omar.id)).toBe('available');
      now = at(16);
      expect(await desk.statusOf(omar.id)).toBe('away');
      await desk.touch(omar.id);
      expect(await desk.statusOf(omar.id)).toBe('available');
      await desk.setStatus(omar.id, 'off');
      expect(await desk.mayBeOffered(omar)).toBe(false);

      // Colleagues who speak Arabic, Sara left out as the one asking.
      expect((await desk.colleagues(sara.id, 'ar')).map((c) => [c.account.firstName, c.status])).toEqual([['omar', 'off']]);

      const withCap = (await accounts.update(sara.id, { capacity: 1 }))!;
      expect(withCap.capacity).toBe(1);
      expect(await desk.atCapacity(withCap)).toBe(false);
      const h = (await queue.enqueue(newHandoff(), t0)).handoff;
      await queue.claim(h.id, { id: sara.id, firstName: 'sara' }, t0);
      expect(await desk.atCapacity(withCap)).toBe(true);
      await desk.touch(sara.id);
      expect(await desk.mayBeOffered(withCap)).toBe(false);
      const noCap = (await accounts.update(sara.id, { capacity: undefined }))!;
      expect(noCap.capacity).toBeUndefined();
      expect((await accounts.byId(sara.id))?.capacity).toBeUndefined();
      expect(await desk.mayBeOffered(noCap)).toBe(true);
    });

    it('lets a mentor with a cap of 1 pressing Take on two people at once take exactly one', async () => {
      const { accounts, presence, lock } = make();
      const queue = new MemoryHandoffQueue();
      const desk = new MentorDesk({ accounts, presence, queue, now: () => t0, lock });
      const sara = await accounts.create({ username: 'sara', firstName: 'Sara', role: 'mentor', languages: ['ar'], passwordHash: 'x', disabled: false, capacity: 1 }, t0);
      for (let round = 0; round < 5; round++) {
        const ids = [(await queue.enqueue(newHandoff(), t0)).handoff.id, (await queue.enqueue(newHandoff(), t0)).handoff.id];
        const results = await Promise.all(ids.map((id) => desk.takeWithinCap(sara, () => queue.claim(id, { id: sara.id, firstName: 'Sara' }, t0))));
        expect(results.filter((r) => r !== 'at-capacity' && r !== 'busy' && r.ok)).toHaveLength(1);
        expect(results.filter((r) => r === 'at-capacity')).toHaveLength(1);
        for (const h of await queue.active()) await queue.close(h.id, sara.id, 'helped', '', t0);
        for (const h of await queue.waiting()) await queue.abandon(h.id, t0);
      }
    });
  });
});

describe('RedisTakeLock on a real redis-server', () => {
  it('says "busy" to a second take that waited too long, and frees the lock after the first', async () => {
    const lock = new RedisTakeLock(redis, uniquePrefix(), { waitMs: 50, retryMs: 10 });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = lock.run('sara', async () => {
      entered();
      await held;
      return 'first';
    });
    await inside;
    expect(await lock.run('sara', async () => 'second')).toBe('busy');
    expect(await lock.run('omar', async () => 'omar')).toBe('omar'); // another mentor is not held up
    release();
    expect(await first).toBe('first');
    expect(await lock.run('sara', async () => 'third')).toBe('third');
  });
});
