/** The languages the bot speaks, in the order they are offered. */
export const SUPPORTED_LANGUAGES = ['nl', 'en', 'ar', 'tr', 'fa', 'ti'] as const;

export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** Scripts written right to left; used where text direction matters (console, formatting). */
export const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>(['ar', 'fa']);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Maps a channel locale such as "ar-SA", "nl_NL" or "EN" to a supported language, if there is one. */
export function languageFromLocale(locale: string | undefined | null): Language | undefined {
  if (!locale) return undefined;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'prs') return 'fa'; // Dari is written and read as Persian
  return isLanguage(primary) ? primary : undefined;
}
