import { Language, RIGHT_TO_LEFT } from './languages';

/**
 * A value inserted into a right-to-left text, wrapped in first-strong isolation (U+2068 … U+2069):
 * a Latin word or a number at its edge would otherwise pull the sentence's punctuation around.
 */
export function isolate(lng: Language, value: string): string {
  return RIGHT_TO_LEFT.has(lng) ? `\u2068${value}\u2069` : value;
}
