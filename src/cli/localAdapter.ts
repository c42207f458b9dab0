import { Activity, ActivityTypes, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';
import { SelfHostedAdapter } from '../bot/selfHostedAdapter';

export interface LocalAdapterOptions {
  channelId?: string;
  userId?: string;
  conversationId?: string;
  locale?: string;
  /** Receives every message the bot sends. */
  onReply: (activity: Partial<Activity>) => void | Promise<void>;
}

/**
 * A Bot Framework adapter for one person in a local process (the terminal chat): turns typed lines
 * into message activities and hands the bot's replies to a callback. No server, no cloud.
 */
export class LocalAdapter extends SelfHostedAdapter {
  private counter = 0;
  readonly reference: Partial<ConversationReference>;

  constructor(private readonly options: LocalAdapterOptions) {
    super();
    this.reference = {
      channelId: options.channelId ?? 'terminal',
      serviceUrl: 'local://terminal',
      user: { id: options.userId ?? 'terminal-user', name: 'You' },
      bot: { id: 'vit-bot', name: 'VIT Wegwijzer' },
      conversation: { id: options.conversationId ?? 'terminal', isGroup: false, conversationType: 'personal', name: '' },
      locale: options.locale,
    };
  }

  /** Runs one turn for an incoming activity (a typed line, or the conversation starting). */
  async receive(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const incoming = TurnContext.applyConversationReference(
      { id: `local-${++this.counter}`, timestamp: new Date(), ...activity },
      this.reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, incoming), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Message) await this.options.onReply(activity);
      responses.push({ id: `local-reply-${++this.counter}` });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('LocalAdapter.updateActivity(): a terminal cannot change a message already shown');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('LocalAdapter.deleteActivity(): a terminal cannot remove a message already shown');
  }
}
