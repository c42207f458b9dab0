import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationRef } from '../domain/handoff';
import { DELIVERY_NOTE, DeliveryNote, markHandoffMessage } from '../handoff/deliveryNote';
import { DeliveryFailedError, PersonMessenger, SendOptions } from '../handoff/personMessenger';
import { markRelay } from './relayMark';

/** Something that can start a turn in a stored conversation (CloudAdapter, the WhatsApp adapter, …). */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
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
