/** The languages the bot speaks, in the order they are offered. */
export const SUPPORTED_LANGUAGES = ['nl', 'en', 'ar', 'tr', 'fa', 'ti'] as const;

export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}
