import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger, Pseudonymizer } from '../logger';
import type { PersonDataHolder } from '../domain/personData';
import { createRedisClient } from '../storage/redisClient';
import type { LiveExamplesRecognizer } from '../nlu/liveExamplesRecognizer';
import { StaffExamplesSync } from '../nlu/staffExamplesSync';
import { authorDigest, MemoryUnansweredQuestions, RedisUnansweredQuestions, UnansweredQuestions } from './unansweredQuestions';

export interface Unanswered {
  store: UnansweredQuestions;
  /** Erases a person's questions (examples included, and then the recognizer forgets them). */
  holder: PersonDataHolder;
  /** After staff changed the examples: re-index here and on every other instance. */
  examplesChanged(): Promise<void>;
  /** Resolves once the examples already in the store are in use. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The unanswered questions for staff, kept TRANSCRIPT_RETENTION_DAYS (in Redis when there is one),
 * and the recognizer kept in step with the examples made from them.
 */
export function createUnanswered(deps: { config: Config; redis?: Redis; logger: Logger; recognizer?: LiveExamplesRecognizer; pseudonym: Pseudonymizer }): Unanswered {
  const { config, redis, logger } = deps;
  const retentionMs = config.TRANSCRIPT_RETENTION_DAYS * 86400 * 1000;
  const store = redis ? new RedisUnansweredQuestions(redis, config.REDIS_KEY_PREFIX, retentionMs) : new MemoryUnansweredQuestions(retentionMs);
  const sync = deps.recognizer
    ? new StaffExamplesSync({
        store,
        recognizer: deps.recognizer,
        logger,
        pubsub:
          redis && config.REDIS_URL
            ? { publisher: redis, subscriber: createRedisClient({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER }, logger, 'faq-examples'), channel: `${config.REDIS_KEY_PREFIX}faq-examples` }
            : undefined,
      })
    : undefined;
  const started = sync?.refresh() ?? Promise.resolve();
  const examplesChanged = async () => void (await sync?.changed());
  return {
    store,
    holder: {
      erase: async (p) => {
        const author = authorDigest(deps.pseudonym, p.channelId, p.userId);
        if (author && (await store.eraseAuthor(author)) > 0) await examplesChanged();
      },
    },
    examplesChanged,
    ready: () => started,
    close: async () => sync?.close(),
  };
}
