import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { UnansweredQuestions } from '../people/unansweredQuestions';
import type { LiveExamplesRecognizer } from './liveExamplesRecognizer';

/**
 * Keeps the recognizer's staff examples equal to the unanswered questions staff turned into examples:
 * at start, after a change on this instance, and (with Redis) when another instance announces one on
 * the pub/sub channel. The announcement carries nothing: each instance reads the store itself.
 */
export class StaffExamplesSync {
  private stopped = false;

  constructor(
    private readonly deps: {
      store: UnansweredQuestions;
      recognizer: LiveExamplesRecognizer;
      logger: Logger;
      /** Redis pub/sub: the publishing connection, a connection of its own to subscribe with, and the channel. */
      pubsub?: { publisher: Redis; subscriber: Redis; channel: string };
    },
  ) {
    const pubsub = deps.pubsub;
    if (!pubsub) return;
    pubsub.subscriber.on('message', (channel: string) => {
      if (channel === pubsub.channel) void this.refresh();
    });
    const subscribe = () =>
      pubsub.subscriber.subscribe(pubsub.channel).catch((error: Error) => {
        deps.logger.warn({ err: { message: error.message } }, 'could not subscribe to FAQ example changes yet; trying again when Redis is back');
      });
    void subscribe();
    // After a reconnect another instance's change may have been missed: read the store again.
    pubsub.subscriber.on('ready', () => void subscribe().then(() => this.refresh()));
  }

  /** Reads the store and uses what it holds now. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    try {
      const examples = (await this.deps.store.list()).flatMap((e) => (e.status === 'example' && e.topic ? [{ intent: e.topic, text: e.text, lang: e.lang }] : []));
      this.deps.recognizer.useStaffExamples(examples);
    } catch (error) {
      this.deps.logger.warn({ err: { message: (error as Error).message } }, 'could not read the FAQ examples staff added');
    }
  }

  /** After a change here: use it at once, and tell the other instances. */
  async changed(): Promise<void> {
    await this.refresh();
    await this.deps.pubsub?.publisher.publish(this.deps.pubsub.channel, 'changed');
  }

  async close(): Promise<void> {
    this.stopped = true;
    const subscriber = this.deps.pubsub?.subscriber;
    if (subscriber?.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
    else subscriber?.disconnect();
  }
}
