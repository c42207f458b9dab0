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
 * An entry names a person, so it expires with their state and goes when they are erased: writes drop
 * the entries past the retention (on Redis when due, and a period later, see RedisPeopleIndex), and the
 * set expires when nobody wrote for that long.
 */
export interface PeopleIndex {
  touch(channelId: string, userId: string, at: Date): Promise<void>;
  /** The person's entry, if they are in the index. */
  get(channelId: string, userId: string): Promise<PersonEntry | undefined>;
  /** Everyone seen within the retention period, newest first (on Redis: and up to a period longer). */
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

/**
 * A person's entry is written when they are new to this process, and then at most once a period per
 * person (see DueEvery), not at every turn: its score, shown as lastAt, is their last activity to
 * within a period, never later. So readers take one period more than the retention (nobody leaves the
 * index early: an entry is there at least the retention after the person's last activity, at most a
 * period longer) and the index is trimmed at that age too.
 */
export class RedisPeopleIndex implements PeopleIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs: number,
    private readonly upkeepPeriodMs = UPKEEP_PERIOD_MS,
  ) {
    this.upkeep = new DueEvery(upkeepPeriodMs);
    this.written = new DueEvery(upkeepPeriodMs);
  }

  private key = () => `${this.prefix}people`;
  /** When the index was last trimmed and its expiry renewed by this process. */
  private readonly upkeep: DueEvery;
  /** When each person's entry was last written by this process (on the clock of `touch`). */
  private readonly written: DueEvery;
  /** The oldest score kept: the retention and a period (a score may be up to a period behind). */
  private oldest = () => Date.now() - this.retentionMs - this.upkeepPeriodMs;

  /**
   * A ZADD when the person's entry is due (see above); the people past the retention (their state has
   * expired too) are dropped and the expiry renewed when due, at most once a period (see DueEvery),
   * sent with it. Readers skip entries past the retention in between.
   */
  async touch(channelId: string, userId: string, at: Date) {
    if (!this.written.due(member(channelId, userId), at.getTime())) return;
    try {
      await this.write(channelId, userId, at);
    } catch (error) {
      this.written.forget(member(channelId, userId)); // not written (Redis failed): due again at the next turn
      throw error;
    }
  }

  private async write(channelId: string, userId: string, at: Date) {
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
      .zremrangebyscore(key, '-inf', `(${this.oldest()}`)
      .pexpire(key, this.retentionMs + this.upkeepPeriodMs) // a period longer: never gone before the retention after its last write
      .exec();
  }

  async get(channelId: string, userId: string) {
    const at = await this.redis.zscore(this.key(), member(channelId, userId));
    return at !== null && Number(at) >= this.oldest() ? parse(member(channelId, userId), Number(at)) : undefined;
  }

  async list(limit: number) {
    const raw = await this.redis.zrevrangebyscore(this.key(), '+inf', String(this.oldest()), 'WITHSCORES', 'LIMIT', 0, limit);
    const entries: PersonEntry[] = [];
    for (let i = 0; i < raw.length; i += 2) entries.push(parse(raw[i], Number(raw[i + 1])));
    return entries;
  }

  async remove(channelId: string, userId: string) {
    await this.redis.zrem(this.key(), member(channelId, userId));
    // Back in this process (a new start after the erasure): indexed again at once.
    this.written.forget(member(channelId, userId));
  }
}
