import type { Redis } from 'ioredis';
import type { MentorPresence, MentorStatus } from '../domain/mentorStatus';

/**
 * Each console account's chosen status and last activity: memory (one process) or Redis (every
 * instance sees the same). Keyed by account id (a random id, not a name).
 */
export interface MentorPresenceStore {
  /** Keeps the status the mentor chose; choosing counts as activity. */
  setStatus(accountId: string, status: MentorStatus, now: Date): Promise<MentorPresence>;
  /** Notes that the mentor did something in the console; the status stays (an account never seen becomes "available"). */
  touch(accountId: string, now: Date): Promise<MentorPresence>;
  /** What is kept for the account; undefined when it never used the console. */
  get(accountId: string): Promise<MentorPresence | undefined>;
  /** What is kept for each of these accounts (accounts never seen are left out). */
  many(accountIds: readonly string[]): Promise<Map<string, MentorPresence>>;
}

export class MemoryMentorPresenceStore implements MentorPresenceStore {
  private readonly kept = new Map<string, MentorPresence>();

  async setStatus(accountId: string, status: MentorStatus, now: Date) {
    const presence = { status, lastActiveAt: now.toISOString() };
    this.kept.set(accountId, presence);
    return { ...presence };
  }

  async touch(accountId: string, now: Date) {
    const presence = { status: this.kept.get(accountId)?.status ?? 'available', lastActiveAt: now.toISOString() };
    this.kept.set(accountId, presence);
    return { ...presence };
  }

  async get(accountId: string) {
    const found = this.kept.get(accountId);
    return found && { ...found };
  }

  async many(accountIds: readonly string[]) {
    const out = new Map<string, MentorPresence>();
    for (const id of accountIds) {
      const found = this.kept.get(id);
      if (found) out.set(id, { ...found });
    }
    return out;
  }
}

/** Kept a while after the last activity, so accounts that stopped using the console leave nothing behind for ever. */
const PRESENCE_TTL_SECONDS = 30 * 24 * 3600;

/** p:presence:{<account id>}: a hash of status and lastActiveAt, one key (and hash tag) per account. */
export class RedisMentorPresenceStore implements MentorPresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key = (accountId: string) => `${this.prefix}presence:{${accountId}}`;

  async setStatus(accountId: string, status: MentorStatus, now: Date) {
    const presence: MentorPresence = { status, lastActiveAt: now.toISOString() };
    await this.redis.multi().hset(this.key(accountId), presence).expire(this.key(accountId), PRESENCE_TTL_SECONDS).exec();
    return presence;
  }

  async touch(accountId: string, now: Date) {
    const key = this.key(accountId);
    // HSETNX keeps a status already chosen; one transaction, so a status set at the same moment is never lost.
    const results = await this.redis
      .multi()
      .hsetnx(key, 'status', 'available')
      .hset(key, 'lastActiveAt', now.toISOString())
      .expire(key, PRESENCE_TTL_SECONDS)
      .hget(key, 'status')
      .exec();
    const status = results?.[3]?.[1] as MentorStatus;
    return { status, lastActiveAt: now.toISOString() };
  }

  async get(accountId: string) {
    return toPresence(await this.redis.hgetall(this.key(accountId)));
  }

  async many(accountIds: readonly string[]) {
    const out = new Map<string, MentorPresence>();
    if (accountIds.length === 0) return out;
    // One read per account, side by side: each account's key has its own hash slot on a Redis Cluster,
    // where one pipeline may not span slots.
    const results = await Promise.all(accountIds.map((id) => this.redis.hgetall(this.key(id))));
    accountIds.forEach((id, i) => {
      const presence = toPresence(results[i]);
      if (presence) out.set(id, presence);
    });
    return out;
  }
}

function toPresence(fields: Record<string, string> | undefined): MentorPresence | undefined {
  if (!fields?.status || !fields.lastActiveAt) return undefined;
  return { status: fields.status as MentorStatus, lastActiveAt: fields.lastActiveAt };
}
