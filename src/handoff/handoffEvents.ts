import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { HandoffMessage, HandoffStatus } from '../domain/handoff';
import type { Logger } from '../logger';

/**
 * 'delivery': a message already kept changed how it was delivered (a mentor message that did not arrive).
 * 'transferred': the mentor handed the person to a colleague (mentorId: the new mentor; previousMentorId: the one before).
 * 'erased': the person's data was erased; the handoff is gone (an open console closes it).
 * 'talk-notice': not a handoff's: a mentor has a new notice about their talk slots (a booking, a
 * cancellation); id: the slot, mentorId: its owner. It rides this bus because the bus already reaches
 * every instance and every open console; only the owner's console hears it, and it carries nothing more.
 */
export type HandoffEventType = 'new' | 'claimed' | 'transferred' | 'released' | 'closed' | 'abandoned' | 'message' | 'delivery' | 'rated' | 'erased' | 'talk-notice';

/** What happened to a handoff; every instance and every open console hears it. */
export interface HandoffEvent {
  type: HandoffEventType;
  id: string;
  at: string;
  status?: HandoffStatus;
  mentorId?: string;
  /** For "transferred": the mentor who handed the person on (their console follows too). */
  previousMentorId?: string;
  /** For "message" and "delivery": the message itself, so consoles can show it without asking. */
  message?: HandoffMessage;
}

export type HandoffListener = (event: HandoffEvent) => void;

/** Publish/subscribe for handoff events: memory (one process) or Redis pub/sub (all instances). */
export interface HandoffEvents {
  publish(event: HandoffEvent): Promise<void>;
  /** Starts listening; returns the function that stops it. */
  subscribe(listener: HandoffListener): () => void;
  close(): Promise<void>;
}

export class MemoryHandoffEvents implements HandoffEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: HandoffEvent): Promise<void> {
    this.emitter.emit('event', event);
  }

  subscribe(listener: HandoffListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Redis pub/sub on one channel. The subscriber needs a connection of its own (a subscribed
 * connection can do nothing else). An event that
 * arrives while an instance is down is not replayed: state lives in the queue, events only say "look".
 */
export class RedisHandoffEvents implements HandoffEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly ready: Promise<unknown>;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    logger: Logger,
  ) {
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== this.channel) return;
      try {
        this.emitter.emit('event', JSON.parse(payload) as HandoffEvent);
      } catch (error) {
        logger.warn({ err: { message: (error as Error).message } }, 'ignored a handoff event that is not JSON');
      }
    });
    const subscribe = () =>
      this.subscriber.subscribe(this.channel).catch((error: Error) => {
        logger.warn({ err: { message: error.message } }, 'could not subscribe to handoff events yet; trying again when Redis is back');
      });
    this.ready = subscribe();
    // ioredis re-subscribes after a reconnect only what it had subscribed; a first attempt that failed is repeated here.
    this.subscriber.on('ready', () => void subscribe());
  }

  async publish(event: HandoffEvent): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(event));
  }

  subscribe(listener: HandoffListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Resolves once the subscription is in place (tests wait for it before publishing). */
  whenSubscribed(): Promise<unknown> {
    return this.ready;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
