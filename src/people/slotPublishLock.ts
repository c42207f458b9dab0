import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

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
export class MemorySlotPublishLock implements SlotPublishLock {
  private readonly chains = new Map<string, Promise<unknown>>();

  async run<T>(ownerId: string, work: () => Promise<T>): Promise<T> {
    const mine = (this.chains.get(ownerId) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.chains.set(ownerId, mine);
    try {
      return await mine;
    } finally {
      if (this.chains.get(ownerId) === mine) this.chains.delete(ownerId);
    }
  }
}

/* KEYS: the lock. ARGV: token. Removes the lock only if it is still ours (it may have expired and been taken). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface RedisSlotPublishLockOptions {
  /** How long the lock lives if its holder dies (a publication is one read and a few writes). */
  ttlMs?: number;
  /** How long a second publication waits for the first before it gives up. */
  waitMs?: number;
  retryMs?: number;
}

/**
 * p:slots:publish:{owner:<digest>} — SET NX PX with a random token, freed by compare-and-delete (one
 * key, its own hash tag: fine in a cluster). The key holds a digest of the console account's id, not
 * the id.
 */
export class RedisSlotPublishLock implements SlotPublishLock {
  private readonly redis: Redis & { vitSlotLockRelease(key: string, token: string): Promise<number> };

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly options: RedisSlotPublishLockOptions = {},
  ) {
    if (!('vitSlotLockRelease' in redis)) redis.defineCommand('vitSlotLockRelease', { lua: RELEASE, numberOfKeys: 1 });
    this.redis = redis as RedisSlotPublishLock['redis'];
  }

  key(ownerId: string): string {
    return `${this.prefix}slots:publish:{owner:${createHash('sha256').update(ownerId).digest('base64url').slice(0, 22)}}`;
  }

  async run<T>(ownerId: string, work: () => Promise<T>): Promise<T | 'busy'> {
    const key = this.key(ownerId);
    const token = randomUUID();
    const deadline = Date.now() + (this.options.waitMs ?? 5000);
    while ((await this.redis.set(key, token, 'PX', this.options.ttlMs ?? 10_000, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) return 'busy';
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 10));
    }
    try {
      return await work();
    } finally {
      await this.redis.vitSlotLockRelease(key, token);
    }
  }
}
