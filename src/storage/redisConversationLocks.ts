import { randomUUID } from 'node:crypto';
import type { IdDigest } from './idDigest';
import type { Redis } from 'ioredis';
import { ConversationLocks, DEFAULT_MAX_WAITERS, Lease, LockBusyError, LockTimings, LockWaitTimeoutError } from './conversationLocks';

/**
 * What the lease key holds. `<token>`: held, and nobody waited when last looked. `<token>+<ms>`:
 * held until `<ms>` (Redis's clock), and someone waits in line: its release hands over to the line,
 * and past `<ms>` (its holder died or stalled) it is the line's. `line`: free, but only for the head of
 * the line (a released lease others wait for). A plain `SET NX` (the first try) fails on all three, so
 * a newcomer cannot overtake those waiting; the key outlives its holder by two alive times when someone
 * waits, so it is never missing while live waiters stand in line.
 */
const FOR_THE_LINE = 'line';

/**
 * Takes the lease if this token may, else joins the line (once) and waits. Called when the first try
 * (`SET NX`) failed, then on every poll. KEYS: lease, line (sorted set: waiting tokens by order), alive
 * (hash: token → ms until which that waiter counts as alive). ARGV: token, order, lease ttl ms, alive
 * ms, max waiters. Returns 1 when the lease is now this token's, 0 when it must wait, -1 when the line
 * is full. Free with nobody waiting: taken at once. Held by someone who does not know that anyone
 * waits: marked (`<token>+<until>`), same holder, same time left. Free for the line (`line`, a marked
 * lease past its time, or none at all): the first in line takes it; waiters that stopped asking (their
 * process died) are dropped from the head of the line.
 */
const TRY_ACQUIRE = `
local token = ARGV[1]
local holder = redis.call('GET', KEYS[1])
if holder == token or (holder and string.sub(holder, 1, #token + 1) == token .. '+') then return 1 end
if not holder and redis.call('ZCARD', KEYS[2]) == 0 then
  redis.call('SET', KEYS[1], token, 'PX', ARGV[3])
  return 1
end
if not redis.call('ZSCORE', KEYS[2], token) and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return -1 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[3])
local aliveMs = tonumber(ARGV[4])
redis.call('ZADD', KEYS[2], 'NX', ARGV[2], token)
redis.call('HSET', KEYS[3], token, now + aliveMs)
local keep = ttl + 2 * aliveMs
redis.call('PEXPIRE', KEYS[2], keep)
redis.call('PEXPIRE', KEYS[3], keep)
if holder and holder ~= '${FOR_THE_LINE}' then
  local plus = string.find(holder, '+', 1, true)
  if not plus then
    local left = redis.call('PTTL', KEYS[1])
    if left < 0 then left = ttl end
    redis.call('SET', KEYS[1], holder .. '+' .. string.format('%.0f', now + left), 'PX', left + 2 * aliveMs)
    return 0
  end
  if (tonumber(string.sub(holder, plus + 1)) or 0) >= now then return 0 end
end
while true do
  local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  if head == token then
    redis.call('ZREM', KEYS[2], token)
    redis.call('HDEL', KEYS[3], token)
    if redis.call('ZCARD', KEYS[2]) == 0 then
      redis.call('SET', KEYS[1], token, 'PX', ttl)
    else
      redis.call('SET', KEYS[1], token .. '+' .. string.format('%.0f', now + ttl), 'PX', keep)
    end
    return 1
  end
  local alive = tonumber(redis.call('HGET', KEYS[3], head) or '0')
  if alive >= now then return 0 end
  redis.call('ZREM', KEYS[2], head)
  redis.call('HDEL', KEYS[3], head)
end
`;

/** Leaves the line (a waiter that gave up). KEYS: line, alive. ARGV: token. */
const LEAVE_LINE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 0
`;

/**
 * Extends the lease if it is still this token's (a marked one only before its time ran out).
 * KEYS: lease. ARGV: token, ttl ms, alive ms.
 */
const RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not holder or string.sub(holder, 1, #ARGV[1] + 1) ~= ARGV[1] .. '+' then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if (tonumber(string.sub(holder, #ARGV[1] + 2)) or 0) < now then return 0 end
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1] .. '+' .. string.format('%.0f', now + ttl), 'PX', ttl + 2 * tonumber(ARGV[3]))
return 1
`;

/**
 * Compare-and-delete: gives the lease back only if it is still this token's. Nobody waiting (the
 * common case): GET and DEL. Someone waiting (marked): the lease becomes the line's for two alive
 * times, or is deleted if everyone in line gave up meanwhile. KEYS: lease, line. ARGV: token, alive ms.
 */
const RELEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('DEL', KEYS[1]) end
if not holder or string.sub(holder, 1, #ARGV[1] + 1) ~= ARGV[1] .. '+' then return 0 end
if redis.call('ZCARD', KEYS[2]) == 0 then return redis.call('DEL', KEYS[1]) end
redis.call('SET', KEYS[1], '${FOR_THE_LINE}', 'PX', 2 * tonumber(ARGV[2]))
return 1
`;

type LockCommands = Redis & {
  vitLockTry(n: number, lease: string, line: string, alive: string, token: string, order: string, ttl: string, aliveMs: string, maxWaiters: string): Promise<number>;
  vitLockLeave(n: number, line: string, alive: string, token: string): Promise<number>;
  vitLockRenew(n: number, lease: string, token: string, ttl: string, aliveMs: string): Promise<number>;
  vitLockRelease(n: number, lease: string, line: string, token: string, aliveMs: string): Promise<number>;
};

/** A waiter that has not asked for this long is taken for dead and loses its place. */
const ALIVE_MS = 2000;
const FIRST_POLL_MS = 2;
const MAX_POLL_MS = 25;

/**
 * Conversation leases in Redis, shared by every instance: a token set by `SET NX PX` (one command when
 * the conversation is free, the common case), renewed while the turn runs, released by
 * compare-and-delete (GET, DEL); waiters queue in order (a sorted set), so two messages sent at once
 * are handled in the order they were sent, and the lease key shows that they wait (see FOR_THE_LINE),
 * so no newcomer's `SET NX` passes them. Keys carry a hash tag so one conversation's three keys live in
 * one slot.
 */
export class RedisConversationLocks implements ConversationLocks {
  private readonly redis: LockCommands;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly timings: LockTimings,
    private readonly digest: IdDigest,
  ) {
    this.redis = redis as LockCommands;
    if (!('vitLockTry' in redis)) {
      redis.defineCommand('vitLockTry', { lua: TRY_ACQUIRE });
      redis.defineCommand('vitLockLeave', { lua: LEAVE_LINE });
      redis.defineCommand('vitLockRenew', { lua: RENEW });
      redis.defineCommand('vitLockRelease', { lua: RELEASE });
    }
  }

  async acquire(key: string, order: number): Promise<Lease> {
    const lease = this.leaseKey(key);
    const line = `${lease}:line`;
    const alive = `${lease}:alive`;
    // Ties in `order` go by token: a per-process clock first, so one instance's messages keep their order.
    const token = `${process.hrtime.bigint().toString().padStart(20, '0')}:${randomUUID()}`;
    const ttl = String(this.timings.ttlMs);
    const started = Date.now();
    const maxWaiters = String(this.timings.maxWaiters ?? DEFAULT_MAX_WAITERS);
    // The first try, one command: free with nobody in line (the common case). The turn's first reads
    // are sent right behind it on the same connection, and count only when it got the lease.
    if ((await this.redis.set(lease, token, 'PX', this.timings.ttlMs, 'NX')) === 'OK') return this.heldLease(lease, token, true);
    let pause = FIRST_POLL_MS;
    for (;;) {
      const tried = await this.redis.vitLockTry(3, lease, line, alive, token, String(order), ttl, String(ALIVE_MS), maxWaiters);
      if (tried === 1) return this.heldLease(lease, token, false);
      if (tried === -1) throw new LockBusyError(Number(maxWaiters));
      if (Date.now() - started > this.timings.waitMs) {
        await this.redis.vitLockLeave(2, line, alive, token).catch(() => undefined);
        throw new LockWaitTimeoutError(Date.now() - started);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, MAX_POLL_MS);
    }
  }

  async waiting(key: string): Promise<number> {
    return this.redis.zcard(`${this.leaseKey(key)}:line`);
  }

  /**
   * Keyed (see createIdDigest): a conversation id can hold a phone number, and no key may name a
   * person. The tag is the turn journal's and the conversation state's, so they share a cluster slot.
   */
  private leaseKey(key: string): string {
    return `${this.prefix}lock:{${this.digest(key)}}`;
  }

  private heldLease(lease: string, token: string, atOnce: boolean): Lease {
    let held = true;
    let released = false;
    let renewedAt = Date.now();
    const { ttlMs } = this.timings;
    const timer = setInterval(() => {
      this.redis
        .vitLockRenew(1, lease, token, String(ttlMs), String(ALIVE_MS))
        .then((ok) => {
          if (ok === 1) renewedAt = Date.now();
          else held = false;
        })
        .catch(() => {
          if (Date.now() - renewedAt >= ttlMs) held = false;
        });
    }, Math.max(10, Math.floor(ttlMs / 3)));
    timer.unref();
    return {
      atOnce,
      get held() {
        return held && Date.now() - renewedAt < ttlMs;
      },
      release: async () => {
        if (released) return;
        released = true;
        held = false;
        clearInterval(timer);
        await this.redis.vitLockRelease(2, lease, `${lease}:line`, token, String(ALIVE_MS));
      },
    };
  }
}
