import type { Activity } from 'botbuilder';
import type { ConversationRef } from '../domain/handoff';
import type { DeliveryNote, HandoffMessageRef } from './deliveryNote';

/** The channel did not take the message (not a WhatsApp number, limits, a template that failed, …). */
export class DeliveryFailedError extends Error {
  constructor(
    readonly channelId: string,
    override readonly cause?: unknown,
  ) {
    super(`could not deliver a message on ${channelId}${cause instanceof Error ? `: ${cause.message}` : ''}`);
    this.name = 'DeliveryFailedError';
  }
}

/** Sends messages to a person in their own conversation, from whichever instance this is. */
export interface PersonMessenger {
  /**
   * Resolves with a note when the channel had to deliver another way (a WhatsApp template); rejects
   * with a DeliveryFailedError when the messages did not go out.
   */
  send(ref: ConversationRef, activities: Array<Partial<Activity> | string>, options?: SendOptions): Promise<{ note?: DeliveryNote }>;
}

export interface SendOptions {
  /** Part of a handoff: goes out while a mentor owns the conversation. */
  relay?: boolean;
  /** The handoff message these activities carry, for a channel that reports its delivery later. */
  message?: HandoffMessageRef;
}
