import { Redis } from 'ioredis';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import type { LockTimings } from '../../src/storage/conversationLocks';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { testDigest } from '../support/testRedis';
import { waitFor } from '../support/consoleClient';

/**
 * What the Redis lease costs and how it keeps the line, on a redis-server of the test's own: commands
 * are counted by INFO commandstats (those inside scripts too), so nothing else may talk to it.
 */
describe('RedisConversationLocks: the lease in few commands, the line kept', () => {
  let server: TestRedisServer;
  let redis: Redis;
  const timings: LockTimings = { ttlMs: 2000, waitMs: 10000 };
  let n = 0;
  /** A fresh prefix per test, so no key of one test is seen by another. */
  const prefix = () => `lease${++n}:`;
  const locksOn = (client: Redis, keyPrefix: string, t: LockTimings = timings) => new RedisConversationLocks(client, keyPrefix, t, testDigest);
  const leaseKey = async (keyPrefix: string) => (await redis.keys(`${keyPrefix}lock:*`)).find((k) => !k.endsWith(':line') && !k.endsWith(':alive'))!;

  /** Calls per command (lower case) since the last RESETSTAT, INFO itself left out. */
  async function calls(): Promise<Record<string, number>> {
    const stats = await redis.info('commandstats');
    const out: Record<string, number> = {};
    for (const [, name, count] of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (!name.startsWith('info') && !name.startsWith('config')) out[name] = Number(count);
    return out;
  }

  /** The commands `action` makes Redis run, by name. */
  async function counted(action: () => Promise<unknown>): Promise<Record<string, number>> {
    await redis.config('RESETSTAT');
    await action();
    return calls();
  }

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    // Every script once, so the counts below see EVALSHA and not a first NOSCRIPT and EVAL.
    const locks = locksOn(redis, 'warm:');
    const first = await locks.acquire('c', 1);
    const second = locks.acquire('c', 2);
    await waitFor(async () => (await locks.waiting('c')) === 1, 'a turn in line');
    await first.release();
    await (await second).release();
  });

  afterAll(async () => {
    redis?.disconnect();
    await server?.dispose();
  });

  it('takes a free lease with 1 command (SET NX) and gives it back with 3 (a script: GET, DEL)', async () => {
    const locks = locksOn(redis, prefix());
    let lease: Awaited<ReturnType<typeof locks.acquire>> | undefined;
    expect(await counted(async () => (lease = await locks.acquire('c', 1)))).toEqual({ set: 1 });
    expect(lease!.atOnce).toBe(true);
    expect(await counted(() => lease!.release())).toEqual({ evalsha: 1, get: 1, del: 1 });
    // And again: a released lease leaves nothing that costs the next turn more.
    expect(await counted(async () => (lease = await locks.acquire('c', 2)))).toEqual({ set: 1 });
    expect(await counted(() => lease!.release())).toEqual({ evalsha: 1, get: 1, del: 1 });
  });

  it('costs the common 1 + 3 again after a turn that others waited for', async () => {
    const keyPrefix = prefix();
    const locks = locksOn(redis, keyPrefix);
    const first = await locks.acquire('c', 1);
    const second = locks.acquire('c', 2);
    await waitFor(async () => (await locks.waiting('c')) === 1, 'the second in line');
    await first.release();
    await (await second).release();
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([]);
    let lease: Awaited<ReturnType<typeof locks.acquire>> | undefined;
    expect(await counted(async () => (lease = await locks.acquire('c', 3)))).toEqual({ set: 1 });
    expect(await counted(() => lease!.release())).toEqual({ evalsha: 1, get: 1, del: 1 });
  });

  it('keeps the line at release: a newcomer whose first try runs right after the release waits behind those in line', async () => {
    const keyPrefix = prefix();
    const other = new Redis(server.url, { maxRetriesPerRequest: 1 });
    try {
      const here = locksOn(redis, keyPrefix);
      const there = locksOn(other, keyPrefix);
      const got: string[] = [];
      const holder = await here.acquire('c', 1);
      const waiter = there.acquire('c', 2).then(async (lease) => {
        got.push('waiter');
        await lease.release();
        return lease;
      });
      await waitFor(async () => (await here.waiting('c')) === 1, 'the waiter in line');
      // Same connection, same tick: Redis runs the newcomer's SET NX right after the release's script.
      const releasing = holder.release();
      const newcomer = here.acquire('c', 3).then(async (lease) => {
        got.push('newcomer');
        await lease.release();
        return lease;
      });
      await releasing;
      const [w, n] = await Promise.all([waiter, newcomer]);
      expect(got).toEqual(['waiter', 'newcomer']);
      expect({ waiter: w.atOnce, newcomer: n.atOnce }).toEqual({ waiter: false, newcomer: false });
      expect(await redis.keys(`${keyPrefix}*`)).toEqual([]);
    } finally {
      other.disconnect();
    }
  });

  it('keeps the line when the holder dies: past its time the lease stays the line\'s, and a newcomer cannot take it', async () => {
    const keyPrefix = prefix();
    const short = { ttlMs: 300, waitMs: 10000 };
    const dying = new Redis(server.url, { maxRetriesPerRequest: 0 });
    const stalled = new Redis(server.url, { maxRetriesPerRequest: 0 });
    const locks = locksOn(redis, keyPrefix, short);
    await locksOn(dying, keyPrefix, short).acquire('c', 1); // never released, never renewed once its connection is gone
    dying.disconnect();
    // A waiter that joined the line, then stopped asking: it counts as alive for a while yet.
    const waiter = locksOn(stalled, keyPrefix, short).acquire('c', 2).catch((e: Error) => e);
    await waitFor(async () => (await locks.waiting('c')) === 1, 'the waiter in line');
    stalled.disconnect();
    await waiter;
    const key = await leaseKey(keyPrefix);
    const marked = await redis.get(key);
    const until = Number(/\+(\d+)$/.exec(marked ?? '')?.[1]);
    expect(until).toBeGreaterThan(0); // the holder's value says until when it is the holder's
    await waitFor(async () => {
      const [seconds, micros] = await redis.time();
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) > until;
    }, 'the dead holder\'s time to run out on Redis\'s clock');
    expect(await redis.pttl(key)).toBeGreaterThan(0); // still there: a plain SET NX fails
    const newcomer = locks.acquire('c', 3);
    await waitFor(async () => (await locks.waiting('c')) === 2, 'the newcomer in line behind the waiter');
    // Once the waiter counts as dead it is dropped from the head of the line, and the newcomer goes.
    const lease = await newcomer;
    expect(lease.atOnce).toBe(false);
    expect(await locks.waiting('c')).toBe(0);
    await lease.release();
    expect(await redis.exists(key)).toBe(0);
  });

  it('lets the reserved lease run out when everyone in line died, and then the next first try gets it at once', async () => {
    const keyPrefix = prefix();
    const doomed = new Redis(server.url, { maxRetriesPerRequest: 0 });
    const locks = locksOn(redis, keyPrefix);
    const holder = await locks.acquire('c', 1);
    const waiter = locksOn(doomed, keyPrefix).acquire('c', 2).catch((e: Error) => e);
    await waitFor(async () => (await locks.waiting('c')) === 1, 'the waiter in line');
    doomed.disconnect(); // its process dies: it never asks again
    await waiter;
    await holder.release();
    const key = await leaseKey(keyPrefix);
    expect(await redis.get(key)).toBe('line'); // free, but only for the head of the line
    const blocked = await redis.set(key, 'x', 'PX', 1000, 'NX');
    expect(blocked).toBeNull();
    await waitFor(async () => (await redis.pttl(key)) === -2, 'the reserved lease to run out', 15000);
    let lease: Awaited<ReturnType<typeof locks.acquire>> | undefined;
    expect(await counted(async () => (lease = await locks.acquire('c', 3)))).toEqual({ set: 1 });
    expect(lease!.atOnce).toBe(true);
    await lease!.release();
  });

  it('renews a lease someone waits for, only while it is the holder\'s, and then hands it to the line', async () => {
    const keyPrefix = prefix();
    const locks = locksOn(redis, keyPrefix, { ttlMs: 300, waitMs: 10000 });
    const holder = await locks.acquire('c', 1);
    let waiterHas = false;
    const waiter = locks.acquire('c', 2).then((lease) => ((waiterHas = true), lease));
    await waitFor(async () => (await locks.waiting('c')) === 1, 'the waiter in line');
    const key = await leaseKey(keyPrefix);
    const untilOf = async () => Number(/\+(\d+)$/.exec((await redis.get(key)) ?? '')?.[1]);
    const first = await untilOf();
    await waitFor(async () => (await untilOf()) > first + 300, 'renewals to move the holder\'s time past its first lease time');
    expect({ waiterHas, held: holder.held, waiting: await locks.waiting('c') }).toEqual({ waiterHas: false, held: true, waiting: 1 });
    await holder.release();
    const next = await waiter;
    expect(next.held).toBe(true);
    await next.release();
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([]);
  });
});
