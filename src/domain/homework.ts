/**
 * The homework of the selection: what staff set per track (a short text per language, a link, the
 * days allowed), what the person hands in through the chat, and the mentor's review. Pure: the
 * stores keep it with the journey (personal data: exported, erased and expired with it).
 */
import { Journey, JourneyActor, move, MoveResult } from './journey';
import { SUPPORTED_LANGUAGES as LANGUAGES, type Language } from './language';

/** The longest homework a person can hand in through the chat (text or a link). */
export const MAX_SUBMISSION_LENGTH = 4096;
/** The longest homework text staff write per language, and the longest review note. */
export const MAX_HOMEWORK_TEXT = 1000;
export const MAX_REVIEW_NOTE = 1000;
/** A review note's translation is kept up to this length (a translation may be longer than the note). */
export const MAX_TRANSLATED_NOTE = 4000;
export const MAX_HOMEWORK_LINK = 500;
export const MAX_HOMEWORK_DAYS = 90;

/** What staff set for one track (the intake's result: eligible, direct-route, …). */
export interface HomeworkDefinition {
  track: string;
  /** The assignment in the person's language; a language without a text gets the Dutch or English one. */
  texts: Partial<Record<Language, string>>;
  link?: string;
  /** Days the person has; the due date is the day it was given plus these. */
  days: number;
  updatedAt: string;
  updatedBy: string;
}

export type { HomeworkSubmission, HomeworkReview, HomeworkVerdict, JourneyHomework } from './journey';
import type { HomeworkReview, HomeworkVerdict } from './journey';

export type HomeworkDefinitionProblem = 'link-not-http' | 'text-missing' | 'text-too-long' | 'days-out-of-range';

/** Only http(s) links (no javascript:, mailto:, file:): the person taps it in their chat. */
export function isHttpLink(value: string): boolean {
  if (value.length > MAX_HOMEWORK_LINK || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
  } catch {
    return false;
  }
}

/** What is wrong with a definition staff wrote, or undefined when it can be kept. */
export function checkDefinition(def: Pick<HomeworkDefinition, 'texts' | 'link' | 'days'>): HomeworkDefinitionProblem | undefined {
  if (def.link && !isHttpLink(def.link)) return 'link-not-http';
  const texts = Object.values(def.texts).filter((t): t is string => typeof t === 'string' && t.trim().length > 0);
  if (texts.length === 0) return 'text-missing';
  if (texts.some((t) => t.length > MAX_HOMEWORK_TEXT)) return 'text-too-long';
  if (!Number.isInteger(def.days) || def.days < 1 || def.days > MAX_HOMEWORK_DAYS) return 'days-out-of-range';
  return undefined;
}

/** The text for a language: its own, else Dutch, else English, else any. */
export function homeworkText(def: HomeworkDefinition, lng: Language): string {
  const own = def.texts[lng]?.trim();
  if (own) return own;
  for (const other of ['nl', 'en', ...LANGUAGES] as Language[]) {
    const text = def.texts[other]?.trim();
    if (text) return text;
  }
  return '';
}

const DAY_MS = 86_400_000;

/** The journey after the homework was sent: when, until when, which track's. */
export function homeworkGiven(journey: Journey, def: HomeworkDefinition | undefined, now: Date, defaultDays: number): Journey {
  const days = def?.days ?? defaultDays;
  const previous = journey.homework ?? { submissions: [], reviews: [] };
  return {
    ...journey,
    homework: {
      ...previous,
      ...(def ? { track: def.track, ...(def.link ? { link: def.link } : {}) } : {}),
      givenAt: now.toISOString(),
      due: new Date(now.getTime() + days * DAY_MS).toISOString(),
    },
  };
}

export type SubmissionProblem = 'empty' | 'too-long' | 'not-at-homework';

/** The person hands in their homework: the bot moves them to homework-submitted with it. */
export function submitHomework(journey: Journey, text: string, now: Date): MoveResult | { ok: false; problem: SubmissionProblem } {
  const handedIn = text.trim();
  if (!handedIn) return { ok: false, problem: 'empty' };
  if (handedIn.length > MAX_SUBMISSION_LENGTH) return { ok: false, problem: 'too-long' };
  if (journey.stage !== 'homework-given') return { ok: false, problem: 'not-at-homework' };
  const moved = move(journey, 'homework-submitted', { kind: 'bot' }, 'homework-submitted-in-chat', now);
  if (!moved.ok) return moved;
  const homework = journey.homework ?? { submissions: [], reviews: [] };
  return { ok: true, journey: { ...moved.journey, homework: { ...homework, submissions: [...homework.submissions, { at: now.toISOString(), text: handedIn }] } } };
}

/** A mentor's review: passed moves on to homework-reviewed, "try again" back to homework-given (a new due date). */
export function reviewHomework(journey: Journey, verdict: HomeworkVerdict, note: string, actor: JourneyActor, now: Date, days: number, translated?: HomeworkReview['translated']): MoveResult {
  const to = verdict === 'passed' ? 'homework-reviewed' : 'homework-given';
  // Only homework that came in is reviewed (homework-reviewed may also go back to homework-given, but as a move, not a review).
  if (journey.stage !== 'homework-submitted') {
    return { ok: false, refusal: { code: 'not-allowed', from: journey.stage, to, actor: actor.kind, message: `reviewHomework(): nothing to review at "${journey.stage}"` } };
  }
  const moved = move(journey, to, actor, `homework-${verdict}: ${note}`, now);
  if (!moved.ok) return moved;
  const homework = journey.homework ?? { submissions: [], reviews: [] };
  const review: HomeworkReview = { at: now.toISOString(), by: moved.journey.moves[moved.journey.moves.length - 1].by, verdict, note: note.trim().slice(0, MAX_REVIEW_NOTE), ...(translated ? { translated: { ...translated, text: translated.text.slice(0, MAX_TRANSLATED_NOTE) } } : {}) };
  const reviewed = { ...moved.journey, homework: { ...homework, reviews: [...homework.reviews, review] } };
  if (verdict === 'passed') return { ok: true, journey: reviewed };
  return { ok: true, journey: { ...reviewed, homework: { ...reviewed.homework, givenAt: now.toISOString(), due: new Date(now.getTime() + days * DAY_MS).toISOString() } } };
}

/**
 * The homework in a chat message: after a word that says so ("my homework: …", "huiswerk: https://…",
 * "واجبي: …", "ödevim: …", "تکلیفم: …", "ዕዮ ገዛይ: …"), the prefixes given (every language's,
 * from locales). Undefined when the message does not start with one.
 */
export function homeworkInMessage(text: string, prefixes: readonly string[]): string | undefined {
  const trimmed = text.trim();
  const lower = trimmed.toLocaleLowerCase('tr').normalize('NFC');
  const lowerPlain = trimmed.toLowerCase().normalize('NFC');
  for (const prefix of [...prefixes].sort((a, b) => b.length - a.length)) {
    const p = prefix.trim().toLowerCase().normalize('NFC');
    if (!p) continue;
    for (const candidate of [lowerPlain, lower]) {
      if (!candidate.startsWith(p)) continue;
      const rest = trimmed.slice(p.length);
      // The word must end there: a colon, a dash, a space or the end ("huiswerk:", "my homework -", "ödevim https://…").
      const m = /^\s*[:：\-–—،]?\s*/.exec(rest);
      if (!m || (m[0] === '' && rest !== '')) continue;
      const handedIn = rest.slice(m[0].length);
      // Without a colon or a dash only a link follows ("odevim https://…"): "homework help please" is a question.
      if (!/[:：\-–—،]/.test(m[0]) && handedIn && !/^https?:\/\//i.test(handedIn)) continue;
      return handedIn;
    }
  }
  return undefined;
}

/** A message that is only a web link (a person at homework-given who pastes their work's address). */
export function isOnlyLink(text: string): boolean {
  const trimmed = text.trim();
  return /^https?:\/\/\S+$/i.test(trimmed) && isHttpLink(trimmed);
}
