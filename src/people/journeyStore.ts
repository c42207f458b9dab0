import type { Redis } from 'ioredis';
import type { Journey } from '../domain/journey';
import type { ConversationRef } from '../domain/handoff';
import { entityTag, IdDigest } from '../storage/idDigest';
import { DueEvery, UPKEEP_PERIOD_MS } from '../storage/dueEvery';

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

/** Writes the journey only when its stored move count is the one expected; keeps it for the retention (and a period, see RedisJourneyStore). */
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

type TouchCommand = Redis & { vitJourneyTouch(n: number, journey: string, ref: string, ttlMs: string): Promise<number> };

/**
 * p:journey:{tag} (a hash: the journey as JSON, its move count, who the person is, so the board
 * can find their record, and the conversation they last wrote in), where {tag} is the person's keyed digest (see entityTag): no key names the
 * person. p:journeys is the board's index: a sorted set of those tags by last activity. The index and a
 * journey live in different slots of a cluster, so they are written one after the other; the board
 * skips a tag whose journey is gone.
 *
 * The keep-alive of a turn (`touch`) writes when the person is new to this process, when the
 * conversation they write in changed, after a save of theirs in this process, and then at most once a
 * period per person (see DueEvery), not at every turn. So a journey is kept the retention and a period
 * from its last write (at least the retention after the person's last activity, at most a period longer),
 * an index score is up to a period behind the last activity, and the index is read and trimmed one
 * period past the retention (a journey listed from that extra period still exists: it has not expired).
 */
export class RedisJourneyStore implements JourneyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly digest: IdDigest,
    private readonly retentionMs: number,
    private readonly upkeepPeriodMs = UPKEEP_PERIOD_MS,
  ) {
    this.kept = new DueEvery(upkeepPeriodMs);
    this.indexUpkeep = new DueEvery(upkeepPeriodMs);
    if (!('vitJourneyTouch' in redis)) redis.defineCommand('vitJourneyTouch', { lua: TOUCH });
  }

  /** When each person's journey was last kept alive by this process, and with which conversation (on the clock of `touch`). */
  private readonly kept: DueEvery;
  /** When the index was last trimmed and its expiry renewed by this process. */
  private readonly indexUpkeep: DueEvery;

  private tag = (p: JourneyPerson) => entityTag(this.digest, p.channelId, p.userId);
  private key = (tag: string) => `${this.prefix}journey:${tag}`;
  private index = () => `${this.prefix}journeys`;
  /** How long a journey is kept after its last write: a period more than the retention, as its keep-alive may be a period behind. */
  private ttlMs = () => this.retentionMs + this.upkeepPeriodMs;

  async get(person: JourneyPerson) {
    const raw = await this.redis.hget(this.key(this.tag(person)), 'journey');
    return raw ? (JSON.parse(raw) as Journey) : undefined;
  }

  async save(person: JourneyPerson, next: Journey, expectedMoves: number, now: Date) {
    const tag = this.tag(person);
    const who = JSON.stringify({ channelId: person.channelId, userId: person.userId });
    const saved = await this.redis.eval(SAVE, 1, this.key(tag), String(expectedMoves), JSON.stringify(next), String(next.moves.length), who, String(this.ttlMs()));
    if (saved !== 1) return false;
    // The next keep-alive writes (a journey begun in this turn gets the person's conversation at once).
    this.kept.forget(tag);
    await this.indexAt(tag, now);
    return true;
  }

  async touch(person: JourneyPerson, now: Date, ref?: ConversationRef) {
    const tag = this.tag(person);
    if (!this.kept.due(tag, now.getTime(), ref && `${ref.serviceUrl}|${ref.conversation.id}`)) return;
    const redis = this.redis as TouchCommand;
    try {
      const kept = ref ? await redis.vitJourneyTouch(1, this.key(tag), JSON.stringify(ref), String(this.ttlMs())) : await this.redis.pexpire(this.key(tag), this.ttlMs());
      if (kept === 1) await this.indexAt(tag, now);
    } catch (error) {
      this.kept.forget(tag); // not written (Redis failed): due again at the next turn
      throw error;
    }
  }

  async reach(person: JourneyPerson) {
    const raw = await this.redis.hget(this.key(this.tag(person)), 'ref');
    return raw ? (JSON.parse(raw) as ConversationRef) : undefined;
  }

  /** The index is trimmed one period past the retention, and its expiry renewed, when due (at most once a period per process). */
  private async indexAt(tag: string, now: Date) {
    const index = this.index();
    if (!this.indexUpkeep.due(index, now.getTime())) {
      // A new member may be the first of an index that was emptied (its expiry gone with it): it gets one now.
      if ((await this.redis.zadd(index, now.getTime(), tag)) > 0) await this.redis.pexpire(index, this.ttlMs());
      return;
    }
    await this.redis
      .multi()
      .zadd(index, now.getTime(), tag)
      .zremrangebyscore(index, '-inf', `(${now.getTime() - this.ttlMs()}`)
      .pexpire(index, this.ttlMs())
      .exec();
  }

  async list(limit: number, now: Date) {
    // A period further back than the retention: a score may be up to a period behind (see above).
    const tags = await this.redis.zrevrangebyscore(this.index(), '+inf', String(now.getTime() - this.ttlMs()), 'LIMIT', 0, limit);
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
    this.kept.forget(tag);
  }
}
