import { createHash, randomBytes } from 'node:crypto';
import type { Account, AccountStore, Role } from './accountStore';
import { AccountExistsError, ROLES } from './accountStore';
import type { InvitationStore } from './invitationStore';
import type { TeamsLinkRequests } from './teamsLinkRequests';
import { MemoryAdminChangeLock, type AdminChangeLock } from './adminChangeLock';
import { MAX_CAPACITY } from '../domain/mentorStatus';
import type { SecretBox } from './secretBox';
import { passwordProblemOf } from './passwordPolicy';
import { newTotpSecret, totpQrSvg, totpStep, totpUri } from './totp';
import { hashPassword } from './passwords';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { Language } from '../i18n/languages';

/** Who makes a change: a signed-in admin, the person themselves, or the command line. */
export interface Actor {
  username: string;
  role: string;
}

/** An expected refusal, with a code the console and the CLI turn into words. */
export class AccountError extends Error {
  constructor(
    readonly code:
      | 'not-found'
      | 'username-taken'
      | 'bad-username'
      | 'bad-role'
      | 'last-admin'
      | 'teams-taken'
      | 'not-linked'
      | 'too-short'
      | 'too-long'
      | 'common'
      | 'invitation-unknown'
      | 'invitation-used'
      | 'invitation-expired'
      | 'no-enrolment'
      | 'code-wrong'
      | 'code-reused'
      | 'bad-capacity'
      | 'busy',
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/** A one-time set-password link: the token (only ever in the link) and when it stops working. */
export interface Invitation {
  token: string;
  path: string;
  expiresAt: string;
}

export interface AccountServiceDeps {
  accounts: AccountStore;
  invitations: InvitationStore;
  /** Ends an account's sessions (disabled, reset, new password). */
  endSessions: (accountId: string) => Promise<void>;
  audit: AuditLog;
  secrets: SecretBox;
  /** Roles that must sign in with a second factor (CONSOLE_REQUIRE_2FA). */
  require2fa: readonly Role[];
  now: () => Date;
  /** "link me" requests from Teams (a linked one is taken off the list). */
  linkRequests?: TeamsLinkRequests;
  /** How long an invitation link works (72 hours). */
  invitationHours?: number;
  /** Serializes the changes that could leave no active admin (memory when not given: one process). */
  adminLock?: AdminChangeLock;
}

/** What an admin gives for a new account. */
export interface NewAccount {
  username: string;
  firstName?: string;
  role: string;
  languages: Language[];
  /** How many conversations the mentor may have at once; none: no cap. */
  capacity?: number | null;
}

export const USERNAME = /^[A-Za-z0-9._-]{2,40}$/;
const INVITATION_HOURS = 72;
const RECOVERY_CODES = 10;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');
/** Recovery codes are random (80 bits), so a plain SHA-256 keeps them as well as a slow hash would. */
const recoveryDigest = (code: string) => digest(`recovery:${code.trim().toLowerCase().replace(/[\s-]/g, '')}`);
const recoveryCode = () => {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5, 10).join('')}-${chars.slice(10, 16).join('')}`;
};

/**
 * Console accounts as admins manage them (the accounts page and `vit-bot users`): invitations instead
 * of passwords typed by someone else, the password rules, the second factor, Teams links. Every change
 * is audited (who, what, when); the last active admin is never disabled or demoted.
 */
export class AccountService {
  private readonly adminLock: AdminChangeLock;

  constructor(private readonly deps: AccountServiceDeps) {
    this.adminLock = deps.adminLock ?? new MemoryAdminChangeLock();
  }

  list(): Promise<Account[]> {
    return this.deps.accounts.list();
  }

  async get(id: string): Promise<Account> {
    const account = await this.deps.accounts.byId(id);
    if (!account) throw new AccountError('not-found', 'no such account');
    return account;
  }

  async byUsername(username: string): Promise<Account> {
    const account = await this.deps.accounts.byUsername(username);
    if (!account) throw new AccountError('not-found', `no account "${username}"`);
    return account;
  }

  /** Creates an account without a password and the invitation to choose one. */
  async invite(actor: Actor, input: NewAccount): Promise<{ account: Account; invitation: Invitation }> {
    const account = await this.create(actor, input, '');
    return { account, invitation: await this.newInvitation(account) };
  }

  /** Creates an account with a password chosen on the command line (`users add --password-stdin`). */
  async createWithPassword(actor: Actor, input: NewAccount, password: string): Promise<Account> {
    this.checkPassword(password);
    return this.create(actor, input, await hashPassword(password));
  }

  private async create(actor: Actor, input: NewAccount, passwordHash: string): Promise<Account> {
    const username = input.username.trim();
    if (!USERNAME.test(username)) throw new AccountError('bad-username', 'a user name is 2 to 40 letters, digits, ".", "_" or "-"');
    const role = this.role(input.role);
    const capacity = this.capacity(input.capacity);
    let account: Account;
    try {
      account = await this.deps.accounts.create(
        {
          username,
          firstName: input.firstName?.trim() || username,
          role,
          languages: [...new Set(input.languages)],
          passwordHash,
          disabled: false,
          ...(capacity !== undefined ? { capacity } : {}),
        },
        this.deps.now(),
      );
    } catch (error) {
      if (error instanceof AccountExistsError) throw new AccountError('username-taken', error.message);
      throw error;
    }
    await this.audit(actor, 'create-account', `${account.username} (${role}${capacity !== undefined ? `, capacity ${capacity}` : ''})`);
    return account;
  }

  /** Changes first name, role or languages; the last active admin keeps the admin role. */
  async change(actor: Actor, id: string, patch: { firstName?: string; role?: string; languages?: Language[] }): Promise<Account> {
    const role = patch.role === undefined ? undefined : this.role(patch.role);
    const write = async () => {
      const account = await this.get(id);
      if (role && role !== 'admin' && account.role === 'admin' && !account.disabled) await this.keepAnAdmin(account.id);
      const next = await this.deps.accounts.update(id, {
        ...(patch.firstName !== undefined ? { firstName: patch.firstName.trim() || account.username } : {}),
        ...(role ? { role } : {}),
        ...(patch.languages ? { languages: [...new Set(patch.languages)] } : {}),
      });
      if (!next) throw new AccountError('not-found', 'no such account');
      return { account, next };
    };
    // A demotion is checked and written under the admin lock: two admins demoting each other at once leave one.
    const { account, next } = role && role !== 'admin' ? await this.underAdminLock(write) : await write();
    const what = [
      role && role !== account.role ? `role ${account.role} → ${role}` : '',
      patch.languages ? `languages ${next.languages.join(',') || '-'}` : '',
      patch.firstName !== undefined && next.firstName !== account.firstName ? 'first name' : '',
    ].filter(Boolean);
    await this.audit(actor, 'change-account', `${account.username}: ${what.join('; ') || 'no change'}`);
    return next;
  }

  /** Sets how many conversations a mentor may have at once (undefined: no cap). */
  async setCapacity(actor: Actor, id: string, given: number | null | undefined): Promise<Account> {
    const capacity = this.capacity(given);
    const account = await this.get(id);
    const next = await this.deps.accounts.update(id, { capacity });
    if (!next) throw new AccountError('not-found', 'no such account');
    await this.audit(actor, 'set-capacity', `${account.username}=${capacity ?? '-'}`);
    return next;
  }

  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<Account> {
    const write = async () => {
      const account = await this.get(id);
      if (disabled && account.role === 'admin' && !account.disabled) await this.keepAnAdmin(account.id);
      const next = await this.deps.accounts.update(id, { disabled });
      if (!next) throw new AccountError('not-found', 'no such account');
      return { account, next };
    };
    const { account, next } = disabled ? await this.underAdminLock(write) : await write();
    if (disabled) {
      await this.deps.endSessions(id);
      await this.deps.invitations.revokeFor(id);
    }
    await this.audit(actor, disabled ? 'disable-account' : 'enable-account', account.username);
    return next;
  }

  /**
   * A new start for someone who lost their password or their phone: the password and the second
   * factor are forgotten, every session ends, and a new invitation is made.
   */
  async reset(actor: Actor, id: string): Promise<{ account: Account; invitation: Invitation }> {
    const account = await this.get(id);
    await this.deps.accounts.update(id, { passwordHash: '' });
    await this.deps.accounts.clearSecondFactor(id);
    await this.deps.endSessions(id);
    await this.audit(actor, 'reset-account', account.username);
    const next = await this.get(id);
    return { account: next, invitation: await this.newInvitation(next) };
  }

  /** Sets a password chosen on the command line (`users reset-password --password-stdin`). */
  async setPassword(actor: Actor, id: string, password: string): Promise<Account> {
    this.checkPassword(password);
    const account = await this.get(id);
    const next = (await this.deps.accounts.update(id, { passwordHash: await hashPassword(password) }))!;
    await this.deps.endSessions(id);
    await this.audit(actor, 'set-password', account.username);
    return next;
  }

  async linkTeams(actor: Actor, id: string, aadObjectId: string): Promise<Account> {
    const account = await this.get(id);
    const linked = await this.deps.accounts.linkTeams(id, aadObjectId);
    if (linked === 'taken') {
      const holder = await this.deps.accounts.byTeamsAadObjectId(aadObjectId);
      throw new AccountError('teams-taken', `this Teams user is already linked to ${holder?.username ?? 'another account'}; unlink it there first`);
    }
    if (!linked) throw new AccountError('not-found', 'no such account');
    await this.deps.linkRequests?.remove(aadObjectId);
    await this.audit(actor, 'link-teams', account.username);
    return linked;
  }

  async unlinkTeams(actor: Actor, id: string): Promise<Account> {
    const account = await this.get(id);
    if (!account.teamsAadObjectId) throw new AccountError('not-linked', `${account.username} is not linked to Teams`);
    const next = (await this.deps.accounts.unlinkTeams(id))!;
    await this.audit(actor, 'unlink-teams', account.username);
    return next;
  }

  /** The "link me" requests from Teams waiting for an admin. */
  async teamsLinkRequests() {
    if (!this.deps.linkRequests) return [];
    const requests = await this.deps.linkRequests.list(this.deps.now());
    // One linked since (on another instance, or before its request came in) is no longer waiting: gone for good.
    const linked = new Set((await this.deps.accounts.list()).map((a) => a.teamsAadObjectId).filter((id): id is string => !!id));
    const done = requests.filter((r) => linked.has(r.aadObjectId.toLowerCase()));
    for (const request of done) await this.deps.linkRequests.remove(request.aadObjectId);
    return requests.filter((r) => !linked.has(r.aadObjectId.toLowerCase()));
  }

  // --- invitations -------------------------------------------------------------

  /** Whom an invitation is for (to greet them on the set-password page), without using it. */
  async checkInvitation(token: string): Promise<Account> {
    const result = await this.deps.invitations.check(digest(token), this.deps.now());
    if (!result.ok) throw this.invitationError(result.reason);
    const account = await this.deps.accounts.byId(result.accountId);
    if (!account || account.disabled) throw this.invitationError('unknown');
    return account;
  }

  /** When the invitation stops working (it is valid: checkInvitation said so). */
  async invitationExpiry(token: string): Promise<string | undefined> {
    const result = await this.deps.invitations.check(digest(token), this.deps.now());
    return result.ok ? result.expiresAt : undefined;
  }

  /** Uses an invitation to set the password: the rules are checked first, so a refused password does not use it up. */
  async acceptInvitation(token: string, password: string): Promise<Account> {
    this.checkPassword(password);
    const account = await this.checkInvitation(token);
    const hash = await hashPassword(password);
    const used = await this.deps.invitations.consume(digest(token), this.deps.now());
    if (!used.ok) throw this.invitationError(used.reason);
    const next = (await this.deps.accounts.update(account.id, { passwordHash: hash }))!;
    await this.deps.endSessions(account.id);
    await this.audit({ username: account.username, role: account.role }, 'set-password', account.username);
    return next;
  }

  // --- second factor -----------------------------------------------------------

  /** What a sign-in still needs after the password (or another first factor): a code, setting one up, or nothing. */
  secondFactorNeeded(account: Account): 'second-factor' | 'enrol' | undefined {
    if (account.totpSecret) return 'second-factor';
    if (this.deps.require2fa.includes(account.role)) return 'enrol';
    return undefined;
  }

  /** Starts setting up an authenticator app: a new secret (kept encrypted until confirmed), its address and QR code. */
  async startEnrolment(account: Account): Promise<{ secret: string; uri: string; qrSvg: string }> {
    const secret = newTotpSecret();
    await this.deps.accounts.update(account.id, { totpPending: this.deps.secrets.seal(secret) });
    const uri = totpUri(secret, account.username);
    return { secret, uri, qrSvg: await totpQrSvg(uri) };
  }

  /** Confirms the app with a code from it; gives the recovery codes, shown once (only their hashes are kept). */
  async confirmEnrolment(account: Account, code: string): Promise<string[]> {
    const current = await this.get(account.id);
    if (!current.totpPending) throw new AccountError('no-enrolment', 'start setting up the authenticator app first');
    const secret = this.deps.secrets.open(current.totpPending);
    const step = totpStep(secret, code.trim(), this.deps.now());
    if (step === undefined) throw new AccountError('code-wrong', 'the code is not right');
    if (!(await this.deps.accounts.useTotpStep(account.id, step))) throw new AccountError('code-reused', 'this code was used already; wait for the next one');
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await this.deps.accounts.update(account.id, { totpSecret: current.totpPending, totpPending: undefined });
    await this.deps.accounts.setRecoveryCodes(account.id, codes.map(recoveryDigest));
    await this.audit({ username: account.username, role: account.role }, 'enrol-second-factor', account.username);
    return codes;
  }

  /**
   * Checks a second-factor code: six digits from the app (each time step once), or one of the
   * recovery codes (each once). Throws code-wrong or code-reused.
   */
  async verifySecondFactor(account: Account, code: string): Promise<{ recoveryCodeUsed: boolean }> {
    const current = await this.get(account.id);
    if (!current.totpSecret) throw new AccountError('no-enrolment', 'this account has no second factor');
    const typed = code.trim().replace(/\s/g, '');
    if (/^\d{6}$/.test(typed)) {
      const step = totpStep(this.deps.secrets.open(current.totpSecret), typed, this.deps.now());
      if (step === undefined) throw new AccountError('code-wrong', 'the code is not right');
      if (!(await this.deps.accounts.useTotpStep(account.id, step))) throw new AccountError('code-reused', 'this code was used already; wait for the next one');
      return { recoveryCodeUsed: false };
    }
    if (!(await this.deps.accounts.useRecoveryCode(account.id, recoveryDigest(typed)))) throw new AccountError('code-wrong', 'the code is not right');
    await this.audit({ username: account.username, role: account.role }, 'use-recovery-code', account.username);
    return { recoveryCodeUsed: true };
  }

  recoveryCodesLeft(id: string): Promise<number> {
    return this.deps.accounts.recoveryCodesLeft(id);
  }

  // --- helpers -----------------------------------------------------------------

  private role(role: string): Role {
    if (!ROLES.includes(role as Role)) throw new AccountError('bad-role', `the role must be one of ${ROLES.join(', ')}`);
    return role as Role;
  }

  private checkPassword(password: string): void {
    const problem = passwordProblemOf(password);
    if (problem === 'too-short') throw new AccountError('too-short', 'a password needs at least 12 characters');
    if (problem === 'too-long') throw new AccountError('too-long', 'a password may have at most 200 characters');
    if (problem === 'common') throw new AccountError('common', 'this password is one of the most common ones; choose another');
  }

  /** A cap is a whole number from 1 to MAX_CAPACITY; null or undefined: no cap. */
  private capacity(given: number | null | undefined): number | undefined {
    if (given === null || given === undefined) return undefined;
    if (!Number.isInteger(given) || given < 1 || given > MAX_CAPACITY) throw new AccountError('bad-capacity', `the capacity is a whole number from 1 to ${MAX_CAPACITY}, or none`);
    return given;
  }

  /** Runs a change that could leave no active admin, one at a time across instances. */
  private async underAdminLock<T>(work: () => Promise<T>): Promise<T> {
    const result = await this.adminLock.run(work);
    if (result === 'busy') throw new AccountError('busy', 'another change of an admin is under way; try again');
    return result;
  }

  /** Refuses a change that would leave no active admin (call it under the admin lock). */
  private async keepAnAdmin(leaving: string): Promise<void> {
    const others = (await this.deps.accounts.list()).filter((a) => a.role === 'admin' && !a.disabled && a.id !== leaving);
    if (others.length === 0) throw new AccountError('last-admin', 'this is the last active admin: make another admin first');
  }

  private async newInvitation(account: Account): Promise<Invitation> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.deps.now().getTime() + (this.deps.invitationHours ?? INVITATION_HOURS) * 3600 * 1000);
    await this.deps.invitations.create(account.id, digest(token), expiresAt);
    return { token, path: `/console/#/set-password?token=${token}`, expiresAt: expiresAt.toISOString() };
  }

  private invitationError(reason: 'unknown' | 'used' | 'expired'): AccountError {
    if (reason === 'used') return new AccountError('invitation-used', 'this link was used already; ask an admin for a new one');
    if (reason === 'expired') return new AccountError('invitation-expired', 'this link has expired; ask an admin for a new one');
    return new AccountError('invitation-unknown', 'this link does not work; ask an admin for a new one');
  }

  private audit(actor: Actor, action: AuditAction, target: string): Promise<void> {
    return this.deps.audit.record({ at: this.deps.now().toISOString(), actor: actor.username, role: actor.role, action, target });
  }
}
