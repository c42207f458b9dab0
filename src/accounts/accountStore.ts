import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { IdDigest } from '../storage/idDigest';
import type { Language } from '../i18n/languages';

export const ROLES = ['mentor', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A console account. The password is only ever kept as a scrypt hash. */
export interface Account {
  id: string;
  username: string;
  firstName: string;
  role: Role;
  languages: Language[];
  /** Empty until the person chose a password through their invitation (and again after a reset). */
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  /** The Microsoft Entra object id of the person's Teams user, when an admin linked it (mentors in Teams). */
  teamsAadObjectId?: string;
  /** How many conversations the mentor may have at once (admin-set); none: no cap. */
  capacity?: number;
  /** The TOTP secret of the second factor, encrypted (see SecretBox), once the person confirmed a code from it. */
  totpSecret?: string;
  /** A TOTP secret shown as a QR code and not yet confirmed, encrypted. */
  totpPending?: string;
}

/** What update() changes; a field given as undefined is removed. */
export type AccountPatch = Partial<Pick<Account, 'firstName' | 'role' | 'languages' | 'passwordHash' | 'disabled' | 'totpSecret' | 'totpPending' | 'capacity'>>;

export class AccountExistsError extends Error {
  constructor(username: string) {
    super(`an account "${username}" already exists`);
    this.name = 'AccountExistsError';
  }
}

/** Console accounts: memory (one process) or Redis. Usernames are unique, compared in lower case. */
export interface AccountStore {
  /** Creates the account; throws AccountExistsError when the username is taken. */
  create(input: Omit<Account, 'id' | 'createdAt'>, now: Date): Promise<Account>;
  byUsername(username: string): Promise<Account | undefined>;
  byId(id: string): Promise<Account | undefined>;
  list(): Promise<Account[]>;
  /** Changes an account; undefined when there is none with that id. */
  update(id: string, patch: AccountPatch): Promise<Account | undefined>;
  /**
   * Links the account to a Teams user (Entra object id, compared in lower case). One Teams user links
   * to one account: 'taken' when another account has it. A new link replaces the account's old one.
   * undefined when there is no account with that id.
   */
  linkTeams(id: string, aadObjectId: string): Promise<Account | 'taken' | undefined>;
  /** Removes the account's Teams link (nothing to do without one); undefined when there is no such account. */
  unlinkTeams(id: string): Promise<Account | undefined>;
  /** The account linked to this Teams user, if any. */
  byTeamsAadObjectId(aadObjectId: string): Promise<Account | undefined>;
  /**
   * Records that a TOTP time step was used to sign in: true when it is later than every step used
   * before (atomically, so one code signs in once even from two instances at the same moment), false
   * for a step already used or older.
   */
  useTotpStep(id: string, step: number): Promise<boolean>;
  /** Replaces the account's recovery codes (their hashes). */
  setRecoveryCodes(id: string, hashes: string[]): Promise<void>;
  /** Uses one recovery code (by its hash): true once, atomically; false when it is not (or no longer) one of them. */
  useRecoveryCode(id: string, hash: string): Promise<boolean>;
  recoveryCodesLeft(id: string): Promise<number>;
  /** Forgets the second factor: secret, pending secret, recovery codes and the last step used. */
  clearSecondFactor(id: string): Promise<void>;
}

/** The account with the patch applied; a field patched to undefined is left out. */
function withPatch(account: Account, patch: AccountPatch): Account {
  const next: Record<string, unknown> = { ...account, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
  return next as unknown as Account;
}

const usernameKey = (username: string) => username.trim().toLowerCase();
const aadKey = (aadObjectId: string) => aadObjectId.trim().toLowerCase();

/** The index key (without prefix) of a user name as stored (trimmed, lower case); shared with the key migration. */
export const accountNameKey = (digest: IdDigest, name: string) => `accounts:name:{${digest(`name:${name}`)}}`;
/** The index key (without prefix) of an Entra object id as stored (lower case); shared with the key migration. */
export const accountTeamsKey = (digest: IdDigest, aadObjectId: string) => `accounts:teams:{${digest(`aad:${aadObjectId}`)}}`;

export class MemoryAccountStore implements AccountStore {
  private readonly accounts = new Map<string, Account>();
  private readonly steps = new Map<string, number>();
  private readonly recovery = new Map<string, Set<string>>();

  async create(input: Omit<Account, 'id' | 'createdAt'>, now: Date): Promise<Account> {
    if (await this.byUsername(input.username)) throw new AccountExistsError(input.username.trim());
    const account: Account = { ...input, username: input.username.trim(), id: randomUUID(), createdAt: now.toISOString() };
    this.accounts.set(account.id, account);
    return { ...account };
  }

  async byUsername(username: string) {
    const found = [...this.accounts.values()].find((a) => usernameKey(a.username) === usernameKey(username));
    return found && { ...found };
  }

  async byId(id: string) {
    const found = this.accounts.get(id);
    return found && { ...found };
  }

  async list() {
    return [...this.accounts.values()].map((a) => ({ ...a })).sort((a, b) => a.username.localeCompare(b.username));
  }

  async update(id: string, patch: AccountPatch) {
    const found = this.accounts.get(id);
    if (!found) return undefined;
    const next = withPatch(found, patch);
    this.accounts.set(id, next);
    return { ...next };
  }

  async useTotpStep(id: string, step: number) {
    if (step <= (this.steps.get(id) ?? -1)) return false;
    this.steps.set(id, step);
    return true;
  }

  async setRecoveryCodes(id: string, hashes: string[]) {
    this.recovery.set(id, new Set(hashes));
  }

  async useRecoveryCode(id: string, hash: string) {
    return this.recovery.get(id)?.delete(hash) ?? false;
  }

  async recoveryCodesLeft(id: string) {
    return this.recovery.get(id)?.size ?? 0;
  }

  async clearSecondFactor(id: string) {
    const found = this.accounts.get(id);
    if (found) this.accounts.set(id, withPatch(found, { totpSecret: undefined, totpPending: undefined }));
    this.steps.delete(id);
    this.recovery.delete(id);
  }

  async linkTeams(id: string, aadObjectId: string) {
    const found = this.accounts.get(id);
    if (!found) return undefined;
    const holder = await this.byTeamsAadObjectId(aadObjectId);
    if (holder && holder.id !== id) return 'taken' as const;
    found.teamsAadObjectId = aadKey(aadObjectId);
    return { ...found };
  }

  async unlinkTeams(id: string) {
    const found = this.accounts.get(id);
    if (!found) return undefined;
    delete found.teamsAadObjectId;
    return { ...found };
  }

  async byTeamsAadObjectId(aadObjectId: string) {
    const found = [...this.accounts.values()].find((a) => a.teamsAadObjectId !== undefined && a.teamsAadObjectId === aadKey(aadObjectId));
    return found && { ...found };
  }
}

/** KEYS[1] the last TOTP step used; ARGV[1] the step now: 1 and recorded when later, else 0. */
const USE_STEP = `
local last = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) <= last then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;

/**
 * Accounts in Redis: p:account:<id> (JSON), p:accounts:name:{digest of the username} → id, p:accounts
 * (set of ids), p:accounts:teams:{digest of the Entra object id} → id for accounts linked to Teams,
 * p:account-2fa:{id}:step (last TOTP step used) and p:account-2fa:{id}:recovery (hashes of recovery codes). The
 * indexes are named by keyed digests (see createIdDigest): a user name or an object id names a person.
 */
export class RedisAccountStore implements AccountStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly digest: IdDigest,
  ) {}

  private key = (id: string) => `${this.prefix}account:${id}`;
  private nameKey = (username: string) => `${this.prefix}${accountNameKey(this.digest, usernameKey(username))}`;
  private teamsKey = (aadObjectId: string) => `${this.prefix}${accountTeamsKey(this.digest, aadKey(aadObjectId))}`;

  async create(input: Omit<Account, 'id' | 'createdAt'>, now: Date): Promise<Account> {
    const account: Account = { ...input, username: input.username.trim(), id: randomUUID(), createdAt: now.toISOString() };
    // SET NX on the name claims it atomically: two admins adding the same name at once get one account.
    const claimed = await this.redis.set(this.nameKey(account.username), account.id, 'NX');
    if (claimed !== 'OK') throw new AccountExistsError(account.username);
    // Two slots on a Redis Cluster: the account before the list that names it.
    await this.redis.set(this.key(account.id), JSON.stringify(account));
    await this.redis.sadd(`${this.prefix}accounts`, account.id);
    return account;
  }

  async byUsername(username: string) {
    const id = await this.redis.get(this.nameKey(username));
    return id ? this.byId(id) : undefined;
  }

  async byId(id: string) {
    const raw = await this.redis.get(this.key(id));
    return raw ? (JSON.parse(raw) as Account) : undefined;
  }

  async list() {
    const ids = await this.redis.smembers(`${this.prefix}accounts`);
    if (ids.length === 0) return [];
    const raws = await Promise.all(ids.map((id) => this.redis.get(this.key(id))));
    return raws
      .filter((r): r is string => r !== null)
      .map((r) => JSON.parse(r) as Account)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  async update(id: string, patch: AccountPatch) {
    const current = await this.byId(id);
    if (!current) return undefined;
    const next = withPatch(current, patch);
    await this.redis.set(this.key(id), JSON.stringify(next));
    return next;
  }

  // The second factor's moving parts, one account's keys under one hash tag (the account id names nobody).
  private stepKey = (id: string) => `${this.prefix}account-2fa:{${id}}:step`;
  private recoveryKey = (id: string) => `${this.prefix}account-2fa:{${id}}:recovery`;

  async useTotpStep(id: string, step: number) {
    const used = await this.redis.eval(USE_STEP, 1, this.stepKey(id), String(step));
    return used === 1;
  }

  async setRecoveryCodes(id: string, hashes: string[]) {
    const tx = this.redis.multi().del(this.recoveryKey(id));
    if (hashes.length > 0) tx.sadd(this.recoveryKey(id), ...hashes);
    await tx.exec();
  }

  async useRecoveryCode(id: string, hash: string) {
    return (await this.redis.srem(this.recoveryKey(id), hash)) === 1;
  }

  async recoveryCodesLeft(id: string) {
    return this.redis.scard(this.recoveryKey(id));
  }

  async clearSecondFactor(id: string) {
    await this.update(id, { totpSecret: undefined, totpPending: undefined });
    await this.redis.multi().del(this.stepKey(id)).del(this.recoveryKey(id)).exec();
  }

  async linkTeams(id: string, aadObjectId: string) {
    const current = await this.byId(id);
    if (!current) return undefined;
    const key = this.teamsKey(aadObjectId);
    // SET NX claims the Teams user for this account atomically; a repeat link of the same pair is fine.
    if ((await this.redis.set(key, id, 'NX')) !== 'OK' && (await this.redis.get(key)) !== id) return 'taken' as const;
    const next: Account = { ...current, teamsAadObjectId: aadKey(aadObjectId) };
    await this.redis.set(this.key(id), JSON.stringify(next));
    // The account has the last word (see byTeamsAadObjectId), so the old index entry goes after it.
    if (current.teamsAadObjectId && current.teamsAadObjectId !== next.teamsAadObjectId) await this.redis.del(this.teamsKey(current.teamsAadObjectId));
    return next;
  }

  async unlinkTeams(id: string) {
    const current = await this.byId(id);
    if (!current) return undefined;
    if (!current.teamsAadObjectId) return current;
    const { teamsAadObjectId, ...next } = current;
    await this.redis.set(this.key(id), JSON.stringify(next));
    await this.redis.del(this.teamsKey(teamsAadObjectId));
    return next;
  }

  async byTeamsAadObjectId(aadObjectId: string) {
    const id = await this.redis.get(this.teamsKey(aadObjectId));
    const account = id ? await this.byId(id) : undefined;
    // The index may outlive a link changed in between; the account itself has the last word.
    return account?.teamsAadObjectId === aadKey(aadObjectId) ? account : undefined;
  }
}
