import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MemoryKeyedLock, RedisKeyedLock, type RedisKeyedLockOptions } from '../storage/keyedLock';

/**
 * One publication at a time per slot owner (a mentor, or staff for their interviews), on every
 * instance: reading the owner's slots, checking the new ones for overlaps and writing them happen
 * inside it, so two publications at the same moment (two browser tabs, a double click, two instances)
 * cannot both pass the check and leave overlapping slots.
 */
export interface SlotPublishLock {
  /** Runs `work` holding the owner's lock; 'busy' when another publication held it for too long. */
  run<T>(ownerId: string, work: () => Promise<T>): Promise<T | 'busy'>;
}

/** One process: each owner's publications wait for each other in a chain. */
export class MemorySlotPublishLock extends MemoryKeyedLock implements SlotPublishLock {}

/**
 * p:slots:publish:{owner:<digest>}: on every instance; the key holds a digest of the console
 * account's id, not the id (a publication is one read and a few writes).
 */
export class RedisSlotPublishLock extends RedisKeyedLock implements SlotPublishLock {
  constructor(redis: Redis, prefix: string, options: RedisKeyedLockOptions = {}) {
    super(redis, (ownerId) => `${prefix}slots:publish:{owner:${createHash('sha256').update(ownerId).digest('base64url').slice(0, 22)}}`, { waitMs: 5000, retryMs: 10, ...options });
  }

  key(ownerId: string): string {
    return this.keyOf(ownerId);
  }
}
