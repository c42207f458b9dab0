import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ConversationRef } from '../domain/handoff';
import type { Language } from '../domain/language';
import type { PoolMember } from '../domain/talentPool';

/** A person on a channel (the user id may be a phone number: personal data). */
export interface PoolPerson {
  channelId: string;
  userId: string;
}

/** One person's place in the talent pool, with how to reach them (their conversation and language). */
export interface PoolEntry {
  person: PoolPerson;
  member: PoolMember;
  contact?: { conversation: ConversationRef; language: Language };
}

/**
 * What a writer makes of a person's place, given it as it is now (undefined: nobody there): the next
 * entry, or undefined to leave it as it is. Pure: it may run more than once (see PoolStore.update).
 */
export type PoolChange = (current: PoolEntry | undefined) => PoolEntry | undefined;

/** What an update found (`before`, the last read) and wrote (`after`; undefined when the change left it). */
export interface PoolUpdate {
  before?: PoolEntry;
  after?: PoolEntry;
}

/** Reads again and again when others keep writing the same person: beyond this something is wrong. */
export const POOL_UPDATE_TRIES = 20;

/** How far a check-in's sending got (see ReminderClaim): only one caller ever gets 'claimed'. */
export type PoolClaim = 'claimed' | 'sending' | 'sent';

/**
 * Each person's place in the talent pool under their keyed digest (`who`): personal data, kept as long
 * as the person's state (every write keeps it that much longer), in their export and erased with them.
 * The claim of a check-in (one per time) keeps it from going out twice.
 */
export interface PoolStore {
  get(who: string): Promise<PoolEntry | undefined>;
  /**
   * Changes one person's place as it is at the moment of the write, never over someone else's write:
   * the check-in job and the person's turn (on any instance) may update the same person at once, and
   * each change is applied to what the other wrote (a write in between: read again, change again). A
   * change to an erased person sees undefined. Throws after POOL_UPDATE_TRIES reads that kept losing.
   */
  update(who: string, change: PoolChange, now: Date): Promise<PoolUpdate>;
  /** 'sent' also when the person is erased or their entry no longer waits for the check-in at `at` (nextAt). */
  claim(who: string, at: string): Promise<PoolClaim>;
  release(who: string, at: string): Promise<void>;
  sent(who: string, at: string): Promise<void>;
  /** Everyone in the store within the retention, most recently written first. */
  list(limit: number, now: Date): Promise<Array<{ who: string; entry: PoolEntry }>>;
  erase(who: string): Promise<void>;
}

export class MemoryPoolStore implements PoolStore {
  private readonly entries = new Map<string, { entry: PoolEntry; at: number; claims: Map<string, 'sending' | 'sent'> }>();

  constructor(private readonly retentionMs: number) {}

  private live(who: string, now = Date.now()) {
    const held = this.entries.get(who);
    if (held && held.at < now - this.retentionMs) {
      this.entries.delete(who);
      return undefined;
    }
    return held;
  }

  async get(who: string) {
    const held = this.live(who);
    return held && structuredClone(held.entry);
  }

  /** Read, change and write with no await between them: one turn of the event loop, nobody in between. */
  async update(who: string, change: PoolChange, now: Date): Promise<PoolUpdate> {
    const held = this.live(who, now.getTime());
    const before = held && structuredClone(held.entry);
    const after = change(before && structuredClone(before));
    if (!after) return { before };
    this.entries.set(who, { entry: structuredClone(after), at: now.getTime(), claims: held?.claims ?? new Map() });
    return { before, after: structuredClone(after) };
  }

  async claim(who: string, at: string): Promise<PoolClaim> {
    const held = this.live(who);
    if (!held) return 'sent'; // erased: nothing to send
    if (held.entry.member.nextAt !== at) return 'sent'; // stopped, ready or planned anew since the job read it
    const existing = held.claims.get(at);
    if (existing) return existing;
    held.claims.set(at, 'sending');
    return 'claimed';
  }

  async release(who: string, at: string) {
    this.entries.get(who)?.claims.delete(at);
  }

  async sent(who: string, at: string) {
    this.entries.get(who)?.claims.set(at, 'sent');
  }

  async list(limit: number, now: Date) {
    return [...this.entries.entries()]
      .filter(([who]) => this.live(who, now.getTime()))
      .sort((a, b) => b[1].at - a[1].at)
      .slice(0, limit)
      .map(([who, held]) => ({ who, entry: structuredClone(held.entry) }));
  }

  async erase(who: string) {
    this.entries.delete(who);
  }
}

/**
 * Claims a check-in's sending when the person's hash still exists (an erased person gets nothing) and
 * their entry still waits for this check-in (ARGV[2]: a stop, a ready result or a new plan written
 * since the job read the entry sends nothing).
 */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'sent' end
local raw = redis.call('HGET', KEYS[1], 'entry')
if raw then
  local ok, entry = pcall(cjson.decode, raw)
  if ok and type(entry) == 'table' and type(entry.member) == 'table' and entry.member.nextAt ~= ARGV[2] then return 'sent' end
end
if redis.call('HSETNX', KEYS[1], ARGV[1], 'sending') == 1 then return 'claimed' end
return redis.call('HGET', KEYS[1], ARGV[1])`;

/**
 * Writes a person's entry only when its version is still the one read (ARGV[1]; '' for none: no entry
 * yet, or one written before versions), with a new version (ARGV[2]); 0 when someone wrote between.
 * A random version, not a count: an entry erased and made anew never matches a read from before.
 */
const WRITE_IF_UNCHANGED = `
if (redis.call('HGET', KEYS[1], 'v') or '') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'entry', ARGV[3], 'v', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/** Marks a check-in sent, only while the person's hash exists (an erasure meanwhile leaves nothing behind). */
const SENT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], 'sent')
return 1`;

type PoolRedis = Redis & { vitPoolWrite(key: string, read: string, version: string, entry: string, ttlMs: string): Promise<number> };

/**
 * One hash per person, `<prefix>pool:{<digest>}` (`entry` as JSON, its version `v`, the claims `claim:<time>`), kept for
 * the state retention from the last write; `<prefix>pool` is the pool view's index: a sorted set of
 * those digests by last write, dropping the ones past the retention. The index and an entry live in
 * different cluster slots and are written one after the other; the view skips a digest whose entry is gone.
 */
export class RedisPoolStore implements PoolStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs: number,
  ) {
    // defineCommand sends the script once and then calls it by its SHA (EVALSHA).
    if (!('vitPoolWrite' in redis)) redis.defineCommand('vitPoolWrite', { lua: WRITE_IF_UNCHANGED, numberOfKeys: 1 });
  }

  private key = (who: string) => `${this.prefix}pool:{${who}}`;
  private index = () => `${this.prefix}pool`;

  async get(who: string) {
    const raw = await this.redis.hget(this.key(who), 'entry');
    return raw ? (JSON.parse(raw) as PoolEntry) : undefined;
  }

  /**
   * Optimistic: read the entry with its version (1 command), write it only if the version is still the
   * same (1 script), else read again. Cheaper than a lock: no lease to take and give back around the
   * job's send, 2 commands when nobody else writes (the usual case), and no writer waits on another.
   */
  async update(who: string, change: PoolChange, now: Date): Promise<PoolUpdate> {
    const key = this.key(who);
    for (let tries = 0; tries < POOL_UPDATE_TRIES; tries++) {
      const [raw, version] = await this.redis.hmget(key, 'entry', 'v');
      const before = raw ? (JSON.parse(raw) as PoolEntry) : undefined;
      const after = change(before && structuredClone(before));
      if (!after) return { before };
      const written = await (this.redis as PoolRedis).vitPoolWrite(key, version ?? '', randomBytes(9).toString('base64url'), JSON.stringify(after), String(this.retentionMs));
      if (written !== 1) continue;
      await this.redis.multi().zadd(this.index(), now.getTime(), who).zremrangebyscore(this.index(), '-inf', now.getTime() - this.retentionMs).exec();
      return { before, after };
    }
    throw new Error(`RedisPoolStore.update(): the entry kept changing under ${POOL_UPDATE_TRIES} tries; not written`);
  }

  async claim(who: string, at: string): Promise<PoolClaim> {
    const got = (await this.redis.eval(CLAIM, 1, this.key(who), `claim:${at}`, at)) as string;
    return got === 'claimed' || got === 'sent' ? got : 'sending';
  }

  async release(who: string, at: string) {
    await this.redis.hdel(this.key(who), `claim:${at}`);
  }

  async sent(who: string, at: string) {
    await this.redis.eval(SENT, 1, this.key(who), `claim:${at}`);
  }

  async list(limit: number, now: Date) {
    const whos = await this.redis.zrevrangebyscore(this.index(), '+inf', now.getTime() - this.retentionMs, 'LIMIT', 0, limit);
    const entries = await Promise.all(whos.map((who) => this.get(who)));
    return whos.flatMap((who, i) => (entries[i] ? [{ who, entry: entries[i] }] : []));
  }

  async erase(who: string) {
    await this.redis.del(this.key(who));
    await this.redis.zrem(this.index(), who);
  }
}
