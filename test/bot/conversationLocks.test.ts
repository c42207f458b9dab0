import type { Redis } from 'ioredis';
import { MemoryConversationLocks } from '../../src/storage/conversationLocks';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { conversationLocksContract } from '../contracts/conversationLocks.contract';
import { connectTestRedis, uniquePrefix, testDigest } from '../support/testRedis';
import { waitFor } from '../support/consoleClient';

describe('MemoryConversationLocks (one process)', () => {
  conversationLocksContract((timings) => new MemoryConversationLocks(timings));
});

describe('RedisConversationLocks on a real redis-server', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });
  conversationLocksContract((timings) => new RedisConversationLocks(redis, uniquePrefix(), timings, testDigest));

  it('says whether its first try got the lease: only then did reads sent right behind it run under the lease', async () => {
    const prefix = uniquePrefix();
    const other = connectTestRedis();
    try {
      const a = new RedisConversationLocks(redis, prefix, { ttlMs: 2000, waitMs: 3000 }, testDigest);
      const b = new RedisConversationLocks(other, prefix, { ttlMs: 2000, waitMs: 3000 }, testDigest);
      const first = await a.acquire('c', 1);
      expect(first.atOnce).toBe(true);
      await redis.set(`${prefix}state`, 'before');
      const acquiring = b.acquire('c', 2);
      const readBehind = other.get(`${prefix}state`); // sent behind b's first try, as a turn's prefetch is
      await waitFor(async () => (await a.waiting('c')) === 1, 'b in line');
      await redis.set(`${prefix}state`, 'written by the turn holding the lease');
      await first.release();
      const second = await acquiring;
      expect({ atOnce: second.atOnce, read: await readBehind }).toEqual({ atOnce: false, read: 'before' }); // stale: to be read again
      await second.release();
      const third = b.acquire('c', 3);
      const readUnder = other.get(`${prefix}state`);
      expect({ atOnce: (await third).atOnce, read: await readUnder }).toEqual({ atOnce: true, read: 'written by the turn holding the lease' });
      await (await third).release();
      await redis.del(`${prefix}state`);
    } finally {
      other.disconnect();
    }
  });

  it('shares the lease between instances (separate connections)', async () => {
    const prefix = uniquePrefix();
    const other = connectTestRedis();
    try {
      const a = new RedisConversationLocks(redis, prefix, { ttlMs: 2000, waitMs: 3000 }, testDigest);
      const b = new RedisConversationLocks(other, prefix, { ttlMs: 2000, waitMs: 3000 }, testDigest);
      const held = await a.acquire('c', 1);
      let bHas = false;
      const waiting = b.acquire('c', 2).then((lease) => ((bHas = true), lease));
      await waitFor(async () => (await a.waiting('c')) === 1, 'b in line, as a sees it');
      expect(bHas).toBe(false);
      await held.release();
      await (await waiting).release();
      expect(await redis.keys(`${prefix}*`)).toEqual([]);
    } finally {
      other.disconnect();
    }
  });

  it('frees a conversation whose holder died (never released) after the lease time, and skips waiters that died', async () => {
    const prefix = uniquePrefix();
    const dead = connectTestRedis();
    const locks = new RedisConversationLocks(redis, prefix, { ttlMs: 300, waitMs: 5000 }, testDigest);
    const deadLocks = new RedisConversationLocks(dead, prefix, { ttlMs: 300, waitMs: 5000 }, testDigest);
    await deadLocks.acquire('c', 1); // its process "dies": it never releases, and stops renewing
    const deadWaiter = deadLocks.acquire('c', 2).catch((e: Error) => e); // waits in line, then its connection dies
    await waitFor(async () => (await locks.waiting('c')) === 1, 'the doomed waiter in line');
    dead.disconnect();
    await deadWaiter;
    const started = Date.now();
    const lease = await locks.acquire('c', 3);
    expect(lease.held).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200); // it did wait for the dead lease to run out
    await lease.release();
  });

  it('keeps a long turn\'s lease by renewing it, and knows when the lease was lost', async () => {
    const prefix = uniquePrefix();
    const locks = new RedisConversationLocks(redis, prefix, { ttlMs: 1000, waitMs: 5000 }, testDigest);
    const lease = await locks.acquire('whatsapp:31612345678', 1);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('31612345678'); // no key names the person
    const key = keys[0];
    // Three lease times must pass on Redis's clock, which a test cannot move: it lives on only by renewal.
    await new Promise((r) => setTimeout(r, 3000));
    expect(lease.held).toBe(true);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await redis.set(key, 'someone-else'); // lost, e.g. after a stall
    await waitFor(() => !lease.held, 'the next renewal noticing the lease is gone', 3000);
    expect(lease.held).toBe(false);
    await lease.release();
    expect(await redis.get(key)).toBe('someone-else'); // release never deletes another holder's lease
  });
});
