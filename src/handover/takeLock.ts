import type { Redis } from 'ioredis';
import { MemoryKeyedLock, RedisKeyedLock, type RedisKeyedLockOptions } from '../storage/keyedLock';

/**
 * One take at a time per mentor, on every instance: the cap is checked and the person taken inside it,
 * so a mentor pressing Take twice at once (two tabs, console and Teams) cannot pass their cap.
 */
export interface TakeLock {
  /** Runs `work` holding the mentor's lock; 'busy' when another take of theirs held it for too long. */
  run<T>(accountId: string, work: () => Promise<T>): Promise<T | 'busy'>;
}

/** One process: each mentor's takes wait for each other in a chain. */
export class MemoryTakeLock extends MemoryKeyedLock implements TakeLock {}

/** p:taking:{<account id>}: on every instance (a take is one script; seconds is plenty). */
export class RedisTakeLock extends RedisKeyedLock implements TakeLock {
  constructor(redis: Redis, prefix: string, options: RedisKeyedLockOptions = {}) {
    super(redis, (accountId) => `${prefix}taking:{${accountId}}`, { waitMs: 3000, retryMs: 20, ...options });
  }
}
