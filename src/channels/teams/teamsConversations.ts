import type { Activity, BotAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import type { MentorChannel } from './mentorChannelStore';
import { TEAMS_CHANNEL } from './teamsRendering';

/** The CloudAdapter as this module uses it: proactive turns in a stored conversation. */
export interface TeamsAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** The part of botframework-connector's ConnectorClient used here. */
interface Conversations {
  conversations: {
    createConversation(parameters: ConversationParameters): Promise<{ id?: string; activityId?: string }>;
  };
}

/** A mentor's Teams user and where to reach them. */
export interface TeamsUser {
  /** The Teams user id (29:…). */
  id: string;
  aadObjectId?: string;
  tenantId?: string;
  serviceUrl: string;
  /** The bot's account in that tenant (28:<app id>). */
  bot: { id: string; name?: string };
}

/**
 * Posts, updates and sends in Teams conversations through the CloudAdapter, from any instance.
 *
 * New channel threads and personal chats are made with the Bot Connector's createConversation, the
 * request TeamsInfo.sendMessageToTeamsChannel makes, called on the connector of a proactive turn:
 * with the CloudAdapter, TeamsInfo hands back the new conversation id where the activity id belongs
 * (it reads the id of botbuilder's synthetic "CreateConversation" activity) and needs an app id,
 * while updating the card later needs the activity id Teams returns.
 */
export class TeamsConversations {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botAppId: string,
  ) {}

  /** Starts a new thread in the channel with `activity`; returns where it lives, for updates. */
  async postToChannel(channel: MentorChannel, activity: Partial<Activity>): Promise<{ reference: Partial<ConversationReference>; activityId: string }> {
    const base = channelReference(channel, channel.channelId);
    let created: { id?: string; activityId?: string } = {};
    await this.adapter.continueConversationAsync(this.botAppId, base, async (context) => {
      created = await connectorOf(context).conversations.createConversation({
        isGroup: true,
        bot: { id: channel.bot.id, name: channel.bot.name ?? '' },
        tenantId: channel.tenantId,
        channelData: { channel: { id: channel.channelId }, ...(channel.tenantId ? { tenant: { id: channel.tenantId } } : {}) },
        activity: activity as Activity,
      });
    });
    if (!created.id || !created.activityId) throw new Error('TeamsConversations.postToChannel(): the connector returned no conversation or activity id');
    return { reference: channelReference(channel, created.id), activityId: created.activityId };
  }

  /** Replaces a posted activity (a card) for everyone who sees it. */
  async update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  }

  /** Opens (or, as Teams does for an existing pair, returns) the personal chat between the bot and a user. */
  async openPersonalChat(user: TeamsUser): Promise<Partial<ConversationReference>> {
    const base: Partial<ConversationReference> = {
      channelId: TEAMS_CHANNEL,
      serviceUrl: user.serviceUrl,
      conversation: { id: user.id, isGroup: false, conversationType: 'personal', tenantId: user.tenantId, name: '' },
      user: { id: user.id, name: '', aadObjectId: user.aadObjectId },
      bot: { id: user.bot.id, name: user.bot.name ?? '' },
    };
    let created: { id?: string } = {};
    await this.adapter.continueConversationAsync(this.botAppId, base, async (context) => {
      created = await connectorOf(context).conversations.createConversation({
        isGroup: false,
        bot: { id: user.bot.id, name: user.bot.name ?? '' },
        members: [{ id: user.id, name: '' }],
        tenantId: user.tenantId,
        channelData: user.tenantId ? { tenant: { id: user.tenantId } } : {},
      });
    });
    if (!created.id) throw new Error('TeamsConversations.openPersonalChat(): the connector returned no conversation id');
    return { ...base, conversation: { ...base.conversation!, id: created.id } };
  }

  /** Sends activities in a stored conversation. */
  async send(reference: Partial<ConversationReference>, activities: Array<Partial<Activity>>): Promise<void> {
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.sendActivities(activities);
    });
  }
}

/** A reference into the channel (or one of its threads). The bot stands in as the user: there is no person in a post. */
function channelReference(channel: MentorChannel, conversationId: string): Partial<ConversationReference> {
  const bot = { id: channel.bot.id, name: channel.bot.name ?? '' };
  return {
    channelId: TEAMS_CHANNEL,
    serviceUrl: channel.serviceUrl,
    conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: channel.tenantId, name: '' },
    bot,
    user: bot,
  };
}

function connectorOf(context: TurnContext): Conversations {
  const adapter = context.adapter as BotAdapter;
  const client = context.turnState.get<Conversations | undefined>(adapter.ConnectorClientKey);
  if (!client) throw new Error('TeamsConversations: the turn has no connector client');
  return client;
}
