import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** Redis pub/sub for one kind of change: the publishing connection, a connection of its own to subscribe with, and the channel. */
export interface ChangesChannel {
  publisher: Redis;
  subscriber: Redis;
  channel: string;
}

/**
 * Keeps what this instance holds equal to a store other instances change: `refresh` reads the store
 * at start, after a change here, when another instance announces one on the channel, and after a
 * reconnect (an announcement may have been missed). The announcement carries nothing: each instance
 * reads the store itself. Without Redis there is no other instance, and only changes here refresh.
 */
export class StoreChanges {
  private stopped = false;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly logger: Logger,
    /** What changes, in the log line when subscribing fails ("FAQ answer", "FAQ example"). */
    what: string,
    private readonly pubsub?: ChangesChannel,
  ) {
    if (!pubsub) return;
    pubsub.subscriber.on('message', (channel: string) => {
      if (channel === pubsub.channel) void this.reread();
    });
    const subscribe = () =>
      pubsub.subscriber.subscribe(pubsub.channel).catch((error: Error) => {
        logger.warn({ err: { message: error.message } }, `could not subscribe to ${what} changes yet; trying again when Redis is back`);
      });
    void subscribe();
    pubsub.subscriber.on('ready', () => void subscribe().then(() => this.reread()));
  }

  /** Reads the store again, unless closed. */
  async reread(): Promise<void> {
    if (!this.stopped) await this.refresh();
  }

  /** After a change here: use it at once, and tell the other instances. */
  async changed(): Promise<void> {
    await this.reread();
    await this.pubsub?.publisher.publish(this.pubsub.channel, 'changed');
  }

  async close(): Promise<void> {
    this.stopped = true;
    const subscriber = this.pubsub?.subscriber;
    if (subscriber?.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
    else subscriber?.disconnect();
  }
}
