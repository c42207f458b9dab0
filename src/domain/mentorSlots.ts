/**
 * The mentor talk's time slots: a mentor publishes times (once, or weekly for some weeks ahead) with
 * the languages they speak and an online meeting link of their own; a slot holds one person. Pure:
 * the stores keep slots and bookings, the console and the bot ask these functions what is allowed and
 * how a time reads.
 */
import type { Language } from './language';

/** The selection is in the Netherlands: slots are told, and repeated weekly, in Dutch time. */
export const SLOT_TIME_ZONE = 'Europe/Amsterdam';
export const MIN_SLOT_MINUTES = 15;
export const MAX_SLOT_MINUTES = 120;
/** A weekly slot is published for at most this many weeks ahead. */
export const MAX_WEEKS = 12;
/** The longest meeting link kept (Teams links are long, but not this long). */
export const MAX_LINK_LENGTH = 500;
/** How far ahead a slot may be published. */
export const MAX_DAYS_AHEAD = 120;

/**
 * What a slot is for: the talk with a mentor (a mentor's time), or the intake interview (a staff
 * member's time, offered to people at `selection-intake`). One store holds both, so a staff member's
 * talks and interviews never overlap, and booking, reminders, export and erasure work the same.
 */
export type SlotKind = 'talk' | 'interview';
export const SLOT_KINDS: readonly SlotKind[] = ['talk', 'interview'];

/** A slot's kind (slots kept before kinds existed are talks). */
export const slotKind = (slot: { kind?: SlotKind }): SlotKind => slot.kind ?? 'talk';

/** The journey stage at which a person books the intake interview from the chat. */
export const INTERVIEW_STAGE = 'selection-intake';

/** Whether the bot may book an intake interview for a person at this journey stage. */
export function interviewBookableAt(stage: string | undefined): boolean {
  return stage === INTERVIEW_STAGE;
}

export interface Slot {
  id: string;
  /** Absent: a talk with a mentor. */
  kind?: SlotKind;
  /** The mentor's console account id and first name (told to the person). */
  mentorId: string;
  mentorFirstName: string;
  /** ISO instant. */
  start: string;
  durationMinutes: number;
  languages: Language[];
  link: string;
}

/** What a mentor fills in: a first time, how long, in which languages, their link, and whether it repeats weekly. */
export interface SlotDraft {
  start: string;
  durationMinutes: number;
  languages: Language[];
  link: string;
  /** 1 for a one-off slot; n for the same time every week, n weeks in a row. */
  weeks: number;
  /** Absent: a talk. */
  kind?: SlotKind;
}

export type SlotProblem = 'in-past' | 'too-far' | 'overlap' | 'bad-link' | 'bad-duration' | 'no-language' | 'bad-weeks';

export type SlotCheck = { ok: true; starts: string[] } | { ok: false; problem: SlotProblem; at?: string };

/** Whether a meeting link is one a person can open: http or https, a host, bounded length, no credentials. */
export function isMeetingLink(link: string): boolean {
  if (link.length === 0 || link.length > MAX_LINK_LENGTH || /\s/.test(link)) return false;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && !url.username && !url.password;
}

/** Minutes Amsterdam is ahead of UTC at `instant` (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: SLOT_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((local - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The start of each week's occurrence, at the same Amsterdam clock time (a weekly 18:00 stays 18:00 across summer time). */
export function weeklyStarts(start: string, weeks: number): string[] {
  const first = new Date(start);
  const offset = amsterdamOffsetMinutes(first);
  return Array.from({ length: weeks }, (_, week) => {
    const naive = new Date(first.getTime() + week * 7 * 86_400_000);
    return new Date(naive.getTime() + (offset - amsterdamOffsetMinutes(naive)) * 60_000).toISOString();
  });
}

const endOf = (start: string, minutes: number) => Date.parse(start) + minutes * 60_000;

/** Whether two times of one mentor overlap (touching ends do not). */
export function overlaps(a: { start: string; durationMinutes: number }, b: { start: string; durationMinutes: number }): boolean {
  return Date.parse(a.start) < endOf(b.start, b.durationMinutes) && Date.parse(b.start) < endOf(a.start, a.durationMinutes);
}

/**
 * Checks a mentor's new slot(s) against the rules and against the mentor's own slots: not in the
 * past, not too far ahead, a meeting link that opens, a sensible length, at least one language, and
 * no occurrence overlapping another slot of theirs. Gives the start of every occurrence.
 */
export function checkSlotDraft(draft: SlotDraft, mine: ReadonlyArray<Pick<Slot, 'start' | 'durationMinutes'>>, now: Date): SlotCheck {
  if (!Number.isInteger(draft.weeks) || draft.weeks < 1 || draft.weeks > MAX_WEEKS) return { ok: false, problem: 'bad-weeks' };
  if (!Number.isInteger(draft.durationMinutes) || draft.durationMinutes < MIN_SLOT_MINUTES || draft.durationMinutes > MAX_SLOT_MINUTES) return { ok: false, problem: 'bad-duration' };
  if (draft.languages.length === 0) return { ok: false, problem: 'no-language' };
  if (!isMeetingLink(draft.link)) return { ok: false, problem: 'bad-link' };
  const first = Date.parse(draft.start);
  if (Number.isNaN(first) || first <= now.getTime()) return { ok: false, problem: 'in-past' };
  if (first > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) return { ok: false, problem: 'too-far' };
  const starts = weeklyStarts(new Date(first).toISOString(), draft.weeks);
  for (const start of starts) {
    const clash = mine.find((slot) => overlaps(slot, { start, durationMinutes: draft.durationMinutes }));
    if (clash) return { ok: false, problem: 'overlap', at: clash.start };
  }
  return { ok: true, starts };
}

/** The results after which the bot offers the mentor talk: VIT's own group, and partners directly (a mentor still helps). */
export const TALK_OUTCOMES: readonly string[] = ['eligible', 'direct-route'];

export function talkFits(outcome: string | undefined): boolean {
  return outcome !== undefined && TALK_OUTCOMES.includes(outcome);
}

/**
 * Where in the selection a person may book the talk from the chat: before it (after the result, with
 * or without a motivation read), or after missing one. Later stages are a mentor's or staff's to move.
 */
export const TALK_BOOKABLE_STAGES: readonly string[] = ['intake-done', 'motivation', 'mentor-talk-missed'];

/**
 * Whether the bot may book a talk for a person at this journey stage (no journey: the result decides
 * alone). In the talent pool only once a check-in found that a route fits (`poolReady`).
 */
export function talkBookableAt(stage: string | undefined, poolReady = false): boolean {
  return stage === undefined || TALK_BOOKABLE_STAGES.includes(stage) || (stage === 'talent-pool' && poolReady);
}

/** What the bot knows about the person's languages: the one they chose, and the intake's levels. */
export interface SlotSeeker {
  language: Language;
  dutchLevel?: string;
  englishLevel?: string;
}

/** A level from which a person can hold a talk in that language. */
const SPEAKS = new Set(['A2', 'B1', 'B2', 'C1', 'C2']);

/** The languages a talk can be in for this person, best first: their own, then English and Dutch if they speak them. */
export function talkLanguages(seeker: SlotSeeker): Language[] {
  const out: Language[] = [seeker.language];
  if (SPEAKS.has(seeker.englishLevel ?? '') && !out.includes('en')) out.push('en');
  if (SPEAKS.has(seeker.dutchLevel ?? '') && !out.includes('nl')) out.push('nl');
  return out;
}

/**
 * The free future slots that fit the person, in the order to offer them: slots in their own language
 * first (soonest first), then in English or Dutch when they speak it; slots in no language of theirs
 * are left out. A slot starting within `leadMinutes` is not offered (no time to prepare).
 */
export function slotsForPerson<S extends Slot>(free: readonly S[], seeker: SlotSeeker, now: Date, leadMinutes = 60): S[] {
  const languages = talkLanguages(seeker);
  const rank = (slot: Slot) => Math.min(...slot.languages.map((l) => (languages.includes(l) ? languages.indexOf(l) : Infinity)));
  return free
    .filter((slot) => Date.parse(slot.start) > now.getTime() + leadMinutes * 60_000 && rank(slot) < Infinity)
    .sort((a, b) => rank(a) - rank(b) || Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
}

/**
 * A slot's time in the person's language, in Dutch time, with the weekday's name: "dinsdag 8 december
 * 14:30", "الثلاثاء، 8 ديسمبر 14:30", "ሰሉስ፣ 8 ታሕሳስ 14:30". Always the Gregorian calendar (the
 * appointment is in the Netherlands; Persian would otherwise get the Solar Hijri date) and a 24-hour
 * clock. Node's ICU has Tigrinya ('ti'); where a runtime lacks a language, Intl falls back to its
 * default locale, which still gives a correct date.
 */
export function formatSlotTime(start: string, lng: Language): string {
  return new Intl.DateTimeFormat(`${lng}-u-ca-gregory-hc-h23`, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: SLOT_TIME_ZONE }).format(new Date(start));
}

/** WhatsApp shows at most this many characters of a reply button's title. */
export const SLOT_SHORT_MAX = 20;

/**
 * Languages whose weekday has no short name in Unicode's data ("الأربعاء", "چهارشنبه"): with it, the
 * short form is 22–26 characters and WhatsApp would cut the time off the button. Their buttons carry
 * the date and the time; the weekday is in the numbered list of times above them.
 */
const SHORT_WITHOUT_WEEKDAY: ReadonlySet<Language> = new Set<Language>(['ar', 'fa']);

/**
 * A short form for a button, at most SLOT_SHORT_MAX characters: "wo 9 dec, 14:30", "Wed, Dec 9,
 * 14:30", "9 Ara Çar 14:30", "ረቡ፣ 9 ታሕ 14:30"; Arabic and Persian "9 ديسمبر، 14:30" (see above).
 */
export function formatSlotShort(start: string, lng: Language): string {
  const weekday = SHORT_WITHOUT_WEEKDAY.has(lng) ? {} : { weekday: 'short' as const };
  return new Intl.DateTimeFormat(`${lng}-u-ca-gregory-hc-h23`, { ...weekday, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: SLOT_TIME_ZONE }).format(new Date(start));
}
