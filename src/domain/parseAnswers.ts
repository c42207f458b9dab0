import { CefrLevel } from './profile';
import { LEVEL_CHOICES } from './intake';
import { matchChoice } from './matchChoice';
import { foldDigits, normalizeText } from './normalizeText';

export type LevelAnswer = CefrLevel | 'dontKnow';

/**
 * A language level as people type or tap it: "B1", "b 1", "B1 (intermediate)", "niveau a2"; or
 * "none"/"I don't know" in any of the given phrases; or the number of its button ("2" is A1: the
 * buttons are LEVEL_CHOICES in order). Undefined when it is none of these.
 */
export function parseLevel(
  answer: string,
  phrases: { none: string[]; dontKnow: string[]; words?: Partial<Record<CefrLevel, string[]>> },
): LevelAnswer | undefined {
  const text = normalizeText(answer);
  if (/^\d{1,2}$/.test(text)) return LEVEL_CHOICES[Number(text) - 1];
  const cefr = /(?:^|\s)([abc])\s?([12])(?:\s|$)/.exec(latinLevelLetters(text));
  if (cefr) return `${cefr[1].toUpperCase()}${cefr[2]}` as CefrLevel;
  return matchChoice(answer, [
    { value: 'dontKnow' as const, phrases: phrases.dontKnow },
    { value: 'none' as const, phrases: phrases.none },
    ...Object.entries(phrases.words ?? {}).map(([level, words]) => ({ value: level as LevelAnswer, phrases: words ?? [] })),
  ]);
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

/** A first name: letters in any script, spaces, hyphens and apostrophes, 1–40 characters. */
export function parseFirstName(answer: string): string | undefined {
  const name = answer.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 40) return undefined;
  return /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u.test(name) ? name : undefined;
}

/** Free text worth keeping: at least two letters, at most 1000 characters (longer is cut). */
export function parseFreeText(answer: string): string | undefined {
  const text = answer.trim();
  if ((text.match(/\p{L}/gu) ?? []).length < 2) return undefined;
  return text.slice(0, 1000);
}
