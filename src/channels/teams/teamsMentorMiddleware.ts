import { ActivityTypes, TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { Activity, InvokeResponse, Middleware } from 'botbuilder';
import type { Account, AccountStore } from '../../accounts/accountStore';
import type { Logger } from '../../logger';
import { ACCEPT_VERB } from './handoffCardContent';
import { TEAMS_CHANNEL } from './teamsRendering';
import type { MentorChannelActions } from './mentorChannelActions';
import type { MentorChats } from './mentorChats';
import type { TeamsLinkRequests } from '../../accounts/teamsLinkRequests';
import type { Translator } from '../../i18n/translator';
import { isLanguage, type Language } from '../../i18n/languages';
import { MentorTexts } from './handoffCardContent';

/** What a mentor types to the bot in Teams to ask an admin to link their Teams user: "link me" (or "/link-me"). */
const LINK_ME = /^\/?link[\s-]?me[.!]?$/i;

const CARD_ACTION_INVOKE = 'adaptiveCard/action';
const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface TeamsMentorMiddlewareDeps {
  /** Read at turn time: the account store is made after the middleware. */
  accounts: () => AccountStore;
  actions: MentorChannelActions;
  chats: MentorChats;
  logger: Logger;
  /** Where "link me" from a Teams user who is not linked yet goes (the accounts page lists them). */
  linkRequests?: TeamsLinkRequests;
  translator?: Translator;
  defaultLanguage?: Language;
}

/**
 * Takes the Teams traffic that belongs to mentors before the newcomer side sees it: everything in
 * team channels (the mentors' channel: "/mentors-here", Accept on a handoff card), and everything a
 * linked mentor (a console account linked by Entra object id) sends in their personal chat with the
 * bot. What it takes goes no further (no next()): it never reaches the newcomer dialogs. The rest of
 * Teams, and every other channel, passes through untouched.
 */
export class TeamsMentorMiddleware implements Middleware {
  constructor(private readonly deps: TeamsMentorMiddlewareDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    // Events pass: the proactive turns this module and others run (posting a card, writing to a mentor) are events.
    if (activity.channelId !== TEAMS_CHANNEL || activity.type === ActivityTypes.Event) return next();
    // A mentor's actions (choosing the channel, Accept, writing to a newcomer) act on other people's
    // conversations: never on an activity nobody vouched for. /api/messages already refuses Teams
    // traffic without an app id; this holds even if a route to here is added later.
    if (!isAuthenticatedTurn(context)) {
      this.deps.logger.warn({ channel: TEAMS_CHANNEL }, 'unauthenticated Teams activity ignored');
      return;
    }
    const acceptInvoke = activity.type === ActivityTypes.Invoke && activity.name === CARD_ACTION_INVOKE && acceptOfInvoke(activity.value) !== undefined;
    if (acceptInvoke) return this.onCardAction(context);
    const scope = activity.conversation?.conversationType;
    if (scope === 'channel') return this.inChannel(context);
    if (scope !== 'personal' || !activity.from?.aadObjectId) return next();
    const account = await this.accountOf(activity);
    if (!account && activity.type === ActivityTypes.Message && LINK_ME.test((activity.text ?? '').trim()) && this.deps.linkRequests && this.deps.translator) {
      return this.onLinkMe(context);
    }
    if (!account) return next();
    return this.inPersonalChat(context, account);
  }

  private async inChannel(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message) {
      const account = await this.accountOf(activity);
      const accept = acceptOf(activity.value);
      if (accept) {
        // Action.Submit, on clients without Universal Actions: the answer goes in the thread.
        const answer = await this.deps.actions.accept(activity, account, accept);
        // Plain text: the answer may carry the newcomer's name, which is no Markdown of ours.
        await context.sendActivity({ type: 'message', text: answer.text, textFormat: 'plain' });
        return;
      }
      await context.sendActivity({ type: 'message', text: await this.deps.actions.onChannelMessage(activity, account) });
      return;
    }
    if (activity.type === ActivityTypes.ConversationUpdate && activity.membersAdded?.some((m) => m.id === activity.recipient?.id)) {
      await context.sendActivity({ type: 'message', text: await this.deps.actions.introduction() });
    }
    if (activity.type === ActivityTypes.Invoke) {
      const error = { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'this action is not known here' } };
      await this.respond(context, activity.name === CARD_ACTION_INVOKE ? { status: 200, body: error } : { status: 200 });
    }
    // Nothing else in a team channel is for the newcomer side.
  }

  private async inPersonalChat(context: TurnContext, account: Account): Promise<void> {
    const { activity } = context;
    await this.deps.chats.remember(account, TurnContext.getConversationReference(activity));
    const locale = this.deps.chats.languageOf(account);
    if (activity.type === ActivityTypes.Message) {
      const replies = await this.deps.chats.onMessage(account, activity);
      if (replies.length > 0) await context.sendActivities(replies.map((r) => (typeof r === 'string' ? { type: 'message', text: r, locale } : { locale, ...r })));
      return;
    }
    // Installed: Teams sends this and an installationUpdate "add"; greeting on this one alone greets once.
    const installed = activity.type === ActivityTypes.ConversationUpdate && activity.membersAdded?.some((m) => m.id === activity.recipient?.id);
    if (installed) {
      await context.sendActivity({ type: 'message', text: this.deps.chats.texts(account).t('chat.welcome', { name: account.firstName }), locale });
    }
    if (activity.type === ActivityTypes.Invoke) await this.respond(context, { status: 200 });
  }

  /** "link me" from a Teams user no account has: kept for an admin, who sees the name on the accounts page. */
  private async onLinkMe(context: TurnContext): Promise<void> {
    const { activity } = context;
    const name = (activity.from.name ?? '').slice(0, 100);
    await this.deps.linkRequests!.add({ aadObjectId: activity.from.aadObjectId!, name, at: new Date().toISOString() });
    const asked = (activity.locale ?? '').slice(0, 2).toLowerCase();
    const language = isLanguage(asked) ? asked : (this.deps.defaultLanguage ?? 'nl');
    await context.sendActivity({ type: 'message', text: new MentorTexts(this.deps.translator!, language).t('chat.linkRequested', { name }), locale: language, textFormat: 'plain' });
  }

  /** Action.Execute on a handoff card: the answer is the card the person who pressed sees (Universal Actions). */
  private async onCardAction(context: TurnContext): Promise<void> {
    const { activity } = context;
    const answer = await this.deps.actions.accept(activity, await this.accountOf(activity), acceptOfInvoke(activity.value)!);
    await this.respond(context, { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: answer.card } });
  }

  private async respond(context: TurnContext, value: InvokeResponse): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value, locale: context.activity.locale });
  }

  private async accountOf(activity: Activity): Promise<Account | undefined> {
    const aad = activity.from?.aadObjectId;
    return aad ? this.deps.accounts().byTeamsAadObjectId(aad) : undefined;
  }
}

/** True when the turn came with a verified Bot Framework token for this bot (its claims name an audience). */
function isAuthenticatedTurn(context: TurnContext): boolean {
  const identity = context.turnState.get<ClaimsIdentity | undefined>(context.adapter.BotIdentityKey);
  return !!identity?.isAuthenticated && !!identity.getClaimValue(AuthenticationConstants.AudienceClaim);
}

/** The handoff id of an Accept sent as Action.Execute (the adaptiveCard/action invoke's value.action). */
function acceptOfInvoke(value: unknown): string | undefined {
  const action = (value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)?.action;
  return action?.verb === ACCEPT_VERB ? handoffIdOf(action.data) : undefined;
}

/** The handoff id of an Accept sent as Action.Submit (the fallback's data arrives as the message's value). */
function acceptOf(value: unknown): string | undefined {
  const data = value as { verb?: unknown } | undefined;
  return data?.verb === ACCEPT_VERB ? handoffIdOf(data) : undefined;
}

function handoffIdOf(data: unknown): string | undefined {
  const id = (data as { handoffId?: unknown } | undefined)?.handoffId;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : undefined;
}
