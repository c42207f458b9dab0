import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * One take at a time per mentor, on every instance: the cap is checked and the person taken inside it,
 * so a mentor pressing Take twice at once (two tabs, console and Teams) cannot pass their cap.
 */
export interface TakeLock {
  /** Runs `work` holding the mentor's lock; 'busy' when another take of theirs held it for too long. */
  run<T>(accountId: string, work: () => Promise<T>): Promise<T | 'busy'>;
}

export class MemoryTakeLock implements TakeLock {
  private readonly chains = new Map<string, Promise<unknown>>();

  async run<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    const before = this.chains.get(accountId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    this.chains.set(accountId, mine);
    try {
      return await mine;
    } finally {
      if (this.chains.get(accountId) === mine) this.chains.delete(accountId);
    }
  }
}

/* KEYS: the lock. ARGV: token. Removes the lock only if it is still ours (it may have expired and been taken). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface RedisTakeLockOptions {
  /** How long a lock lives if its holder dies (a take is one script; seconds is plenty). */
  ttlMs?: number;
  /** How long a second take waits for the first before it gives up. */
  waitMs?: number;
  retryMs?: number;
}

/** p:taking:{<account id>}: SET NX PX with a random token, freed by compare-and-delete. */
export class RedisTakeLock implements TakeLock {
  private readonly redis: Redis & { vitTakeLockRelease(key: string, token: string): Promise<number> };

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly options: RedisTakeLockOptions = {},
  ) {
    if (!('vitTakeLockRelease' in redis)) redis.defineCommand('vitTakeLockRelease', { lua: RELEASE, numberOfKeys: 1 });
    this.redis = redis as RedisTakeLock['redis'];
  }

  async run<T>(accountId: string, work: () => Promise<T>): Promise<T | 'busy'> {
    const key = `${this.prefix}taking:{${accountId}}`;
    const token = randomUUID();
    const deadline = Date.now() + (this.options.waitMs ?? 3000);
    while ((await this.redis.set(key, token, 'PX', this.options.ttlMs ?? 10_000, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) return 'busy';
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 20));
    }
    try {
      return await work();
    } finally {
      await this.redis.vitTakeLockRelease(key, token);
    }
  }
}
