import type { Redis } from 'ioredis';
import type { Journey } from '../domain/journey';
import type { ConversationRef } from '../domain/handoff';
import { entityTag, IdDigest } from '../storage/idDigest';

/** A person on a channel (the user id may be a phone number: personal data). */
export interface JourneyPerson {
  channelId: string;
  userId: string;
}

export interface JourneyEntry {
  person: JourneyPerson;
  journey: Journey;
}

/**
 * Each person's selection journey with every move (who, when, why). Personal data: kept as long as
 * the person's state (each write and each `touch` keeps it that much longer), in their export, and
 * erased with them.
 */
export interface JourneyStore {
  get(person: JourneyPerson): Promise<Journey | undefined>;
  /**
   * Writes `next` when the stored journey still has `expectedMoves` moves (0: the person has none yet),
   * so two moves made at once cannot both win; false when another write came first (nothing written).
   */
  save(person: JourneyPerson, next: Journey, expectedMoves: number, now: Date): Promise<boolean>;
  /**
   * The person was active: their journey is kept as long as their state; nothing happens when they
   * have none. `ref` is their conversation, kept with the journey so the bot can write to them
   * (the homework, a mentor's review, the decision).
   */
  touch(person: JourneyPerson, now: Date, ref?: ConversationRef): Promise<void>;
  /** The conversation the person last wrote in, while they have a journey. */
  reach(person: JourneyPerson): Promise<ConversationRef | undefined>;
  /** Everyone's journey within the retention period, most recently active first. */
  list(limit: number, now: Date): Promise<JourneyEntry[]>;
  /** Forgets the person's journey; nothing happens when they have none. */
  erase(person: JourneyPerson): Promise<void>;
}

const personKey = (p: JourneyPerson) => `${p.channelId}|${p.userId}`;

export class MemoryJourneyStore implements JourneyStore {
  private readonly entries = new Map<string, { person: JourneyPerson; journey: Journey; lastAt: number; ref?: ConversationRef }>();

  constructor(private readonly retentionMs: number) {}

  private live(person: JourneyPerson, now = Date.now()) {
    const entry = this.entries.get(personKey(person));
    if (entry && entry.lastAt < now - this.retentionMs) {
      this.entries.delete(personKey(person));
      return undefined;
    }
    return entry;
  }

  async get(person: JourneyPerson) {
    const entry = this.live(person);
    return entry && structuredClone(entry.journey);
  }

  async save(person: JourneyPerson, next: Journey, expectedMoves: number, now: Date) {
    if ((this.live(person, now.getTime())?.journey.moves.length ?? 0) !== expectedMoves) return false;
    const ref = this.entries.get(personKey(person))?.ref;
    this.entries.set(personKey(person), { person: { channelId: person.channelId, userId: person.userId }, journey: structuredClone(next), lastAt: now.getTime(), ...(ref ? { ref } : {}) });
    return true;
  }

  async touch(person: JourneyPerson, now: Date, ref?: ConversationRef) {
    const entry = this.live(person, now.getTime());
    if (!entry) return;
    entry.lastAt = Math.max(entry.lastAt, now.getTime());
    if (ref) entry.ref = structuredClone(ref);
  }

  async reach(person: JourneyPerson) {
    const ref = this.live(person)?.ref;
    return ref && structuredClone(ref);
  }

  async list(limit: number, now: Date) {
    const oldest = now.getTime() - this.retentionMs;
    return [...this.entries.values()]
      .filter((e) => e.lastAt >= oldest)
      .sort((a, b) => b.lastAt - a.lastAt)
      .slice(0, limit)
      .map((e) => ({ person: { ...e.person }, journey: structuredClone(e.journey) }));
  }

  async erase(person: JourneyPerson) {
    this.entries.delete(personKey(person));
  }
}

/** Writes the journey only when its stored move count is the one expected; keeps it for the retention. */
const SAVE = `
local moves = redis.call('HGET', KEYS[1], 'moves')
if (moves or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'journey', ARGV[2], 'moves', ARGV[3], 'person', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** Keeps the person's conversation with their journey, only when they have one. */
const TOUCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'ref', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * p:journey:{tag} (a hash: the journey as JSON, its move count, who the person is, so the board
 * can find their record, and the conversation they last wrote in), where {tag} is the person's keyed digest (see entityTag): no key names the
 * person. p:journeys is the board's index: a sorted set of those tags by last activity, dropping the
 * ones past the retention on every write. The index and a journey live in different slots of a
 * cluster, so they are written one after the other; the board skips a tag whose journey is gone.
 */
export class RedisJourneyStore implements JourneyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly digest: IdDigest,
    private readonly retentionMs: number,
  ) {}

  private tag = (p: JourneyPerson) => entityTag(this.digest, p.channelId, p.userId);
  private key = (tag: string) => `${this.prefix}journey:${tag}`;
  private index = () => `${this.prefix}journeys`;

  async get(person: JourneyPerson) {
    const raw = await this.redis.hget(this.key(this.tag(person)), 'journey');
    return raw ? (JSON.parse(raw) as Journey) : undefined;
  }

  async save(person: JourneyPerson, next: Journey, expectedMoves: number, now: Date) {
    const tag = this.tag(person);
    const who = JSON.stringify({ channelId: person.channelId, userId: person.userId });
    const saved = await this.redis.eval(SAVE, 1, this.key(tag), String(expectedMoves), JSON.stringify(next), String(next.moves.length), who, String(this.retentionMs));
    if (saved !== 1) return false;
    await this.indexAt(tag, now);
    return true;
  }

  async touch(person: JourneyPerson, now: Date, ref?: ConversationRef) {
    const tag = this.tag(person);
    const kept = ref ? await this.redis.eval(TOUCH, 1, this.key(tag), JSON.stringify(ref), String(this.retentionMs)) : await this.redis.pexpire(this.key(tag), this.retentionMs);
    if (kept === 1) await this.indexAt(tag, now);
  }

  async reach(person: JourneyPerson) {
    const raw = await this.redis.hget(this.key(this.tag(person)), 'ref');
    return raw ? (JSON.parse(raw) as ConversationRef) : undefined;
  }

  private async indexAt(tag: string, now: Date) {
    await this.redis
      .multi()
      .zadd(this.index(), now.getTime(), tag)
      .zremrangebyscore(this.index(), '-inf', `(${now.getTime() - this.retentionMs}`)
      .pexpire(this.index(), this.retentionMs)
      .exec();
  }

  async list(limit: number, now: Date) {
    const tags = await this.redis.zrevrangebyscore(this.index(), '+inf', String(now.getTime() - this.retentionMs), 'LIMIT', 0, limit);
    if (tags.length === 0) return [];
    // One read per person, side by side: each person's key has its own hash slot, and on a Redis Cluster one
    // pipeline may not span slots served by different nodes.
    const read = await Promise.all(tags.map((tag) => this.redis.hmget(this.key(tag), 'journey', 'person')));
    const entries: JourneyEntry[] = [];
    for (const [journey, person] of read) {
      if (journey && person) entries.push({ person: JSON.parse(person) as JourneyPerson, journey: JSON.parse(journey) as Journey });
    }
    return entries;
  }

  async erase(person: JourneyPerson) {
    const tag = this.tag(person);
    await this.redis.del(this.key(tag));
    await this.redis.zrem(this.index(), tag);
  }
}
