import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Translator } from '../i18n/translator';
import { withEditedAnswers } from '../i18n/editedAnswers';
import { createRedisClient } from './redisClient';
import { FaqAnswerStore, MemoryFaqAnswerStore } from './faqAnswerStore';
import { RedisFaqAnswerStore } from './redisFaqAnswerStore';
import { LiveFaqAnswers } from './liveFaqAnswers';

export interface FaqAnswers {
  store: FaqAnswerStore;
  /** The seed translator with the edited answers in place: what the bot speaks with. */
  translator: Translator;
  /** After a change: use it here at once and on every other instance. */
  changed(): Promise<void>;
  /** Resolves once the edited answers already stored are in use. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The staff-edited FAQ answers (in Redis when there is one), live on every instance. */
export function createFaqAnswers(deps: { config: Config; redis?: Redis; logger: Logger; translator: Translator }): FaqAnswers {
  const { config, redis, logger } = deps;
  const store: FaqAnswerStore = redis ? new RedisFaqAnswerStore(redis, config.REDIS_KEY_PREFIX) : new MemoryFaqAnswerStore();
  const live = new LiveFaqAnswers({
    store,
    logger,
    pubsub:
      redis && config.REDIS_URL
        ? { publisher: redis, subscriber: createRedisClient({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER }, logger, 'faq-answers'), channel: `${config.REDIS_KEY_PREFIX}faq-answers` }
        : undefined,
  });
  const started = live.refresh();
  return {
    store,
    translator: withEditedAnswers(deps.translator, live),
    changed: () => live.changed(),
    ready: () => started,
    close: () => live.close(),
  };
}
