import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { IdDigest } from '../storage/idDigest';

export interface Session {
  id: string;
  accountId: string;
  /** Sent back in the X-CSRF-Token header of every state-changing request. */
  csrfToken: string;
  createdAt: string;
  /**
   * A sign-in half done: the password was right and a second factor is still to be given ('second-factor')
   * or set up ('enrol'). Such a session opens nothing but the second-factor routes.
   */
  stage?: SignInStage;
}

export type SignInStage = 'second-factor' | 'enrol';

/** Console sessions with a fixed lifetime: memory (one process) or Redis (every instance). */
export interface SessionStore {
  create(accountId: string, now: Date, stage?: SignInStage): Promise<Session>;
  /** The session, or undefined when unknown or expired. */
  get(id: string): Promise<Session | undefined>;
  delete(id: string): Promise<void>;
  /** Ends every session of an account (disabled, password reset). */
  deleteForAccount(accountId: string): Promise<void>;
}

const token = () => randomBytes(32).toString('base64url');

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { session: Session; expires: number }>();

  constructor(private readonly ttlSeconds: number) {}

  async create(accountId: string, now: Date, stage?: SignInStage): Promise<Session> {
    const session: Session = { id: token(), accountId, csrfToken: token(), createdAt: now.toISOString(), ...(stage ? { stage } : {}) };
    this.sessions.set(session.id, { session, expires: Date.now() + this.ttlSeconds * 1000 });
    return { ...session };
  }

  async get(id: string) {
    const entry = this.sessions.get(id);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return { ...entry.session };
  }

  async delete(id: string) {
    this.sessions.delete(id);
  }

  async deleteForAccount(accountId: string) {
    for (const [id, entry] of this.sessions) if (entry.session.accountId === accountId) this.sessions.delete(id);
  }
}

/** A session token as Redis names it: its SHA-256, so a copy of the keyspace (or a log of key names) opens no session. */
const tokenDigest = (id: string) => createHash('sha256').update(id).digest('base64url');

/**
 * p:session:<SHA-256 of the token> (JSON without the token, expiring), p:sessions:account:<accountId>
 * (set of those digests). The token itself lives only in the person's cookie.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key = (id: string) => `${this.prefix}session:${tokenDigest(id)}`;
  private digestKey = (digest: string) => `${this.prefix}session:${digest}`;
  private accountKey = (accountId: string) => `${this.prefix}sessions:account:${accountId}`;

  async create(accountId: string, now: Date, stage?: SignInStage): Promise<Session> {
    const session: Session = { id: token(), accountId, csrfToken: token(), createdAt: now.toISOString(), ...(stage ? { stage } : {}) };
    // Two slots on a Redis Cluster: the account's index first, so signing out everywhere finds every session.
    await this.redis.multi().sadd(this.accountKey(accountId), tokenDigest(session.id)).expire(this.accountKey(accountId), this.ttlSeconds).exec();
    await this.redis.set(this.key(session.id), JSON.stringify({ ...session, id: undefined }), 'EX', this.ttlSeconds);
    return session;
  }

  async get(id: string) {
    const raw = await this.redis.get(this.key(id));
    return raw ? { ...(JSON.parse(raw) as Omit<Session, 'id'>), id } : undefined;
  }

  async delete(id: string) {
    await this.redis.del(this.key(id));
  }

  async deleteForAccount(accountId: string) {
    const digests = await this.redis.smembers(this.accountKey(accountId));
    await Promise.all(digests.map((digest) => this.redis.del(this.digestKey(digest))));
    await this.redis.del(this.accountKey(accountId));
  }
}

/**
 * Counts failed logins in a window: memory or Redis (INCR with an expiry), so the limit holds across
 * instances. `hit` counts one and says how many there are now.
 */
export interface AttemptCounter {
  hit(key: string): Promise<number>;
  count(key: string): Promise<number>;
  /** Seconds until the window of `key` ends. */
  retryAfter(key: string): Promise<number>;
  reset(key: string): Promise<void>;
  /** Takes back one `hit` (an attempt that turned out right); never below zero. */
  release(key: string): Promise<void>;
}

export class MemoryAttemptCounter implements AttemptCounter {
  private readonly counts = new Map<string, { n: number; until: number }>();

  constructor(private readonly windowSeconds: number) {}

  private entry(key: string) {
    const e = this.counts.get(key);
    if (e && e.until > Date.now()) return e;
    this.counts.delete(key);
    return undefined;
  }

  async hit(key: string) {
    const e = this.entry(key) ?? { n: 0, until: Date.now() + this.windowSeconds * 1000 };
    e.n++;
    this.counts.set(key, e);
    return e.n;
  }

  async count(key: string) {
    return this.entry(key)?.n ?? 0;
  }

  async retryAfter(key: string) {
    const e = this.entry(key);
    return e ? Math.ceil((e.until - Date.now()) / 1000) : 0;
  }

  async reset(key: string) {
    this.counts.delete(key);
  }

  async release(key: string) {
    const e = this.entry(key);
    if (e && e.n > 0) e.n--;
  }
}

export class RedisAttemptCounter implements AttemptCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly windowSeconds: number,
    private readonly digest: IdDigest,
  ) {}

  // A user name or an address is no key name: its keyed digest stands in for it (a plain hash of an IPv4 address is undone by trying them all).
  private key = (k: string) => `${this.prefix}login-failures:${this.digest(k)}`;

  async hit(key: string) {
    // The window starts with the first failure (SET NX with a TTL; EXPIRE … NX would need Redis 7,
    // and Azure Cache for Redis runs 6).
    const [, [, n]] = (await this.redis.multi().set(this.key(key), '0', 'EX', this.windowSeconds, 'NX').incr(this.key(key)).exec())! as [unknown, [null, number]];
    return n;
  }

  async count(key: string) {
    return Number((await this.redis.get(this.key(key))) ?? 0);
  }

  async retryAfter(key: string) {
    return Math.max(0, await this.redis.ttl(this.key(key)));
  }

  async reset(key: string) {
    await this.redis.del(this.key(key));
  }

  async release(key: string) {
    await this.redis.eval(`if (tonumber(redis.call('GET', KEYS[1]) or '0')) > 0 then return redis.call('DECR', KEYS[1]) end return 0`, 1, this.key(key));
  }
}
