import type { Redis } from 'ioredis';
import { MemoryKeyedLock, RedisKeyedLock, type RedisKeyedLockOptions } from '../storage/keyedLock';

/**
 * One change at a time that could leave no active admin (disabling or demoting an admin), on every
 * instance: the check "another active admin remains" and the write happen inside it, so two admins
 * demoting or disabling each other at the same moment cannot both succeed.
 */
export interface AdminChangeLock {
  /** Runs `work` holding the lock; 'busy' when another change held it for too long. */
  run<T>(work: () => Promise<T>): Promise<T | 'busy'>;
}

const NAME = 'admin-change';

/** One process: the changes wait for each other in a chain. */
export class MemoryAdminChangeLock implements AdminChangeLock {
  private readonly lock = new MemoryKeyedLock();

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(NAME, work);
  }
}

/** p:accounts:admin-change: on every instance (a change is a few reads and a write; one key: fine in a cluster). */
export class RedisAdminChangeLock implements AdminChangeLock {
  private readonly lock: RedisKeyedLock;

  constructor(redis: Redis, prefix: string, options: RedisKeyedLockOptions = {}) {
    this.lock = new RedisKeyedLock(redis, () => `${prefix}accounts:admin-change`, { waitMs: 5000, retryMs: 10, ...options });
  }

  run<T>(work: () => Promise<T>): Promise<T | 'busy'> {
    return this.lock.run(NAME, work);
  }
}
