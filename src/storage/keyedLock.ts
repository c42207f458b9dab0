import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Runs work holding a named lock, one holder per name at a time; 'busy' when another holder kept it past the wait. */
export interface KeyedLock {
  run<T>(name: string, work: () => Promise<T>): Promise<T | 'busy'>;
}

/** One process: the work under one name waits in a chain. */
export class MemoryKeyedLock implements KeyedLock {
  private readonly chains = new Map<string, Promise<unknown>>();

  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const mine = (this.chains.get(name) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.chains.set(name, mine);
    try {
      return await mine;
    } finally {
      if (this.chains.get(name) === mine) this.chains.delete(name);
    }
  }
}

/* KEYS: the lock. ARGV: token. Removes the lock only if it is still ours (it may have expired and been taken). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface RedisKeyedLockOptions {
  /** How long the lock lives if its holder dies. */
  ttlMs?: number;
  /** How long a second holder waits for the first before it gives up ('busy'). */
  waitMs?: number;
  retryMs?: number;
}

/**
 * On every instance: SET NX PX with a random token, freed by compare-and-delete. One key per name
 * (`keyOf`), so a lock is one slot on a Redis Cluster.
 */
export class RedisKeyedLock implements KeyedLock {
  private readonly redis: Redis & { vitKeyedLockRelease(key: string, token: string): Promise<number> };

  constructor(
    redis: Redis,
    readonly keyOf: (name: string) => string,
    private readonly options: RedisKeyedLockOptions & Required<Pick<RedisKeyedLockOptions, 'waitMs' | 'retryMs'>>,
  ) {
    if (!('vitKeyedLockRelease' in redis)) redis.defineCommand('vitKeyedLockRelease', { lua: RELEASE, numberOfKeys: 1 });
    this.redis = redis as RedisKeyedLock['redis'];
  }

  async run<T>(name: string, work: () => Promise<T>): Promise<T | 'busy'> {
    const key = this.keyOf(name);
    const token = randomUUID();
    const deadline = Date.now() + this.options.waitMs;
    while ((await this.redis.set(key, token, 'PX', this.options.ttlMs ?? 10_000, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) return 'busy';
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMs));
    }
    try {
      return await work();
    } finally {
      await this.redis.vitKeyedLockRelease(key, token);
    }
  }
}
