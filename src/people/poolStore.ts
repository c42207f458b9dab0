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

/** How far a check-in's sending got (see ReminderClaim): only one caller ever gets 'claimed'. */
export type PoolClaim = 'claimed' | 'sending' | 'sent';

/**
 * Each person's place in the talent pool under their keyed digest (`who`): personal data, kept as long
 * as the person's state (every write keeps it that much longer), in their export and erased with them.
 * The claim of a check-in (one per time) keeps it from going out twice.
 */
export interface PoolStore {
  get(who: string): Promise<PoolEntry | undefined>;
  save(who: string, entry: PoolEntry, now: Date): Promise<void>;
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

  async save(who: string, entry: PoolEntry, now: Date) {
    const claims = this.live(who, now.getTime())?.claims ?? new Map();
    this.entries.set(who, { entry: structuredClone(entry), at: now.getTime(), claims });
  }

  async claim(who: string, at: string): Promise<PoolClaim> {
    const held = this.live(who);
    if (!held) return 'sent'; // erased: nothing to send
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

/** Claims a check-in's sending when the person's hash still exists (an erased person gets nothing). */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'sent' end
if redis.call('HSETNX', KEYS[1], ARGV[1], 'sending') == 1 then return 'claimed' end
return redis.call('HGET', KEYS[1], ARGV[1])`;

/** Marks a check-in sent, only while the person's hash exists (an erasure meanwhile leaves nothing behind). */
const SENT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], 'sent')
return 1`;

/**
 * One hash per person, `<prefix>pool:{<digest>}` (`entry` as JSON, the claims `claim:<time>`), kept for
 * the state retention from the last write; `<prefix>pool` is the pool view's index: a sorted set of
 * those digests by last write, dropping the ones past the retention. The index and an entry live in
 * different cluster slots and are written one after the other; the view skips a digest whose entry is gone.
 */
export class RedisPoolStore implements PoolStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs: number,
  ) {}

  private key = (who: string) => `${this.prefix}pool:{${who}}`;
  private index = () => `${this.prefix}pool`;

  async get(who: string) {
    const raw = await this.redis.hget(this.key(who), 'entry');
    return raw ? (JSON.parse(raw) as PoolEntry) : undefined;
  }

  async save(who: string, entry: PoolEntry, now: Date) {
    await this.redis.multi().hset(this.key(who), 'entry', JSON.stringify(entry)).pexpire(this.key(who), this.retentionMs).exec();
    await this.redis.multi().zadd(this.index(), now.getTime(), who).zremrangebyscore(this.index(), '-inf', now.getTime() - this.retentionMs).exec();
  }

  async claim(who: string, at: string): Promise<PoolClaim> {
    const got = (await this.redis.eval(CLAIM, 1, this.key(who), `claim:${at}`)) as string;
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
