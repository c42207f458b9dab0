import { CefrLevel } from './profile';
import { LEVEL_CHOICES } from './intake';
import { matchChoice } from './matchChoice';
import { hasQuestionMark, looksLikeQuestion } from './looksLikeQuestion';
import { foldDigits, normalizePhrase, normalizeText } from './normalizeText';

export type LevelAnswer = CefrLevel | 'dontKnow';

/**
 * A language level as people type or tap it: "B1", "b 1", "B1 (intermediate)", "niveau a2"; or
 * "none"/"I don't know" in any of the given phrases, or a level in words; or the number of its button
 * from 3 ("3" is A2, "8" is "I don't know": the buttons are LEVEL_CHOICES in order). "1" or "2" alone
 * is no level: it may mean A1, B2, … as much as the first or second button (rows are not numbered on
 * WhatsApp, and the row under "A1" says "A2"), so the question is asked again (see isLevelDigit)
 * rather than a wrong level stored. Undefined when it is none of these.
 */
export function parseLevel(
  answer: string,
  phrases: { none: string[]; dontKnow: string[]; words?: Partial<Record<CefrLevel, string[]>> },
): LevelAnswer | undefined {
  const text = normalizeText(answer);
  if (/^\d{1,2}$/.test(text)) return isLevelDigit(answer) ? undefined : LEVEL_CHOICES[Number(text) - 1];
  const typed = typedLevel(answer);
  if (typed) return typed;
  return matchChoice(answer, [
    { value: 'dontKnow' as const, phrases: phrases.dontKnow },
    { value: 'none' as const, phrases: phrases.none },
    ...Object.entries(phrases.words ?? {}).map(([level, words]) => ({ value: level as LevelAnswer, phrases: words ?? [] })),
  ]);
}

/** A CEFR level written as one ("B1", "b 1", "niveau a2", "بی ۱", "ቢ2"), not in words; undefined otherwise. */
export function typedLevel(answer: string): Exclude<CefrLevel, 'none'> | undefined {
  const cefr = /(?:^|\s)([abc])\s?([12])(?:\s|$)/.exec(latinLevelLetters(normalizeText(answer)));
  return cefr ? (`${cefr[1].toUpperCase()}${cefr[2]}` as Exclude<CefrLevel, 'none'>) : undefined;
}

/** Whether an answer is "1" or "2" alone ("٢", "2."): the number of a CEFR level without its letter. */
export function isLevelDigit(answer: string): boolean {
  return /^[12]$/.test(normalizeText(answer));
}

/** Level letters as Arabic, Persian and Tigrinya speakers spell them ("بی ۱", "ب1", "ቢ1") turned into a, b, c. */
function latinLevelLetters(text: string): string {
  return text
    .replace(/(^|\s)(?:اي|ا)\s?(?=[12](?:\s|$))/gu, '$1a')
    .replace(/(^|\s)(?:بي|ب)\s?(?=[12](?:\s|$))/gu, '$1b')
    .replace(/(^|\s)(?:سي|س)\s?(?=[12](?:\s|$))/gu, '$1c')
    .replace(/(^|\s)ኤ\s?(?=[12](?:\s|$))/gu, '$1a')
    .replace(/(^|\s)ቢ\s?(?=[12](?:\s|$))/gu, '$1b')
    .replace(/(^|\s)ሲ\s?(?=[12](?:\s|$))/gu, '$1c');
}

/**
 * Hours per week from "32", "32 uur", "٣٢", "20,5", or words ("fulltime", "veertig") listed per
 * number in `words`; the first number counts. Undefined outside 1–80: no hours is no answer.
 */
export function parseHours(answer: string, words: Record<string, string[]> = {}): number | undefined {
  const match = /\d+(?:[.,]\d+)?/.exec(foldDigits(answer));
  const said = match ? undefined : matchChoice(answer, Object.entries(words).map(([value, phrases]) => ({ value, phrases })));
  if (!match && said === undefined) return undefined;
  const hours = Number((match?.[0] ?? said!).replace(',', '.'));
  return hours > 0 && hours <= 80 ? hours : undefined;
}

/** How people say their name, per language, gathered from the locales. */
export interface NameWords {
  /** Words before the name, left off: "my name is", "ik heet", "اسمي", "benim adım", "hi". */
  before: string[];
  /** Words after the name, left off: Persian "است", Tigrinya "እዩ", "here". */
  after: string[];
  /** Words no first name is made of ("what", "fulltime", "want"): a sentence with one is no name. */
  notName: string[];
}

/** A name is at most this many words ("Maria del Carmen", "Abdul Rahman Ali"). */
const NAME_WORDS = 4;

/**
 * A first name: letters in any script, spaces, hyphens and apostrophes, 1–40 characters, at most four
 * words; said in a sentence ("my name is Ahmed", "اسمم احمد است") it is the name alone, without
 * emoji or punctuation around it. A question ("is it fulltime", "fulltime?") or a sentence with a word
 * no name has is no name: staff would see it as the person's label.
 */
export function parseFirstName(answer: string, words: NameWords = { before: [], after: [], notName: [] }): string | undefined {
  if (hasQuestionMark(answer)) return undefined;
  let tokens = answer.trim().split(/\s+/).filter((token) => normalizeText(token));
  const before = new Set(words.before.map(normalizePhrase).filter(Boolean));
  const after = new Set(words.after.map(normalizePhrase).filter(Boolean));
  for (let cut = leading(tokens, before); cut > 0; cut = leading(tokens, before)) tokens = tokens.slice(cut);
  for (let cut = leading([...tokens].reverse(), after, true); cut > 0; cut = leading([...tokens].reverse(), after, true)) tokens = tokens.slice(0, -cut);
  const name = tokens.join(' ').replace(/^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu, '');
  if (name.length < 1 || name.length > 40 || !/^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u.test(name)) return undefined;
  const named = normalizeText(name).split(' ');
  const notName = new Set(words.notName.map(normalizePhrase));
  if (named.length > NAME_WORDS || named.some((w) => notName.has(w))) return undefined;
  // Three words or more that read as a question ("is it fulltime"); two may be a name ("Kim Lee").
  if (named.length >= 3 && looksLikeQuestion(name)) return undefined;
  return name;
}

/**
 * How many of the first tokens make one of the phrases (the longest that fits), leaving at least one
 * token. `reversed`: the tokens come last first, as for words after the name.
 */
function leading(tokens: string[], phrases: Set<string>, reversed = false): number {
  for (let n = Math.min(4, tokens.length - 1); n > 0; n--) {
    const part = tokens.slice(0, n);
    if (phrases.has(normalizeText((reversed ? part.reverse() : part).join(' ')))) return n;
  }
  return 0;
}

/** Free text worth keeping: at least two letters, at most 1000 characters (longer is cut). */
export function parseFreeText(answer: string): string | undefined {
  const text = answer.trim();
  if ((text.match(/\p{L}/gu) ?? []).length < 2) return undefined;
  return text.slice(0, 1000);
}
