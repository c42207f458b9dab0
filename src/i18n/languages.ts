import { isLanguage, Language } from '../domain/language';

// The languages themselves are domain facts (a person's language, negation words per language); the
// rest of the code meets them here, beside what only text and locales need.
export { isLanguage, SUPPORTED_LANGUAGES } from '../domain/language';
export type { Language } from '../domain/language';

/** Scripts written right to left; used where text direction matters (console, formatting). */
export const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>(['ar', 'fa']);

/** Maps a channel locale such as "ar-SA", "nl_NL" or "EN" to a supported language, if there is one. */
export function languageFromLocale(locale: string | undefined | null): Language | undefined {
  if (!locale) return undefined;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'prs') return 'fa'; // Dari is written and read as Persian
  return isLanguage(primary) ? primary : undefined;
}
