import type { Redis } from 'ioredis';

/** What a set-password link gives: the account it is for, or why it gives nothing. */
export type InvitationCheck = { ok: true; accountId: string; expiresAt: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * One-time set-password links. Only a digest of the link's token is kept (never the token itself), so
 * a copy of the store opens no account. A used or expired invitation is remembered for a while after
 * its expiry, so the person is told "used" or "expired" rather than "unknown".
 */
export interface InvitationStore {
  /** Keeps an invitation for the account; the account's earlier invitation, if any, stops working. */
  create(accountId: string, tokenDigest: string, expiresAt: Date): Promise<void>;
  /** What the invitation would give now, without using it. */
  check(tokenDigest: string, now: Date): Promise<InvitationCheck>;
  /** Uses the invitation: ok exactly once (atomically, also from two instances at once), before its expiry. */
  consume(tokenDigest: string, now: Date): Promise<InvitationCheck>;
  /** Ends the account's open invitation, if any (disabled, deleted). */
  revokeFor(accountId: string): Promise<void>;
}

/** How long a used or expired invitation is still recognised after its expiry. */
const REMEMBER_MS = 7 * 24 * 3600 * 1000;

interface Kept {
  accountId: string;
  expiresAt: number;
  used: boolean;
}

const checked = (kept: Kept | undefined, now: Date): InvitationCheck => {
  if (!kept) return { ok: false, reason: 'unknown' };
  if (kept.used) return { ok: false, reason: 'used' };
  if (kept.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, accountId: kept.accountId, expiresAt: new Date(kept.expiresAt).toISOString() };
};

export class MemoryInvitationStore implements InvitationStore {
  private readonly invitations = new Map<string, Kept>();
  private readonly byAccount = new Map<string, string>();

  async create(accountId: string, tokenDigest: string, expiresAt: Date) {
    await this.revokeFor(accountId);
    for (const [digest, kept] of this.invitations) if (kept.expiresAt + REMEMBER_MS < Date.now()) this.invitations.delete(digest);
    this.invitations.set(tokenDigest, { accountId, expiresAt: expiresAt.getTime(), used: false });
    this.byAccount.set(accountId, tokenDigest);
  }

  async check(tokenDigest: string, now: Date) {
    return checked(this.invitations.get(tokenDigest), now);
  }

  async consume(tokenDigest: string, now: Date) {
    const kept = this.invitations.get(tokenDigest);
    const result = checked(kept, now);
    if (result.ok && kept) kept.used = true;
    return result;
  }

  async revokeFor(accountId: string) {
    const digest = this.byAccount.get(accountId);
    if (digest) this.invitations.delete(digest);
    this.byAccount.delete(accountId);
  }
}

/** KEYS[1] the invitation (a hash); ARGV[1] now in ms: {'ok', accountId, expiresAt} once, else {reason}. */
const CONSUME = `
local kept = redis.call('HMGET', KEYS[1], 'accountId', 'expiresAt', 'used')
if not kept[1] then return {'unknown'} end
if kept[3] == '1' then return {'used'} end
if tonumber(kept[2]) <= tonumber(ARGV[1]) then return {'expired'} end
redis.call('HSET', KEYS[1], 'used', '1')
return {'ok', kept[1], kept[2]}`;

/**
 * p:invitation:{digest of the token} (hash: accountId, expiresAt, used; expires a week after the
 * invitation does) and p:invitation-of:{accountId} → that digest, so a new invitation ends the old one.
 */
export class RedisInvitationStore implements InvitationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key = (digest: string) => `${this.prefix}invitation:{${digest}}`;
  private accountKey = (accountId: string) => `${this.prefix}invitation-of:{${accountId}}`;

  async create(accountId: string, tokenDigest: string, expiresAt: Date) {
    await this.revokeFor(accountId);
    const keepUntil = expiresAt.getTime() + REMEMBER_MS;
    await this.redis
      .multi()
      .hset(this.key(tokenDigest), { accountId, expiresAt: String(expiresAt.getTime()), used: '0' })
      .pexpireat(this.key(tokenDigest), keepUntil)
      .exec();
    await this.redis.set(this.accountKey(accountId), tokenDigest, 'PXAT', keepUntil);
  }

  async check(tokenDigest: string, now: Date) {
    const kept = await this.redis.hgetall(this.key(tokenDigest));
    return checked(kept.accountId ? { accountId: kept.accountId, expiresAt: Number(kept.expiresAt), used: kept.used === '1' } : undefined, now);
  }

  async consume(tokenDigest: string, now: Date): Promise<InvitationCheck> {
    const [reason, accountId, expiresAt] = (await this.redis.eval(CONSUME, 1, this.key(tokenDigest), String(now.getTime()))) as string[];
    if (reason === 'ok') return { ok: true, accountId, expiresAt: new Date(Number(expiresAt)).toISOString() };
    return { ok: false, reason: reason as 'unknown' | 'used' | 'expired' };
  }

  async revokeFor(accountId: string) {
    const digest = await this.redis.get(this.accountKey(accountId));
    if (digest) await this.redis.del(this.key(digest));
    await this.redis.del(this.accountKey(accountId));
  }
}
