import { MemoryTranscriptStore, TranscriptLoggerMiddleware, TranscriptStore, Storage } from 'botbuilder';
import type { Redis } from 'ioredis';
import { RedisTranscriptStore } from '../storage/redisTranscriptStore';
import { ConsentedTranscriptLogger } from './consentedTranscriptLogger';
import type { PersonDataHolder } from './personEraser';

export interface Transcripts {
  store: TranscriptStore;
  middleware: TranscriptLoggerMiddleware;
  /** Erases a person's transcripts (every conversation they had). */
  holder: PersonDataHolder;
}

/** Transcript logging with Bot Framework's own middleware, into Redis or memory, for consenting people only. */
export function createTranscripts(deps: { storage: Storage; redis?: Redis; prefix: string; retentionDays: number }): Transcripts {
  const store: TranscriptStore = deps.redis
    ? new RedisTranscriptStore(deps.redis, deps.prefix, deps.retentionDays * 24 * 60 * 60)
    : new MemoryTranscriptStore();
  const logger = new ConsentedTranscriptLogger(store, deps.storage);
  return {
    store,
    middleware: new TranscriptLoggerMiddleware(logger),
    holder: {
      erase: async (person) => {
        logger.forget(person.channelId, person.userId);
        for (const conversationId of person.conversationIds) await store.deleteTranscript(person.channelId, conversationId);
      },
    },
  };
}
