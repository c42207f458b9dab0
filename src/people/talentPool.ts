import type { ConversationRef } from '../domain/handoff';
import type { Language } from '../domain/language';
import type { PersonDataHolder } from '../domain/personData';
import {
  answerConsent,
  answered,
  askAgain,
  askToJoin,
  checkIn,
  CheckInResult,
  followUpDue,
  countedInPool,
  FollowUpRequest,
  followUpRequest,
  inPool,
  requestFollowUps,
  LevelCheck,
  mayAsk,
  PoolMember,
  PoolReason,
  PoolSnapshot,
  withdrawConsent,
} from '../domain/talentPool';
import type { PersonMessenger } from '../handoff/personMessenger';
import type { Translator } from '../i18n/translator';
import { JOB_ATTEMPTS, type TimedJob, type TimedJobs } from '../jobs/timedJobs';
import type { Logger } from '../logger';
import { markReminder } from '../reminders/reminderMark';
import type { OutcomeEvents } from '../reporting/outcomeEvents';
import type { IdDigest } from '../storage/idDigest';
import type { PoolEntry, PoolPerson, PoolStore } from './poolStore';

/** The timed-job kind of every talent-pool check-in. */
export const FOLLOWUP_JOB = 'followup';

/** How to reach the person: the conversation of the turn and their language. */
export interface PoolContact {
  conversation: ConversationRef;
  language: Language;
}

/** Who is ready, for the mentors' channel: a first name or a pseudonym code, and the language. Nothing more. */
export interface ReadyNotice {
  person: PoolPerson;
  firstName: string | null;
  language: Language;
}

/** Tells mentors that someone in the pool is ready (the Teams mentors' channel); optional. */
export interface ReadySignal {
  ready(notice: ReadyNotice): Promise<void>;
}

/** Points a test may stop the process at: after the check-in is claimed, after it went out. */
export type FollowUpCrashPoint = 'followup-taken' | 'followup-sent';

export interface TalentPoolDeps {
  store: PoolStore;
  jobs: TimedJobs;
  messenger: PersonMessenger;
  translator: Translator;
  digest: IdDigest;
  outcomes: OutcomeEvents;
  logger: Logger;
  /** FOLLOWUP_WEEKS. */
  weeks: number;
  signal?: ReadySignal;
  now?: () => Date;
  onSent?: (outcome: 'check-in' | 'last' | 'skipped' | 'uncertain') => void;
  crash?: (point: FollowUpCrashPoint) => void;
}

/**
 * The talent pool over its store and the timed jobs: the consent to follow-up (asked, answered,
 * withdrawn), a check-in every FOLLOWUP_WEEKS through the person's own conversation (sent once across
 * instances: the job's payload is the person's keyed digest only, and a claim per check-in time guards
 * the send), the check-in's answers with the rules' result (ready: staff are told), export and erasure.
 */
export class TalentPool {
  readonly holder: PersonDataHolder;
  private readonly now: () => Date;

  constructor(private readonly deps: TalentPoolDeps) {
    this.now = deps.now ?? (() => new Date());
    deps.jobs.handle(FOLLOWUP_JOB, (job) => this.run(job));
    this.holder = { erase: (p) => this.erase(p) };
  }

  get weeks(): number {
    return this.deps.weeks;
  }

  /** A check-in's job: one per person and time (the next one is planned while this one runs). */
  private jobId(who: string, at: string): string {
    return `${who}.${Date.parse(at)}`;
  }

  private schedule(who: string, at: string): Promise<void> {
    return this.deps.jobs.schedule(FOLLOWUP_JOB, this.jobId(who, at), new Date(at), { person: who });
  }

  private async unschedule(who: string, member: PoolMember | undefined): Promise<void> {
    if (member?.nextAt) await this.deps.jobs.cancel(FOLLOWUP_JOB, this.jobId(who, member.nextAt));
  }

  private who(person: PoolPerson): string {
    return this.deps.digest(`${person.channelId}:${person.userId}`);
  }

  async of(person: PoolPerson): Promise<PoolMember | undefined> {
    return (await this.deps.store.get(this.who(person)))?.member;
  }

  /** Everyone in the store within the retention (the pool view; the person is named only to staff). */
  list(limit: number): Promise<Array<{ who: string; entry: PoolEntry }>> {
    return this.deps.store.list(limit, this.now());
  }

  /**
   * The consent question is asked now: kept as asked, unless the person answered it before (a no and a
   * stop stay; a new intake result — any reason but staff's `talent-pool` — asks once more, once ever).
   */
  async ask(person: PoolPerson, contact: PoolContact | undefined, reason: PoolReason, snapshot: PoolSnapshot): Promise<boolean> {
    const now = this.now();
    const { after } = await this.deps.store.update(
      this.who(person),
      (existing) => {
        if (!mayAsk(existing?.member, reason !== 'talent-pool')) return undefined;
        const member = askAgain(existing?.member, askToJoin(reason, snapshot, now));
        return { person: { channelId: person.channelId, userId: person.userId }, member, ...(contact ? { contact } : existing?.contact ? { contact: existing.contact } : {}) };
      },
      now,
    );
    return !!after;
  }

  /**
   * The person asked for follow-ups themselves: the consent question is kept as waiting for their yes
   * or no (asked by them), whatever they answered before; 'already' when they get follow-ups now.
   */
  async request(person: PoolPerson, contact: PoolContact, reason: PoolReason, snapshot: PoolSnapshot): Promise<FollowUpRequest> {
    const now = this.now();
    const { before, after } = await this.deps.store.update(
      this.who(person),
      (existing) => (followUpRequest(existing?.member) === 'ask' ? { person: { channelId: person.channelId, userId: person.userId }, member: requestFollowUps(existing?.member, reason, snapshot, now), contact } : undefined),
      now,
    );
    return after ? 'ask' : followUpRequest(before?.member);
  }

  /** The answer to the consent question; yes plans the first check-in. False when no question waited. */
  async answer(person: PoolPerson, contact: PoolContact, given: boolean): Promise<boolean> {
    const who = this.who(person);
    const now = this.now();
    const { before, after } = await this.deps.store.update(who, (entry) => (entry?.member.status === 'asked' ? { ...entry, member: answerConsent(entry.member, given, contact.language, this.deps.weeks, now), contact } : undefined), now);
    if (!before || !after) return false;
    if (given && after.member.nextAt) {
      await this.schedule(who, after.member.nextAt);
      await this.event('joined', before, contact.language, now);
    }
    return true;
  }

  /**
   * "stop follow-ups" (the words, the menu): every planned check-in goes at once. False when there was
   * nothing to stop. Written over whatever a check-in job wrote meanwhile, never under it: the planned
   * check-in cancelled is the one the withdrawal replaced (a job's next one included).
   */
  async withdraw(person: PoolPerson): Promise<boolean> {
    const who = this.who(person);
    const now = this.now();
    const { before, after } = await this.deps.store.update(who, (entry) => (entry && (inPool(entry.member) || entry.member.status === 'asked') ? { ...entry, member: withdrawConsent(entry.member, now) } : undefined), now);
    await this.unschedule(who, before?.member);
    if (!before || !after) return false;
    if (countedInPool(before.member)) await this.event('left', before, before.contact?.language, now);
    return true;
  }

  /** The person answered a check-in: the count of unanswered ones starts again. */
  async replied(person: PoolPerson): Promise<void> {
    const now = this.now();
    await this.deps.store.update(this.who(person), (entry) => (entry?.member.awaitingCheckIn ? { ...entry, member: answered(entry.member, now) } : undefined), now);
  }

  /** Whether a check-in waits for the person's answer. */
  async awaitingCheckIn(person: PoolPerson): Promise<boolean> {
    const member = await this.of(person);
    return !!member && member.status === 'active' && member.awaitingCheckIn;
  }

  /**
   * The check-in's answers and the rules' result on them: kept, a level change counted, the next
   * check-in kept as planned; ready (a route's threshold reached): the pool is left for the selection,
   * and the mentors' channel is told. Says whether the person is ready now.
   */
  async checkedIn(person: PoolPerson, contact: PoolContact, check: Omit<LevelCheck, 'at'>, firstName: string | null): Promise<{ ready: boolean } | undefined> {
    const who = this.who(person);
    const now = this.now();
    let result = undefined as CheckInResult | undefined;
    const { before: entry, after } = await this.deps.store.update(
      who,
      (current) => {
        if (!current || !inPool(current.member)) return undefined;
        result = checkIn(current.member, check, now);
        return { ...current, member: result.member, contact };
      },
      now,
    );
    if (!entry || !after || !result) return undefined;
    if (result.changed) await this.event('level-changed', entry, contact.language, now, result.changed);
    if (result.ready) {
      await this.unschedule(who, entry.member);
      await this.event('left', entry, contact.language, now);
      await this.deps.signal?.ready({ person: entry.person, firstName, language: contact.language }).catch((error: Error) => this.deps.logger.warn({ err: { message: error.message } }, 'could not tell the mentors\' channel that someone in the talent pool is ready'));
    }
    return { ready: result.ready };
  }

  /** For the person's export: their place in the pool, the consent, the levels at each check-in. */
  async export(person: PoolPerson): Promise<PoolMember | undefined> {
    return this.of(person);
  }

  private async erase(person: PoolPerson): Promise<void> {
    const who = this.who(person);
    const entry = await this.deps.store.get(who);
    await this.unschedule(who, entry?.member);
    await this.deps.store.erase(who);
    if (entry && countedInPool(entry.member)) await this.event('left', entry, entry.contact?.language, this.now());
  }

  /** The job: send the check-in (or the last message) unless withdrawn, erased, planned anew or sent already. */
  private async run(job: TimedJob): Promise<void> {
    const who = String(job.payload.person);
    const at = job.at.toISOString();
    const entry = await this.deps.store.get(who);
    if (!entry?.contact || entry.member.nextAt !== at) {
      this.deps.onSent?.('skipped');
      return;
    }
    const claim = await this.deps.store.claim(who, at);
    if (claim === 'sent') return;
    const now = this.now();
    const { send } = followUpDue(entry.member, this.deps.weeks, now);
    if (claim === 'sending') {
      // Not sent again; the person's next check-in is still planned, so one lost message does not end them.
      this.deps.logger.warn({ kind: FOLLOWUP_JOB, attempt: job.attempt }, 'a check-in was being sent by an instance that stopped; not sent again (it may not have gone out)');
      await this.advance(who, at, now, at);
      this.deps.onSent?.('uncertain');
      return;
    }
    this.deps.crash?.('followup-taken');
    if (!send) {
      await this.deps.store.sent(who, at);
      this.deps.onSent?.('skipped');
      return;
    }
    const { conversation, language } = entry.contact;
    const weeks = String(Math.max(1, Math.round((now.getTime() - Date.parse(entry.member.lastContactAt)) / (7 * 86_400_000))));
    const text = this.deps.translator.t(language, send === 'last' ? 'pool:followUp.last' : 'pool:followUp.checkIn', { weeks });
    try {
      await this.deps.messenger.send(conversation, [markReminder({ type: 'message', text, locale: language }, [weeks], 'followup')]);
    } catch (error) {
      await this.deps.store.release(who, at);
      // The last try failed too: the next check-in is planned all the same (this one counts as unanswered).
      if (job.attempt >= JOB_ATTEMPTS) await this.advance(who, at, now);
      throw error;
    }
    this.deps.crash?.('followup-sent');
    await this.advance(who, at, now, at);
    this.deps.onSent?.(send);
  }

  /**
   * After a check-in's time: the check-in counted on the person's record as it is at the write (what
   * their turn wrote while the job sent stays: an answer, new levels, a stop, an erasure), the next
   * check-in planned (or the pool left), the claim marked sent. A record no longer waiting for this
   * check-in (stopped, ready, erased, planned anew) is left as it is.
   */
  private async advance(who: string, at: string, now: Date, claimed?: string): Promise<void> {
    const { before, after } = await this.deps.store.update(who, (entry) => (entry && entry.member.nextAt === at ? { ...entry, member: followUpDue(entry.member, this.deps.weeks, now).member } : undefined), now);
    if (after?.member.nextAt) await this.schedule(who, after.member.nextAt);
    else if (before && after && before.member.status === 'active') await this.event('left', before, before.contact?.language, now);
    if (claimed) await this.deps.store.sent(who, claimed);
  }

  /** A change in the pool, with no person in it (the numbers outlive erasure). */
  private async event(kind: 'joined' | 'left' | 'level-changed', entry: PoolEntry, language: Language | undefined, now: Date, changed?: { dutch: { from: string | null; to: string | null }; english: { from: string | null; to: string | null } }): Promise<void> {
    const lng = language ?? entry.member.consent?.language;
    if (!lng) return;
    try {
      await this.deps.outcomes.recordPool({ kind, at: now.toISOString(), language: lng, region: entry.member.province, ...(changed ?? {}) });
    } catch (error) {
      this.deps.logger.warn({ kind, err: { message: (error as Error).message } }, 'could not count a talent-pool change');
    }
  }
}
