import type { Account, AccountStore } from '../accounts/accountStore';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { Language } from '../domain/language';
import { AWAY_AFTER_MINUTES, belowCapacity, MentorStatus, shownStatus } from '../domain/mentorStatus';
import type { MentorPresenceStore } from './mentorPresenceStore';
import { MemoryTakeLock, TakeLock } from './takeLock';

export interface MentorDeskDeps {
  accounts: AccountStore;
  presence: MentorPresenceStore;
  queue: HandoffQueue;
  now: () => Date;
  /** One take at a time per mentor with a cap (default: in this process only). */
  lock?: TakeLock;
  /** Minutes without console activity after which "available" shows as "away" (default AWAY_AFTER_MINUTES). */
  awayAfterMinutes?: number;
}

/** A colleague as the transfer picker shows them. */
export interface ColleagueView {
  account: Account;
  status: MentorStatus;
  active: number;
  atCapacity: boolean;
}

const TAKERS: ReadonlySet<Account['role']> = new Set(['mentor', 'admin']);

/**
 * What the console asks about mentors as a team: their status (chosen, or away when idle), how many
 * conversations each has against their cap, and who may take a person handed over.
 */
export class MentorDesk {
  private readonly lock: TakeLock;

  constructor(private readonly deps: MentorDeskDeps) {
    this.lock = deps.lock ?? new MemoryTakeLock();
  }

  get awayAfterMinutes(): number {
    return this.deps.awayAfterMinutes ?? AWAY_AFTER_MINUTES;
  }

  /** The mentor did something in the console: "away" by idleness ends (a chosen "away" or "off" stays). */
  touch(accountId: string): Promise<unknown> {
    return this.deps.presence.touch(accountId, this.deps.now());
  }

  async setStatus(accountId: string, status: MentorStatus) {
    return this.view(await this.deps.presence.setStatus(accountId, status, this.deps.now()));
  }

  async presenceOf(accountId: string) {
    const presence = (await this.deps.presence.get(accountId)) ?? (await this.deps.presence.touch(accountId, this.deps.now()));
    return this.view(presence);
  }

  async statusOf(accountId: string): Promise<MentorStatus> {
    return shownStatus(await this.deps.presence.get(accountId), this.deps.now(), this.awayAfterMinutes);
  }

  /** How many conversations the mentor has now. */
  async activeCount(accountId: string): Promise<number> {
    return (await this.deps.queue.active()).filter((h) => h.mentor?.id === accountId).length;
  }

  async atCapacity(account: Account): Promise<boolean> {
    if (account.capacity === undefined) return false;
    return !belowCapacity(await this.activeCount(account.id), account.capacity);
  }

  /**
   * Takes a person for a mentor within their cap: the count and the take happen under the mentor's own
   * lock, so two takes at once cannot both pass. 'at-capacity' when the cap is reached; 'busy' when another
   * take of theirs held the lock too long. A mentor without a cap takes without the lock.
   */
  async takeWithinCap<T>(account: Account, take: () => Promise<T>): Promise<T | 'at-capacity' | 'busy'> {
    if (account.capacity === undefined) return take();
    return this.lock.run(account.id, async () => ((await this.atCapacity(account)) ? ('at-capacity' as const) : take()));
  }

  /** Whether the console may offer this mentor the next person: not "off", not at their cap. */
  async mayBeOffered(account: Account): Promise<boolean> {
    if ((await this.statusOf(account.id)) === 'off') return false;
    return !(await this.atCapacity(account));
  }

  /** The enabled mentors and admins other than `me`, speaking `language` when given, with their status and load. */
  async colleagues(me: string, language?: Language): Promise<ColleagueView[]> {
    const accounts = (await this.deps.accounts.list()).filter((a) => a.id !== me && !a.disabled && TAKERS.has(a.role) && (!language || a.languages.includes(language)));
    const [presence, active] = await Promise.all([this.deps.presence.many(accounts.map((a) => a.id)), this.deps.queue.active()]);
    const now = this.deps.now();
    return accounts
      .map((account) => {
        const count = active.filter((h) => h.mentor?.id === account.id).length;
        return { account, status: shownStatus(presence.get(account.id), now, this.awayAfterMinutes), active: count, atCapacity: !belowCapacity(count, account.capacity) };
      })
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.account.firstName.localeCompare(b.account.firstName));
  }

  private view(presence: { status: MentorStatus; lastActiveAt: string }) {
    return { chosen: presence.status, shown: shownStatus(presence, this.deps.now(), this.awayAfterMinutes), awayAfterMinutes: this.awayAfterMinutes };
  }
}

const STATUS_ORDER: Record<MentorStatus, number> = { available: 0, away: 1, off: 2 };
