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
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  /** The Microsoft Entra object id of the person's Teams user, when an admin linked it (mentors in Teams). */
  teamsAadObjectId?: string;
}

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
  update(id: string, patch: Partial<Pick<Account, 'firstName' | 'role' | 'languages' | 'passwordHash' | 'disabled'>>): Promise<Account | undefined>;
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
}

const usernameKey = (username: string) => username.trim().toLowerCase();
const aadKey = (aadObjectId: string) => aadObjectId.trim().toLowerCase();

/** The index key (without prefix) of a user name as stored (trimmed, lower case); shared with the key migration. */
export const accountNameKey = (digest: IdDigest, name: string) => `accounts:name:{${digest(`name:${name}`)}}`;
/** The index key (without prefix) of an Entra object id as stored (lower case); shared with the key migration. */
export const accountTeamsKey = (digest: IdDigest, aadObjectId: string) => `accounts:teams:{${digest(`aad:${aadObjectId}`)}}`;

export class MemoryAccountStore implements AccountStore {
  private readonly accounts = new Map<string, Account>();

  async create(input: Omit<Account, 'id' | 'createdAt'>, now: Date): Promise<Account> {
    if (await this.byUsername(input.username)) throw new AccountExistsError(input.username);
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

  async update(id: string, patch: Parameters<AccountStore['update']>[1]) {
    const found = this.accounts.get(id);
    if (!found) return undefined;
    Object.assign(found, patch);
    return { ...found };
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

/**
 * Accounts in Redis: p:account:<id> (JSON), p:accounts:name:{digest of the username} → id, p:accounts
 * (set of ids), p:accounts:teams:{digest of the Entra object id} → id for accounts linked to Teams. The
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

  async update(id: string, patch: Parameters<AccountStore['update']>[1]) {
    const current = await this.byId(id);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    await this.redis.set(this.key(id), JSON.stringify(next));
    return next;
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
