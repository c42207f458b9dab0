import { foldDigits } from './normalizeText';

/** A rating 1–5 as people give it: "4", "٤", "4/5", "⭐⭐⭐⭐", "★★★"; undefined otherwise. */
export function parseRating(text: string): number | undefined {
  const trimmed = foldDigits(text.trim());
  const stars = [...trimmed].filter((c) => c === '⭐' || c === '★').length;
  if (stars >= 1 && stars <= 5 && /^[⭐★\s\uFE0F]+$/u.test(trimmed)) return stars;
  const match = /^([1-5])(?:\s*\/\s*5)?\s*[.!]?$/.exec(trimmed);
  return match ? Number(match[1]) : undefined;
}
