import { MemoryTranscriptStore, TranscriptLoggerMiddleware, TranscriptStore, Storage } from 'botbuilder';
import type { Redis } from 'ioredis';
import { RedisTranscriptStore } from '../storage/redisTranscriptStore';
import type { IdDigest } from '../storage/idDigest';
import { ConsentedTranscriptLogger } from './consentedTranscriptLogger';
import type { PersonDataHolder } from '../domain/personData';
import { MemoryTranscriptCatalog, RedisTranscriptCatalog, TranscriptCatalog } from '../storage/transcriptCatalog';

export interface Transcripts {
  store: TranscriptStore;
  catalog: TranscriptCatalog;
  middleware: TranscriptLoggerMiddleware;
  /** Erases a person's transcripts (every conversation they had). */
  holder: PersonDataHolder;
}

/** Transcript logging with Bot Framework's own middleware, into Redis or memory, for consenting people only. */
export function createTranscripts(deps: { storage: Storage; redis?: Redis; prefix: string; retentionDays: number; digest: IdDigest }): Transcripts {
  const retentionSeconds = deps.retentionDays * 24 * 60 * 60;
  const store: TranscriptStore = deps.redis ? new RedisTranscriptStore(deps.redis, deps.prefix, retentionSeconds, deps.digest) : new MemoryTranscriptStore();
  const catalog: TranscriptCatalog = deps.redis
    ? new RedisTranscriptCatalog(deps.redis, deps.prefix, retentionSeconds, deps.digest)
    : new MemoryTranscriptCatalog(retentionSeconds * 1000);
  const logger = new ConsentedTranscriptLogger(store, deps.storage, catalog);
  return {
    store,
    catalog,
    middleware: new TranscriptLoggerMiddleware(logger),
    holder: {
      erase: async (person) => {
        logger.forget(person.channelId, person.userId);
        for (const conversationId of person.conversationIds) {
          await store.deleteTranscript(person.channelId, conversationId);
          await catalog.remove(person.channelId, conversationId);
        }
      },
    },
  };
}
