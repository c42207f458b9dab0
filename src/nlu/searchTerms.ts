import { normalizeText } from '../domain/normalizeText';

const ARABIC = /[\u0600-\u06FF]/;
const ETHIOPIC = /[\u1200-\u137F]/;
/** Arabic article and clinging conjunctions/prepositions: "والتكلفة" → "تكلفه". */
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و)/;

/** The words of a message, normalised per script (see normalizeText). */
export function tokenize(text: string): string[] {
  return normalizeText(text).split(' ').filter(Boolean);
}

/**
 * The terms a word is indexed and searched under: the word itself, its Arabic form without the
 * article or a clinging prefix, and a crude stem (its first letters, marked "~") so that inflected
 * forms meet — Turkish and Tigrinya stack suffixes, Dutch and English inflect less but still do.
 */
export function searchTerms(word: string): string[] {
  const terms = [word];
  if (ARABIC.test(word)) {
    const bare = word.replace(ARABIC_PREFIX, '');
    if (bare !== word && bare.length >= 2) terms.push(bare);
  }
  const letters = [...word];
  const stemLength = ETHIOPIC.test(word) ? 3 : 5;
  if (letters.length > stemLength + 1) terms.push(`~${letters.slice(0, stemLength).join('')}`);
  return terms;
}

export const isStem = (term: string) => term.startsWith('~');

/** Marks a pair of neighbouring words, so that names like "Make IT Work" weigh more than their words. */
export const PAIR = '+';

/**
 * The words of a message and each pair of neighbours ("+make+it", "+it+work"). A pair starts with the
 * mark, so that the prefix search of a word ("mijn") does not find every pair that begins with it
 * ("mijn+leeftijd", "mijn+vrouw"): that made one common word match whole topics.
 */
export function wordsAndPairs(text: string): string[] {
  const words = tokenize(text);
  return [...words, ...words.slice(1).map((word, i) => `${PAIR}${words[i]}${PAIR}${word}`)];
}

export const isPair = (term: string) => term.startsWith(PAIR);

/** The two words of a pair. */
export const pairWords = (term: string) => term.slice(PAIR.length).split(PAIR);
