import type { Redis } from 'ioredis';
import { Config, translatorEnabled } from '../config';
import type { PersonDataHolder } from '../domain/personData';
import type { Logger } from '../logger';
import type { IdDigest } from '../storage/idDigest';
import { AzureMessageTranslator } from './azureMessageTranslator';
import { ConversationTranslation } from './conversationTranslation';
import { MessageTranslator, TRANSLATION_OFF } from './messageTranslator';
import { CachedTranslation, MemoryTranslationCache, RedisTranslationCache, TranslationOwner } from './translationCache';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Translation {
  service: ConversationTranslation;
  /** Erases a person's kept translations with the rest of their data. */
  holder: PersonDataHolder;
  /** A person's kept translations, for their data export. */
  kept(owner: TranslationOwner): Promise<CachedTranslation[]>;
}

/**
 * Azure AI Translator when the three TRANSLATOR_ settings are there, else translation off. Kept
 * translations last as long as transcripts (they are the same words), in Redis when it is configured.
 */
export function createTranslation(
  config: Config,
  deps: { redis?: Redis; digest: IdDigest; logger: Logger },
  options: { translator?: MessageTranslator; timeoutMs?: number } = {},
): Translation {
  const translator =
    options.translator ??
    (translatorEnabled(config)
      ? new AzureMessageTranslator({ key: config.TRANSLATOR_KEY!, region: config.TRANSLATOR_REGION!, endpoint: config.TRANSLATOR_ENDPOINT!, logger: deps.logger, timeoutMs: options.timeoutMs })
      : TRANSLATION_OFF);
  const ttlMs = config.TRANSCRIPT_RETENTION_DAYS * DAY_MS;
  const cache = deps.redis ? new RedisTranslationCache(deps.redis, { prefix: config.REDIS_KEY_PREFIX, ttlMs, digest: deps.digest }) : new MemoryTranslationCache(ttlMs);
  return {
    service: new ConversationTranslation({ translator, cache, digest: deps.digest }),
    holder: { erase: (person) => cache.erase(person) },
    kept: (owner) => cache.all(owner),
  };
}
