import { languageFromLocale, type Language } from '../i18n/languages';
import type { IdDigest } from '../storage/idDigest';
import { LOWER_QUALITY_LANGUAGES, type MessageTranslator, type TranslationFailure } from './messageTranslator';
import { CachedTranslation, TranslationCache, translationName, TranslationOwner } from './translationCache';

/** A message of the person's, as the console asks for its translation. */
export interface MessageToTranslate {
  at: string;
  text: string;
}

/** A person's message in the mentor's language ('same-language': it was written in it already). */
export interface IncomingTranslation {
  at: string;
  /** The text that was translated, so the console finds its message. */
  source: string;
  status: 'translated' | 'same-language';
  text?: string;
  from?: string;
  lowerQuality: boolean;
}

export type IncomingResult = { ok: true; items: IncomingTranslation[] } | { ok: false; reason: TranslationFailure };

export type ReplyPreview =
  | { ok: true; text: string; from?: string; sameLanguage: boolean; lowerQuality: boolean }
  | { ok: false; reason: TranslationFailure };

/** The most of a person's messages translated in one go (the newest). */
const MAX_MESSAGES = 200;

/**
 * Two-way translation for a mentor's conversation: the person's messages into the mentor's language,
 * and the mentor's reply into the person's, each translation kept (see TranslationCache) so it is
 * made once, and a reply goes out exactly as the mentor saw it previewed.
 */
export class ConversationTranslation {
  constructor(private readonly deps: { translator: MessageTranslator; cache: TranslationCache; digest: IdDigest }) {}

  get enabled(): boolean {
    return this.deps.translator.enabled;
  }

  /**
   * The person's messages in language `to`. The service detects each message's language (people mix
   * languages), except for Tigrinya, which it is told: its script is shared with Amharic.
   */
  async incoming(owner: TranslationOwner, personLanguage: Language, messages: readonly MessageToTranslate[], to: Language): Promise<IncomingResult> {
    const wanted = messages.filter((m) => m.text.trim() !== '').slice(-MAX_MESSAGES);
    const from = personLanguage === 'ti' ? personLanguage : undefined;
    const names = wanted.map((m) => translationName(this.deps.digest, 'message', `${from ?? ''}>${to}`, m.text));
    const known = await this.deps.cache.get(owner, names);
    const missing = [...new Set(wanted.map((m, i) => (known.has(names[i]) ? undefined : m.text)).filter((t): t is string => t !== undefined))];
    if (missing.length > 0) {
      const result = await this.deps.translator.translate(missing, to, from);
      if (!result.ok) return result;
      const made: Array<[string, CachedTranslation]> = missing.map((text, i) => [translationName(this.deps.digest, 'message', `${from ?? ''}>${to}`, text), result.items[i]]);
      await this.deps.cache.put(owner, made);
      for (const [name, value] of made) known.set(name, value);
    }
    return {
      ok: true,
      items: wanted.map((m, i) => {
        const found = known.get(names[i])!;
        const source = found.from ?? from;
        const same = source !== undefined && languageFromLocale(source) === to;
        return {
          at: m.at,
          source: m.text,
          status: same ? 'same-language' : 'translated',
          ...(same ? {} : { text: found.text }),
          ...(source ? { from: source } : {}),
          lowerQuality: !same && (LOWER_QUALITY_LANGUAGES.has(source ?? personLanguage) || LOWER_QUALITY_LANGUAGES.has(to)),
        };
      }),
    };
  }

  /** The mentor's reply in the person's language, kept for the send that follows (see keptReply). */
  async previewReply(owner: TranslationOwner, text: string, to: Language): Promise<ReplyPreview> {
    const name = translationName(this.deps.digest, 'reply', to, text);
    let found = (await this.deps.cache.get(owner, [name])).get(name);
    if (!found) {
      const result = await this.deps.translator.translate([text], to);
      if (!result.ok) return result;
      found = result.items[0];
      await this.deps.cache.put(owner, [[name, found]]);
    }
    const sameLanguage = found.from !== undefined && languageFromLocale(found.from) === to;
    return { ok: true, text: sameLanguage ? text : found.text, from: found.from, sameLanguage, lowerQuality: !sameLanguage && (LOWER_QUALITY_LANGUAGES.has(to) || LOWER_QUALITY_LANGUAGES.has(found.from ?? '')) };
  }

  /** The translation a preview made of exactly this reply into `to`; undefined when there is none (never previewed, expired, erased). */
  async keptReply(owner: TranslationOwner, text: string, to: Language): Promise<CachedTranslation | undefined> {
    const name = translationName(this.deps.digest, 'reply', to, text);
    return (await this.deps.cache.get(owner, [name])).get(name);
  }
}
