import type { FaqTopic } from '../domain/faqTopics';
import type { Language } from '../domain/language';
import type { Logger } from '../logger';
import { answerField, FaqAnswerStore } from './faqAnswerStore';
import { ChangesChannel, StoreChanges } from './storeChanges';

/**
 * The edited answer texts this instance uses, kept equal to the store: read at start, after a change
 * here, and (with Redis) when another instance announces a change on the pub/sub channel, or after a
 * reconnect (an announcement may have been missed). The announcement carries nothing: each instance
 * reads the store itself. Reading is synchronous, so a turn never waits on Redis for an answer text.
 */
export class LiveFaqAnswers {
  private texts = new Map<string, string>();
  private readonly changes: StoreChanges;

  constructor(
    private readonly deps: {
      store: FaqAnswerStore;
      logger: Logger;
      /** Redis pub/sub: the publishing connection, a connection of its own to subscribe with, and the channel. */
      pubsub?: ChangesChannel;
    },
  ) {
    this.changes = new StoreChanges(() => this.read(), deps.logger, 'FAQ answer', deps.pubsub);
  }

  /** The edited text in use for this topic and language; undefined: the seed in locales/. */
  text(topic: FaqTopic, lang: Language): string | undefined {
    return this.texts.get(answerField(topic, lang));
  }

  /** Reads the store and uses what it holds now (on failure the texts in use stay). */
  refresh(): Promise<void> {
    return this.changes.reread();
  }

  private async read(): Promise<void> {
    try {
      const records = await this.deps.store.list();
      this.texts = new Map(records.flatMap((r) => (r.text === null ? [] : [[answerField(r.topic, r.lang), r.text] as const])));
    } catch (error) {
      this.deps.logger.warn({ err: { message: (error as Error).message } }, 'could not read the FAQ answers staff edited');
    }
  }

  /** After a change here: use it at once, and tell the other instances. */
  changed(): Promise<void> {
    return this.changes.changed();
  }

  close(): Promise<void> {
    return this.changes.close();
  }
}
