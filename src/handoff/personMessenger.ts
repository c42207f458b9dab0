import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationRef } from '../domain/handoff';
import { markRelay } from '../bot/relayMark';
import { DELIVERY_NOTE, DeliveryNote } from '../bot/deliveryNote';

/** Something that can start a turn in a stored conversation (CloudAdapter, the WhatsApp adapter, …). */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** Sends messages to a person in their own conversation, from whichever instance this is. */
export interface PersonMessenger {
  /** Resolves with a note when the channel had to deliver another way (a WhatsApp template). */
  send(ref: ConversationRef, activities: Array<Partial<Activity> | string>, options?: { relay?: boolean }): Promise<{ note?: DeliveryNote }>;
}

/** Picks the adapter by the conversation's channel; Bot Framework channels share the CloudAdapter. */
export class ProactiveMessenger implements PersonMessenger {
  constructor(
    private readonly adapters: { default: ProactiveAdapter; byChannel?: Record<string, ProactiveAdapter> },
    private readonly botAppId: string,
  ) {}

  async send(ref: ConversationRef, activities: Array<Partial<Activity> | string>, options: { relay?: boolean } = {}): Promise<{ note?: DeliveryNote }> {
    const adapter = this.adapters.byChannel?.[ref.channelId] ?? this.adapters.default;
    let note: DeliveryNote | undefined;
    await adapter.continueConversationAsync(this.botAppId, ref as unknown as Partial<ConversationReference>, async (context) => {
      for (const item of activities) {
        const activity: Partial<Activity> = typeof item === 'string' ? { type: 'message', text: item } : { ...item };
        await context.sendActivity(options.relay ? markRelay(activity) : activity);
      }
      note = context.turnState.get(DELIVERY_NOTE);
    });
    return { note };
  }
}
