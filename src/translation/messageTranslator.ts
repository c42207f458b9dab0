import type { Language } from '../i18n/languages';

/** Why a translation is not there; the console says which, and the mentor chooses what to do. */
export type TranslationFailure = 'off' | 'timeout' | 'failed';

/** One text translated: `from` is the language the service detected (or was told). */
export interface TranslatedText {
  text: string;
  from?: string;
}

export type Translation = { ok: true; items: TranslatedText[] } | { ok: false; reason: TranslationFailure };

/**
 * Translates people's messages between the newcomer's and the mentor's language (machine translation).
 * Never throws: a failure is a value, for the whole batch, so nothing half-translated is ever shown or
 * sent. `items` has one entry per text, in order.
 */
export interface MessageTranslator {
  /** False when no translation service is configured: the console says translation is off. */
  readonly enabled: boolean;
  /** `from` unset: the service detects each text's language (people mix languages). */
  translate(texts: readonly string[], to: Language, from?: Language): Promise<Translation>;
}

/** No translation service configured. */
export const TRANSLATION_OFF: MessageTranslator = {
  enabled: false,
  translate: async () => ({ ok: false, reason: 'off' }),
};

/**
 * Languages whose machine translation is markedly less reliable: the console says so beside every
 * translation from or into them. Tigrinya has far less training text than the others.
 */
export const LOWER_QUALITY_LANGUAGES: ReadonlySet<string> = new Set(['ti']);
