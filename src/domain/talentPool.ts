/**
 * The talent pool (programme rules for follow-up, version 1): people not ready for an IT trajectory
 * yet — the result said `language-first` or `not-yet`, or staff moved them to `talent-pool` — who
 * agreed to be contacted again. Every few weeks they get a short check-in (their Dutch and English
 * levels, still interested in IT?); the eligibility rules run again on the answers, and a person who
 * reaches a route's threshold is ready: staff are told, the person is offered the next step. Pure:
 * the stores keep a PoolMember, the service asks these functions what comes next.
 */
import type { Language } from './language';
import { municipalityByName } from './municipalities';
import type { PersonRecord } from './person';
import { CEFR_LEVELS, CefrLevel, levelRank } from './profile';

const rank = (level: string | null) => ((CEFR_LEVELS as readonly string[]).includes(level ?? '') ? levelRank(level as CefrLevel) : 0);

/** Raise when the consent question's text changes in substance; each consent says which text it answered. */
export const POOL_CONSENT_VERSION = 1;

/** FOLLOWUP_WEEKS: how many weeks between two check-ins (1–52; default 8). */
export const FOLLOWUP_WEEKS_DEFAULT = 8;
export const FOLLOWUP_WEEKS_MIN = 1;
export const FOLLOWUP_WEEKS_MAX = 52;

/** Check-ins sent in a row without an answer, after which one last message goes out and no more. */
export const UNANSWERED_LIMIT = 2;

/** Results whose people are asked to be kept in view. */
export const POOL_OUTCOMES = ['language-first', 'not-yet'] as const;
/** Results that reach a route's threshold (the rules: VIT's own group from A2–B1, partners directly from B2). */
export const READY_OUTCOMES = ['eligible', 'direct-route'] as const;

export type PoolReason = (typeof POOL_OUTCOMES)[number] | 'talent-pool';

/**
 * Where the person is in the pool: asked (the consent question waits for an answer), active (check-ins
 * come), ready (a rerun reached a threshold: the next step is the selection's), quiet (no answer twice
 * in a row: the last message went out, nothing more), declined (said no), withdrawn (said stop later).
 */
export type PoolStatus = 'asked' | 'active' | 'ready' | 'quiet' | 'declined' | 'withdrawn';

/**
 * Who brought up the consent question: the bot (after a result, or with staff's decision) or the
 * person (they typed "follow-ups", "houd me op de hoogte", … themselves).
 */
export type PoolAskedBy = 'bot' | 'person';

/** The consent to follow-up, apart from the intake's consent: when, in which language, to which text. */
export interface PoolConsent {
  given: boolean;
  at: string;
  language: Language;
  textVersion: number;
  /** Absent in consents from before the person could ask themselves: the bot asked. */
  askedBy?: PoolAskedBy;
  withdrawnAt?: string;
}

/** The levels at a moment: when the person joined, and at each check-in they answered. */
export interface LevelCheck {
  at: string;
  dutch: string | null;
  english: string | null;
  /** Still interested in IT (the intake's "do you want to work in IT?"). */
  interested: boolean | null;
  /** The result of the rules on these answers. */
  outcome: string;
}

export interface PoolMember {
  status: PoolStatus;
  reason: PoolReason;
  /** When the consent question was asked. */
  askedAt: string;
  /** Who brought up the question now waiting or last answered (absent: the bot). */
  askedBy?: PoolAskedBy;
  /**
   * When the bot asked once more, at a new intake result, someone who had said no (or stop): it does
   * so only once; after that only the person can bring follow-ups up again.
   */
  askedAgainAt?: string;
  consent?: PoolConsent;
  /** The consents answered before the one above, oldest first (a no, then a yes of the person's own…). */
  earlierConsents?: PoolConsent[];
  /** When they joined (consent given). */
  joinedAt?: string;
  /** Oldest first: the levels when they joined, then each check-in's. */
  levels: LevelCheck[];
  /** The province from the intake's municipality, when known. */
  province: string | null;
  /** The last message to or from the person about the pool. */
  lastContactAt: string;
  followUpsSent: number;
  /** Check-ins sent since the person last answered. */
  unanswered: number;
  /** A check-in (or the last message) was sent and waits for the person's answer. */
  awaitingCheckIn: boolean;
  /** The next check-in, while active. */
  nextAt?: string;
  readyAt?: string;
}

/** What the intake says about the person when they are asked. */
export interface PoolSnapshot {
  dutch: string | null;
  english: string | null;
  interested: boolean | null;
  outcome: string;
  province: string | null;
}

const WEEK_MS = 7 * 86_400_000;

export function poolReasonFor(outcome: string | undefined, stage?: string): PoolReason | undefined {
  if (stage === 'talent-pool') return 'talent-pool';
  return (POOL_OUTCOMES as readonly string[]).includes(outcome ?? '') ? (outcome as PoolReason) : undefined;
}

export function isReadyOutcome(outcome: string): boolean {
  return (READY_OUTCOMES as readonly string[]).includes(outcome);
}

/** Whether FOLLOWUP_WEEKS is allowed (a whole number 1–52). */
export function followUpWeeksAllowed(weeks: number): boolean {
  return Number.isInteger(weeks) && weeks >= FOLLOWUP_WEEKS_MIN && weeks <= FOLLOWUP_WEEKS_MAX;
}

/** The consent question was asked (after the result, or after staff's move to the talent pool). */
export function askToJoin(reason: PoolReason, snapshot: PoolSnapshot, now: Date): PoolMember {
  const at = now.toISOString();
  return {
    status: 'asked',
    reason,
    askedAt: at,
    levels: [{ at, dutch: snapshot.dutch, english: snapshot.english, interested: snapshot.interested, outcome: snapshot.outcome }],
    province: snapshot.province,
    lastContactAt: at,
    followUpsSent: 0,
    unanswered: 0,
    awaitingCheckIn: false,
  };
}

/** Said no to follow-ups: at the question (declined) or later (withdrawn). */
function saidNo(member: PoolMember | undefined): boolean {
  return member?.status === 'declined' || member?.status === 'withdrawn';
}

/**
 * Whether the bot may ask the person (again): never asked, asked and not answered, or ready (they
 * left the pool for the selection, and a new result or staff's "talent pool" brings them back). A no
 * or a stop is respected: the bot asks once more only at a new intake result (`newResult`), and only
 * once ever; staff's move does not ask again. The last message after silence stays (the person's next
 * message brings them back). The person may always ask for follow-ups themselves (requestFollowUps).
 */
export function mayAsk(member: PoolMember | undefined, newResult = false): boolean {
  if (!member || member.status === 'asked' || member.status === 'ready') return true;
  return saidNo(member) && newResult && !member.askedAgainAt;
}

/**
 * The consent question asked once more of someone the pool knew: their levels so far are kept (the
 * trend), their earlier answers too (the consent record), and a bot's question after a no is marked,
 * so that it is the only one.
 */
export function askAgain(before: PoolMember | undefined, asked: PoolMember): PoolMember {
  if (!before) return asked;
  if (before.status === 'asked') return { ...asked, ...(before.earlierConsents ? { earlierConsents: before.earlierConsents } : {}), ...(before.askedAgainAt ? { askedAgainAt: before.askedAgainAt } : {}) };
  const earlierConsents = [...(before.earlierConsents ?? []), ...(before.consent ? [before.consent] : [])];
  const askedAgainAt = before.askedAgainAt ?? (saidNo(before) && asked.askedBy !== 'person' ? asked.askedAt : undefined);
  return { ...asked, levels: [...before.levels, ...asked.levels], ...(earlierConsents.length > 0 ? { earlierConsents } : {}), ...(askedAgainAt ? { askedAgainAt } : {}) };
}

/** What a person's own "I want follow-ups" leads to: the consent question, or nothing to ask (they get follow-ups already). */
export type FollowUpRequest = 'ask' | 'already';

export function followUpRequest(member: PoolMember | undefined): FollowUpRequest {
  return member?.status === 'active' ? 'already' : 'ask';
}

/**
 * The person asked for follow-ups themselves ("follow-ups", "houd me op de hoogte", …), whatever they
 * answered before: the consent question waits for their yes or no, brought up by them.
 */
export function requestFollowUps(before: PoolMember | undefined, reason: PoolReason, snapshot: PoolSnapshot, now: Date): PoolMember {
  return askAgain(before, { ...askToJoin(reason, snapshot, now), askedBy: 'person' });
}

/** The answer to the consent question: yes → active, the first check-in `weeks` later; no → declined. */
export function answerConsent(member: PoolMember, given: boolean, language: Language, weeks: number, now: Date): PoolMember {
  const at = now.toISOString();
  const consent: PoolConsent = { given, at, language, textVersion: POOL_CONSENT_VERSION, askedBy: member.askedBy ?? 'bot' };
  if (!given) return { ...member, status: 'declined', consent, lastContactAt: at, nextAt: undefined };
  return { ...member, status: 'active', consent, joinedAt: at, lastContactAt: at, unanswered: 0, nextAt: new Date(now.getTime() + weeks * WEEK_MS).toISOString() };
}

/** "stop follow-ups": nothing more is sent; the consent keeps when it was withdrawn. */
export function withdrawConsent(member: PoolMember, now: Date): PoolMember {
  const at = now.toISOString();
  return { ...member, status: 'withdrawn', consent: member.consent ? { ...member.consent, withdrawnAt: at } : undefined, nextAt: undefined, awaitingCheckIn: false };
}

/** Whether the person is in the pool (they agreed and did not withdraw). */
export function inPool(member: PoolMember | undefined): boolean {
  return !!member && (member.status === 'active' || member.status === 'ready' || member.status === 'quiet');
}

/**
 * Whether the person counts in the pool's numbers now: a ready person left them for the selection,
 * a quiet one after the last message; only an active member leaves them still (withdrawn, erased).
 */
export function countedInPool(member: PoolMember | undefined): boolean {
  return !!member && member.status === 'active';
}

export type FollowUpSend = 'check-in' | 'last' | null;

/**
 * A check-in is due: what to send and the member after it. An active person gets the check-in and the
 * next one `weeks` later; after UNANSWERED_LIMIT check-ins without an answer, one last message and no
 * more (quiet; it too waits for an answer: "just send a message"). Anyone else (withdrawn, ready, quiet)
 * gets nothing.
 */
export function followUpDue(member: PoolMember, weeks: number, now: Date): { send: FollowUpSend; member: PoolMember } {
  if (member.status !== 'active') return { send: null, member: { ...member, nextAt: undefined } };
  const at = now.toISOString();
  if (member.unanswered >= UNANSWERED_LIMIT) return { send: 'last', member: { ...member, status: 'quiet', nextAt: undefined, awaitingCheckIn: true, lastContactAt: at } };
  return {
    send: 'check-in',
    member: { ...member, followUpsSent: member.followUpsSent + 1, unanswered: member.unanswered + 1, awaitingCheckIn: true, lastContactAt: at, nextAt: new Date(now.getTime() + weeks * WEEK_MS).toISOString() },
  };
}

/** The person answered a check-in (any reply counts): the count of unanswered ones starts again. */
export function answered(member: PoolMember, now: Date): PoolMember {
  return { ...member, unanswered: 0, awaitingCheckIn: false, lastContactAt: now.toISOString() };
}

export interface CheckInResult {
  member: PoolMember;
  /** The rerun reached a route's threshold for the first time. */
  ready: boolean;
  /** The levels before, when one changed. */
  changed?: { dutch: { from: string | null; to: string | null }; english: { from: string | null; to: string | null } };
}

/** The check-in's answers and the rules' result on them: the levels kept, ready when a threshold is reached. */
export function checkIn(member: PoolMember, check: Omit<LevelCheck, 'at'>, now: Date): CheckInResult {
  const at = now.toISOString();
  const last = member.levels[member.levels.length - 1];
  const next: PoolMember = { ...answered(member, now), levels: [...member.levels, { at, ...check }] };
  const changed = last && (last.dutch !== check.dutch || last.english !== check.english) ? { dutch: { from: last.dutch, to: check.dutch }, english: { from: last.english, to: check.english } } : undefined;
  const ready = isReadyOutcome(check.outcome) && member.status !== 'ready';
  if (ready) return { member: { ...next, status: 'ready', readyAt: at, nextAt: undefined }, ready, ...(changed ? { changed } : {}) };
  // A person ready before whose rerun falls below again is followed up again.
  const status = member.status === 'ready' && !isReadyOutcome(check.outcome) ? 'active' : member.status;
  return { member: { ...next, status }, ready: false, ...(changed ? { changed } : {}) };
}

/** The level movement over the pool time: up, down or the same (the best of Dutch and English, first check against last). */
export type PoolTrend = 'up' | 'down' | 'same';

export function trend(levels: readonly LevelCheck[]): PoolTrend {
  if (levels.length < 2) return 'same';
  const best = (l: LevelCheck) => Math.max(rank(l.dutch), rank(l.english));
  const first = best(levels[0]);
  const last = best(levels[levels.length - 1]);
  return last > first ? 'up' : last < first ? 'down' : 'same';
}

/** Whole months (30 days) since the person joined. */
export function monthsInPool(member: PoolMember, now: Date): number {
  const since = member.joinedAt ?? member.askedAt;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / (30 * 86_400_000)));
}

/** The provinces of "the north" (Make IT Work in the North), as the eligibility rules' region-north flag. */
export const NORTH_PROVINCES = ['Groningen', 'Friesland', 'Drenthe'] as const;

export function inNorth(province: string | null): boolean {
  return province !== null && (NORTH_PROVINCES as readonly string[]).includes(province);
}

/** What the person's record says now: the intake's levels and wish to work in IT, the result, the province. */
export function snapshotOf(person: PersonRecord): PoolSnapshot {
  const answers = person.intake?.answers ?? {};
  const level = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    dutch: level(answers.dutchLevel),
    english: level(answers.englishLevel),
    interested: typeof answers.motivatedForIT === 'boolean' ? answers.motivatedForIT : null,
    outcome: person.assessment?.outcome ?? 'unknown',
    province: (typeof answers.municipality === 'string' ? municipalityByName(answers.municipality)?.province : undefined) ?? null,
  };
}
