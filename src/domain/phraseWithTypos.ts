import { hasNegation } from './negation';
import { normalizePhrase, normalizeText } from './normalizeText';
import { typoAllowance } from './matchChoice';
import type { ChoiceOption } from './matchChoice';

/**
 * Which option a short command-like message names word by word, each word with the typos a word of its
 * length may carry ("stopp opvolgnig" is "stop opvolging"): the same number of words as one of the
 * option's phrases, every word close to that phrase's word in its place; two swapped letters count as
 * one typo, and a word's first letter is kept. A sentence that negates ("ik wil niet stoppen") names no phrase that does not negate
 * itself. Undefined when no option fits, or two fit equally well.
 */
export function phraseWithTypos<V extends string>(answer: string, options: ChoiceOption<V>[]): V | undefined {
  const words = normalizeText(answer).split(' ').filter(Boolean);
  if (words.length === 0) return undefined;
  const negated = hasNegation(words.join(' '));
  let best = Infinity;
  let values = new Set<V>();
  for (const option of options) {
    for (const phrase of option.phrases) {
      const normalized = normalizePhrase(phrase); // the bot's own words: folded once, not on every message
      const phraseWords = normalized.split(' ').filter(Boolean);
      if (phraseWords.length !== words.length || (negated && !hasNegation(normalized))) continue;
      let total = 0;
      for (let i = 0; i < words.length && total !== Infinity; i++) {
        const [word, phraseWord] = [words[i], phraseWords[i]];
        if (word === phraseWord) continue;
        // A word's first letter is seldom the typo and often its meaning ("نگیرید", don't call; "بگیرید", call).
        const allowed = typoAllowance(Math.min(word.length, phraseWord.length));
        if (word.codePointAt(0) !== phraseWord.codePointAt(0) || Math.abs(word.length - phraseWord.length) > allowed) {
          total = Infinity;
          continue;
        }
        const d = typoDistance(word, phraseWord);
        total = d <= allowed ? total + d : Infinity;
      }
      if (total < best) {
        best = total;
        values = new Set([option.value]);
      } else if (total === best && total !== Infinity) values.add(option.value);
    }
  }
  return values.size === 1 ? [...values][0] : undefined;
}

/** Edits from one word to the other (insert, delete, replace, or swap two neighbouring letters). */
export function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  const rows: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[x.length][y.length];
}
