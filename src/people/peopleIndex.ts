import { DueEvery, UPKEEP_PERIOD_MS } from '../storage/dueEvery';
import type { Redis } from 'ioredis';

export interface PersonEntry {
  channelId: string;
  userId: string;
  lastAt: string;
}

/**
 * Who the bot has talked with, newest first: the way staff find a person for a request to see or
 * erase their data. Memory or Redis (p:people: a sorted set of "<channel>|<user id>" by last message).
 * An entry names a person, so it expires with their state and goes when they are erased: every write
 * drops the entries past the retention, and the set expires when nobody wrote for that long.
 */
export interface PeopleIndex {
  touch(channelId: string, userId: string, at: Date): Promise<void>;
  /** The person's entry, if they are in the index. */
  get(channelId: string, userId: string): Promise<PersonEntry | undefined>;
  /** Everyone seen within the retention period, newest first. */
  list(limit: number): Promise<PersonEntry[]>;
  remove(channelId: string, userId: string): Promise<void>;
}

const member = (channelId: string, userId: string) => `${channelId}|${userId}`;
const parse = (m: string, at: number): PersonEntry => {
  const i = m.indexOf('|');
  return { channelId: m.slice(0, i), userId: m.slice(i + 1), lastAt: new Date(at).toISOString() };
};

export class MemoryPeopleIndex implements PeopleIndex {
  private readonly people = new Map<string, number>();
  private writes = 0;

  constructor(private readonly retentionMs: number) {}

  async touch(channelId: string, userId: string, at: Date) {
    if (++this.writes % 1000 === 0) {
      const oldest = Date.now() - this.retentionMs;
      for (const [m, seen] of this.people) if (seen < oldest) this.people.delete(m);
    }
    this.people.set(member(channelId, userId), at.getTime());
  }

  async get(channelId: string, userId: string) {
    const at = this.people.get(member(channelId, userId));
    return at !== undefined && at >= Date.now() - this.retentionMs ? parse(member(channelId, userId), at) : undefined;
  }

  async list(limit: number) {
    const oldest = Date.now() - this.retentionMs;
    return [...this.people]
      .filter(([, at]) => at >= oldest)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([m, at]) => parse(m, at));
  }

  async remove(channelId: string, userId: string) {
    this.people.delete(member(channelId, userId));
  }
}

export class RedisPeopleIndex implements PeopleIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs: number,
    private readonly upkeepPeriodMs = UPKEEP_PERIOD_MS,
  ) {
    this.upkeep = new DueEvery(upkeepPeriodMs);
  }

  private key = () => `${this.prefix}people`;
  /** When the index was last trimmed and its expiry renewed by this process. */
  private readonly upkeep: DueEvery;

  /**
   * One ZADD a turn; the people past the retention (their state has expired too) are dropped and the
   * expiry renewed when due, at most once a period (see DueEvery), sent with it. Readers skip entries
   * past the retention in between.
   */
  async touch(channelId: string, userId: string, at: Date) {
    const key = this.key();
    if (!this.upkeep.due(key)) {
      const added = await this.redis.zadd(key, at.getTime(), member(channelId, userId));
      // A new member may be the first of a set that was emptied (its expiry gone with it): it gets one now.
      if (added > 0) await this.redis.pexpire(key, this.retentionMs + this.upkeepPeriodMs);
      return;
    }
    await this.redis
      .multi()
      .zadd(key, at.getTime(), member(channelId, userId))
      .zremrangebyscore(key, '-inf', `(${Date.now() - this.retentionMs}`)
      .pexpire(key, this.retentionMs + this.upkeepPeriodMs) // a period longer: never gone before the retention after its last write
      .exec();
  }

  async get(channelId: string, userId: string) {
    const at = await this.redis.zscore(this.key(), member(channelId, userId));
    return at !== null && Number(at) >= Date.now() - this.retentionMs ? parse(member(channelId, userId), Number(at)) : undefined;
  }

  async list(limit: number) {
    const raw = await this.redis.zrevrangebyscore(this.key(), '+inf', String(Date.now() - this.retentionMs), 'WITHSCORES', 'LIMIT', 0, limit);
    const entries: PersonEntry[] = [];
    for (let i = 0; i < raw.length; i += 2) entries.push(parse(raw[i], Number(raw[i + 1])));
    return entries;
  }

  async remove(channelId: string, userId: string) {
    await this.redis.zrem(this.key(), member(channelId, userId));
  }
}
