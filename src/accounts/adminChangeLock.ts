import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * One change at a time that could leave no active admin (disabling or demoting an admin), on every
 * instance: the check "another active admin remains" and the write happen inside it, so two admins
 * demoting or disabling each other at the same moment cannot both succeed.
 */
export interface AdminChangeLock {
  /** Runs `work` holding the lock; 'busy' when another change held it for too long. */
  run<T>(work: () => Promise<T>): Promise<T | 'busy'>;
}

/** One process: the changes wait for each other in a chain. */
export class MemoryAdminChangeLock implements AdminChangeLock {
  private chain: Promise<unknown> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    const mine = this.chain.catch(() => undefined).then(work);
    this.chain = mine;
    return mine;
  }
}

/* KEYS: the lock. ARGV: token. Removes the lock only if it is still ours (it may have expired and been taken). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface RedisAdminChangeLockOptions {
  /** How long the lock lives if its holder dies (a change is a few reads and a write). */
  ttlMs?: number;
  /** How long a second change waits for the first before it gives up. */
  waitMs?: number;
  retryMs?: number;
}

/** p:accounts:admin-change: SET NX PX with a random token, freed by compare-and-delete (one key: fine in a cluster). */
export class RedisAdminChangeLock implements AdminChangeLock {
  private readonly redis: Redis & { vitAdminLockRelease(key: string, token: string): Promise<number> };

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly options: RedisAdminChangeLockOptions = {},
  ) {
    if (!('vitAdminLockRelease' in redis)) redis.defineCommand('vitAdminLockRelease', { lua: RELEASE, numberOfKeys: 1 });
    this.redis = redis as RedisAdminChangeLock['redis'];
  }

  async run<T>(work: () => Promise<T>): Promise<T | 'busy'> {
    const key = `${this.prefix}accounts:admin-change`;
    const token = randomUUID();
    const deadline = Date.now() + (this.options.waitMs ?? 5000);
    while ((await this.redis.set(key, token, 'PX', this.options.ttlMs ?? 10_000, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) return 'busy';
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 10));
    }
    try {
      return await work();
    } finally {
      await this.redis.vitAdminLockRelease(key, token);
    }
  }
}
