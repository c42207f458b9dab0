import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Which incoming activities have been handled, by channel, conversation and activity id, so a channel
 * that delivers one twice (Direct Line and Teams retry a slow turn) gets it handled once. Memory or
 * Redis (shared by every instance); entries expire after a day. Keys are hashed: a conversation id can
 * hold a phone number, and no key may name a person.
 */
export interface HandledActivities {
  wasHandled(key: string): Promise<boolean>;
  markHandled(key: string): Promise<void>;
}

const KEEP_SECONDS = 24 * 60 * 60;
const MAX_MEMORY_ENTRIES = 100_000;

export class MemoryHandledActivities implements HandledActivities {
  private readonly until = new Map<string, number>();

  async wasHandled(key: string) {
    return (this.until.get(key) ?? 0) > Date.now();
  }

  async markHandled(key: string) {
    const now = Date.now();
    if (this.until.size >= MAX_MEMORY_ENTRIES) for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    if (this.until.size >= MAX_MEMORY_ENTRIES) this.until.clear();
    this.until.set(key, now + KEEP_SECONDS * 1000);
  }
}

export class RedisHandledActivities implements HandledActivities {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private redisKey = (key: string) => `${this.prefix}handled:${createHash('sha256').update(key).digest('base64url')}`;

  async wasHandled(key: string) {
    return (await this.redis.exists(this.redisKey(key))) === 1;
  }

  async markHandled(key: string) {
    await this.redis.set(this.redisKey(key), '1', 'EX', KEEP_SECONDS);
  }
}
