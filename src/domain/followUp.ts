/** A mentor's note to get back to a person later: the day, and who set it on which handoff. */
export interface FollowUp {
  handoffId: string;
  /** The day to get back to the person (YYYY-MM-DD, in the mentors' time zone). */
  due: string;
  mentorId: string;
  mentorName: string;
  setAt: string;
}

/** How far ahead a follow-up may be set: a few months, and never past the time the handoff is kept. */
export const FOLLOW_UP_MAX_DAYS = 120;

/** The longest a private note may be (characters). */
export const PRIVATE_NOTE_MAX_LENGTH = 1000;
/** How many private notes one handoff keeps at most. */
export const PRIVATE_NOTES_PER_HANDOFF = 100;

/** A mentor's private note on a handoff: never sent to the person, kept and erased with the handoff. */
export interface PrivateNote {
  id: string;
  at: string;
  mentorId: string;
  mentorName: string;
  text: string;
}

export type FollowUpDateProblem = 'not-a-date' | 'in-the-past' | 'too-far';

const DAY_MS = 86_400_000;
/** A calendar day (YYYY-MM-DD) as a whole number of days, so days can be counted and compared. */
export const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);

/** Whether a text is a calendar day that exists (2026-02-30 does not). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The most days ahead a follow-up may be set when ended handoffs are kept `retentionDays`. */
export function followUpMaxDays(retentionDays: number): number {
  return Math.max(0, Math.min(FOLLOW_UP_MAX_DAYS, retentionDays - 1));
}

/** Checks a follow-up day against today (both YYYY-MM-DD): a real day, not before today, at most `maxDays` ahead. */
export function checkFollowUpDate(value: string, today: string, maxDays: number): { ok: true } | { ok: false; problem: FollowUpDateProblem } {
  if (!isCalendarDay(value)) return { ok: false, problem: 'not-a-date' };
  const ahead = dayNumber(value) - dayNumber(today);
  if (ahead < 0) return { ok: false, problem: 'in-the-past' };
  if (ahead > maxDays) return { ok: false, problem: 'too-far' };
  return { ok: true };
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export type FollowUpState = 'overdue' | 'today' | 'later';

/** Where a follow-up stands on a day: past its day, due that day, or later. */
export function followUpState(due: string, today: string): FollowUpState {
  return due < today ? 'overdue' : due === today ? 'today' : 'later';
}

/** Follow-ups in the order a mentor works through them: the earliest day first (overdue, then today, then later). */
export function orderFollowUps<T extends { due: string; setAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.due.localeCompare(b.due) || a.setAt.localeCompare(b.setAt));
}
