import { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { Account, Role } from '../../accounts/accountStore';
import type { HandoffService } from '../../handoff/handoffService';
import type { Language } from '../../i18n/languages';
import type { Translator } from '../../i18n/translator';
import type { Logger } from '../../logger';
import { escapeCardMarkdown } from './cardMarkdown';
import { AdaptiveCard, MentorTexts, noticeCard } from './handoffCardContent';
import type { HandoffCards } from './handoffCards';
import type { MentorChannelStore } from './mentorChannelStore';
import type { MentorChats } from './mentorChats';
import { parseMentorCommand } from './mentorCommands';
import type { TeamsUser } from './teamsConversations';

/** Console roles that may take a conversation, as in the console. */
const TALKERS: readonly Role[] = ['mentor', 'admin'];

export interface MentorChannelActionsDeps {
  handoffs: HandoffService;
  cards: HandoffCards;
  chats: MentorChats;
  store: MentorChannelStore;
  translator: Translator;
  defaultLanguage: Language;
  logger: Logger;
  /** Runs the take within the mentor's cap, as the console does ('at-capacity': refused; 'busy': another take of theirs is under way). */
  withinCap?: <T>(account: Account, take: () => Promise<T>) => Promise<T | 'at-capacity' | 'busy'>;
}

/** The answer to an Accept: a card for the person who pressed it, or a line of text on older clients. */
export interface AcceptAnswer {
  card: AdaptiveCard;
  text: string;
}

/** The Teams user behind an activity, and where to reach them. */
export function teamsUserOf(activity: Activity): TeamsUser {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return {
    id: activity.from.id,
    aadObjectId: activity.from.aadObjectId,
    tenantId: channelData?.tenant?.id ?? activity.conversation?.tenantId,
    serviceUrl: activity.serviceUrl,
    bot: { id: activity.recipient.id, name: activity.recipient.name },
  };
}

/** What people do in the mentors' channel: an admin chooses it ("/mentors-here"), mentors press Accept. */
export class MentorChannelActions {
  constructor(private readonly deps: MentorChannelActionsDeps) {}

  /** A message in a team channel (the bot was @mentioned): a command, or else a short explanation. */
  async onChannelMessage(activity: Activity, account: Account | undefined): Promise<string> {
    const texts = await this.textsFor(account);
    const text = activity.text ? TurnContext.removeRecipientMention(activity) : '';
    if (parseMentorCommand(text)?.name !== 'mentors-here') return texts.t('channel.help');
    if (!account || account.disabled || account.role !== 'admin') return texts.t('channel.notAdmin');
    const channelData = activity.channelData as { channel?: { id?: string }; team?: { id?: string }; teamsChannelId?: string; tenant?: { id?: string } } | undefined;
    const channelId = channelData?.channel?.id ?? channelData?.teamsChannelId ?? activity.conversation.id.split(';')[0];
    await this.deps.store.chooseChannel({
      channelId,
      teamId: channelData?.team?.id,
      tenantId: channelData?.tenant?.id ?? activity.conversation.tenantId,
      serviceUrl: activity.serviceUrl,
      bot: { id: activity.recipient.id, name: activity.recipient.name },
      language: account.languages[0] ?? this.deps.defaultLanguage,
      chosenBy: account.id,
      chosenAt: new Date().toISOString(),
    });
    this.deps.logger.info({ account: account.id }, 'an admin chose the mentors\u2019 channel in Teams');
    return texts.t('channel.chosen');
  }

  /** The bot was added to a team: it says what it does there. */
  async introduction(): Promise<string> {
    return (await this.textsFor(undefined)).t('channel.help');
  }

  /**
   * A mentor pressed Accept: the claim goes through the same atomic queue as the console's, so of
   * several at once exactly one wins. The winner gets the card as it is now and hears in their
   * personal chat whom they talk with; the others learn who was first.
   */
  async accept(activity: Activity, account: Account | undefined, handoffId: string): Promise<AcceptAnswer> {
    const texts = await this.textsFor(account);
    const notice = (key: string, vars?: Record<string, unknown>) => {
      const text = texts.t(key, vars);
      return { card: noticeCard(text), text };
    };
    if (!account) return notice('accept.notLinked');
    if (account.disabled) return notice('chat.accountOff');
    if (!TALKERS.includes(account.role)) return notice('chat.notMentor');
    const take = () => this.deps.handoffs.claim(handoffId, { id: account.id, firstName: account.firstName });
    const result = this.deps.withinCap ? await this.deps.withinCap(account, take) : await take();
    // 'busy' (another take of theirs held the lock for seconds) is told as the cap: that take will most likely have filled it.
    if (result === 'at-capacity' || result === 'busy') return notice('accept.atCapacity', { count: account.capacity });
    if (result.ok) {
      try {
        await this.deps.chats.start(account, teamsUserOf(activity), result.handoff);
      } catch (error) {
        this.deps.logger.warn({ handoff: handoffId, err: { message: (error as Error).message } }, 'could not write in the mentor\u2019s Teams chat after Accept');
      }
      // Names are people's own words: escaped in the card (Markdown); the text goes to the thread as plain text.
      const text = texts.t('accept.yours', { name: texts.personName(result.handoff) });
      const cardNotice = texts.t('accept.yours', { name: texts.cardName(result.handoff) });
      return { card: this.deps.cards.render(result.handoff, texts.language, { notice: cardNotice }), text };
    }
    if (result.reason === 'already-taken') {
      const mentor = result.handoff.mentor?.firstName ?? '';
      const text = texts.t('accept.alreadyTaken', { mentor });
      const cardNotice = texts.t('accept.alreadyTaken', { mentor: escapeCardMarkdown(mentor) });
      return { card: this.deps.cards.render(result.handoff, texts.language, { notice: cardNotice }), text };
    }
    const current = await this.deps.handoffs.queue.get(handoffId);
    const text = texts.t('accept.notWaiting');
    return { card: current ? this.deps.cards.render(current, texts.language, { notice: text }) : noticeCard(text), text };
  }

  /** The person's own language when linked, else the channel's, else the default. */
  private async textsFor(account: Account | undefined): Promise<MentorTexts> {
    const language = account?.languages[0] ?? (await this.deps.cards.channel())?.language ?? this.deps.defaultLanguage;
    return new MentorTexts(this.deps.translator, language);
  }
}
