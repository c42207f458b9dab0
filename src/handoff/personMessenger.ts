import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationRef } from '../domain/handoff';
import { markRelay } from '../bot/relayMark';
import { DELIVERY_NOTE, DeliveryNote, HandoffMessageRef, markHandoffMessage } from '../bot/deliveryNote';

/** Something that can start a turn in a stored conversation (CloudAdapter, the WhatsApp adapter, …). */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

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

/** Picks the adapter by the conversation's channel; Bot Framework channels share the CloudAdapter. */
export class ProactiveMessenger implements PersonMessenger {
  constructor(
    private readonly adapters: { default: ProactiveAdapter; byChannel?: Record<string, ProactiveAdapter> },
    private readonly botAppId: string,
  ) {}

  async send(ref: ConversationRef, activities: Array<Partial<Activity> | string>, options: SendOptions = {}): Promise<{ note?: DeliveryNote }> {
    const adapter = this.adapters.byChannel?.[ref.channelId] ?? this.adapters.default;
    let note: DeliveryNote | undefined;
    let sent = false;
    let failure: { error: unknown } | undefined;
    try {
      await adapter.continueConversationAsync(this.botAppId, ref as unknown as Partial<ConversationReference>, async (context) => {
        // Caught here rather than left to the adapter's onTurnError, which would answer the person
        // "something went wrong" in a turn they did not start, and would not tell the caller.
        try {
          for (const item of activities) {
            const activity: Partial<Activity> = typeof item === 'string' ? { type: 'message', text: item } : { ...item };
            if (options.message) markHandoffMessage(activity, options.message);
            await context.sendActivity(options.relay ? markRelay(activity) : activity);
          }
          note = context.turnState.get(DELIVERY_NOTE);
          sent = true;
        } catch (error) {
          failure = { error };
        }
      });
    } catch (error) {
      failure ??= { error };
    }
    if (failure) throw new DeliveryFailedError(ref.channelId, failure.error);
    // The turn's middleware failed before the messages were sent (its onTurnError logged why).
    if (!sent) throw new DeliveryFailedError(ref.channelId);
    return { note };
  }
}
