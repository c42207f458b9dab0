import type { Logger } from '../logger';
import type { UnansweredQuestions } from '../people/unansweredQuestions';
import type { LiveExamplesRecognizer } from './liveExamplesRecognizer';
import { ChangesChannel, StoreChanges } from '../storage/storeChanges';

/**
 * Keeps the recognizer's staff examples equal to the unanswered questions staff turned into examples:
 * at start, after a change on this instance, and (with Redis) when another instance announces one on
 * the pub/sub channel. The announcement carries nothing: each instance reads the store itself.
 */
export class StaffExamplesSync {
  private readonly changes: StoreChanges;

  constructor(
    private readonly deps: {
      store: UnansweredQuestions;
      recognizer: LiveExamplesRecognizer;
      logger: Logger;
      /** Redis pub/sub: the publishing connection, a connection of its own to subscribe with, and the channel. */
      pubsub?: ChangesChannel;
    },
  ) {
    this.changes = new StoreChanges(() => this.read(), deps.logger, 'FAQ example', deps.pubsub);
  }

  /** Reads the store and uses what it holds now. */
  refresh(): Promise<void> {
    return this.changes.reread();
  }

  private async read(): Promise<void> {
    try {
      const examples = (await this.deps.store.list()).flatMap((e) => (e.status === 'example' && e.topic ? [{ intent: e.topic, text: e.text, lang: e.lang }] : []));
      this.deps.recognizer.useStaffExamples(examples);
    } catch (error) {
      this.deps.logger.warn({ err: { message: (error as Error).message } }, 'could not read the FAQ examples staff added');
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
