import type { Activity, ConversationReference } from 'botbuilder';
import { CLOSE_OUTCOMES, HandoffMessage, HandoffRecord } from '../../domain/handoff';
import type { Account } from '../../accounts/accountStore';
import type { HandoffEvent } from '../../handoff/handoffEvents';
import type { HandoffService } from '../../handoff/handoffService';
import type { Language } from '../../i18n/languages';
import type { Translator } from '../../i18n/translator';
import type { Logger } from '../../logger';
import { handoffCard, MentorTexts } from './handoffCardContent';
import { cardActivity } from './handoffCards';
import type { MentorChannelStore } from './mentorChannelStore';
import type { MentorChatStore } from './mentorChatStore';
import { MentorCommand, parseMentorCommand } from './mentorCommands';
import type { TeamsConversations, TeamsUser } from './teamsConversations';
import { DeliveryFailedError } from '../../handoff/personMessenger';


/** How many earlier messages a mentor sees on taking a conversation in Teams. */
const EARLIER_SHOWN = 20;
/** The longest message relayed to a person, as in the console. */
const MAX_MESSAGE_LENGTH = 4000;

export interface MentorChatsDeps {
  handoffs: HandoffService;
  chats: MentorChatStore;
  /** For the one-instance-per-event check. */
  channelStore: MentorChannelStore;
  conversations: TeamsConversations;
  accounts: () => { byId(id: string): Promise<Account | undefined> };
  translator: Translator;
  defaultLanguage: Language;
  /** The console's address as mentors open it (CONSOLE_PUBLIC_URL): a voice note's line links to its handoff there. */
  consoleUrl?: string;
  logger: Logger;
}

/** The bot's answers in a mentor's personal chat: lines of text, or whole activities (a card). */
export type Reply = Array<Partial<Activity> | string>;

/**
 * A mentor's personal chat with the bot in Teams: after Accept the bot says there whom they talk
 * with; the mentor's messages there go to the person (HandoffService.fromMentor, whatever the
 * person's channel), the person's messages come back there, and /who, /release and /close work there.
 */
export class MentorChats {
  constructor(private readonly deps: MentorChatsDeps) {}

  languageOf(account: Account): Language {
    return account.languages[0] ?? this.deps.defaultLanguage;
  }

  texts(account: Account): MentorTexts {
    return new MentorTexts(this.deps.translator, this.languageOf(account));
  }

  /** Remembers the personal chat a mentor wrote from (a new conversation id replaces the old one). */
  async remember(account: Account, reference: Partial<ConversationReference>): Promise<void> {
    const known = await this.deps.chats.chatOf(account.id);
    const { activityId: _message, ...chat } = reference; // the chat, not the message it came with
    if (known?.conversation?.id !== chat.conversation?.id) await this.deps.chats.saveChat(account.id, chat);
  }

  /** After the mentor took a handoff in Teams: their messages go there now; the bot tells them so in their chat. */
  async start(account: Account, user: TeamsUser, handoff: HandoffRecord): Promise<void> {
    await this.deps.chats.setCurrentHandoff(account.id, handoff.id);
    const texts = this.texts(account);
    const name = texts.personName(handoff);
    const message = texts.t('chat.started', { name, language: texts.languageName(handoff.language) });
    const earlier = this.earlier(handoff, texts);
    await this.sendToMentor(account, [this.personText(message, account), ...(earlier ? [this.personText(earlier, account)] : [])], user);
  }

  /**
   * What was said before this mentor came (messages left while waiting, an earlier mentor's talk before
   * a release), the last EARLIER_SHOWN lines: so a mentor in Teams has the history without the console.
   */
  private earlier(handoff: HandoffRecord, texts: MentorTexts): string | undefined {
    if (handoff.messages.length === 0) return undefined;
    const name = texts.personName(handoff);
    const lines = handoff.messages.slice(-EARLIER_SHOWN).map((m) => {
      if (m.from === 'mentor') return texts.t('chat.fromMentor', { mentor: m.mentorName ?? '?', text: m.text });
      return personLine(m, texts, name, this.consoleLink(handoff.id));
    });
    return [texts.t('chat.earlier'), ...lines].join('\n');
  }

  /** A message the mentor wrote in their personal chat: a command, or text for the person. */
  async onMessage(account: Account, activity: Partial<Activity>): Promise<Reply> {
    const texts = this.texts(account);
    if (account.disabled) return [texts.t('chat.accountOff')];
    if (account.role === 'staff') return [texts.t('chat.notMentor')];
    const text = activity.text?.trim() ?? '';
    if (!text) return (activity.attachments?.length ?? 0) > 0 ? [texts.t('chat.onlyText')] : [];
    const command = parseMentorCommand(text);
    if (command) return this.command(account, command, texts);
    const handoff = await this.current(account);
    if (!handoff) return [texts.t('chat.noConversation')];
    if (text.length > MAX_MESSAGE_LENGTH) return [texts.t('chat.tooLong', { max: MAX_MESSAGE_LENGTH })];
    const result = await this.deps.handoffs.fromMentor(handoff.id, { id: account.id, firstName: account.firstName }, text).catch((error: unknown) => {
      if (error instanceof DeliveryFailedError) return undefined;
      throw error;
    });
    if (!result) return [texts.t('chat.notDelivered', { name: texts.personName(handoff) })];
    if (!result.ok) {
      await this.deps.chats.setCurrentHandoff(account.id, undefined);
      return [texts.t('chat.notSent')];
    }
    return result.handoff.messages.at(-1)?.delivery === 'template' ? [texts.t('chat.sentAsTemplate', { name: texts.personName(handoff) })] : [];
  }

  /**
   * A handoff event: the person's messages, their leaving, and a message of the mentor's that the
   * channel later reported as not delivered reach the mentor's Teams chat, from one instance.
   */
  async onEvent(event: HandoffEvent): Promise<void> {
    const fromPerson = event.type === 'message' && event.message?.from === 'person';
    const notDelivered = event.type === 'delivery' && event.message?.delivery === 'failed';
    if (!fromPerson && !notDelivered && event.type !== 'abandoned') return;
    if (!event.mentorId) return;
    const account = await this.deps.accounts().byId(event.mentorId);
    if (!account?.teamsAadObjectId || !(await this.deps.chats.chatOf(account.id))) return;
    if (!(await this.deps.channelStore.once(`chat:${event.type}:${event.id}:${event.message?.at ?? event.at}`))) return;
    const handoff = await this.deps.handoffs.queue.get(event.id);
    if (!handoff) return;
    const texts = this.texts(account);
    const name = texts.personName(handoff);
    let line: string;
    if (event.type === 'abandoned') {
      if (handoff.mentor?.id !== account.id) return;
      line = texts.t('chat.personLeft', { name });
      if ((await this.deps.chats.currentHandoff(account.id)) === handoff.id) await this.deps.chats.setCurrentHandoff(account.id, undefined);
    } else if (notDelivered) {
      // Also after a close: the mentor must learn that their last words never arrived.
      if (handoff.mentor?.id !== account.id) return;
      line = texts.t('chat.notDeliveredLater', { name, text: event.message!.text });
    } else {
      if (handoff.status !== 'active' || handoff.mentor?.id !== account.id) return;
      line = personLine(event.message!, texts, name, this.consoleLink(handoff.id));
    }
    await this.sendToMentor(account, [this.personText(line, account)]);
  }

  private async command(account: Account, command: MentorCommand, texts: MentorTexts): Promise<Reply> {
    const outcomes = CLOSE_OUTCOMES.map((o) => `${o} (${texts.label(`console:close.outcomes.${o}`, o)})`).join(', ');
    switch (command.name) {
      case 'help':
      case 'unknown':
        return [texts.t('chat.help')];
      case 'mentors-here':
        return [texts.t('chat.mentorsHereInChannel')];
      case 'close-usage':
        return [texts.t('chat.closeUsage', { outcomes })];
    }
    const handoff = await this.current(account);
    if (!handoff) return [texts.t('chat.noConversation')];
    const name = texts.personName(handoff);
    switch (command.name) {
      case 'who': {
        return [cardActivity(handoffCard(handoff, texts, { accept: false, notice: texts.t('chat.whoTitle', { name: texts.cardName(handoff) }) }), texts.language)];
      }
      case 'release': {
        const result = await this.deps.handoffs.release(handoff.id, account.id);
        await this.deps.chats.setCurrentHandoff(account.id, undefined);
        return [result.ok ? texts.t('chat.released', { name }) : texts.t('chat.notSent')];
      }
      case 'close': {
        const result = await this.deps.handoffs.close(handoff.id, account.id, command.outcome, command.note);
        await this.deps.chats.setCurrentHandoff(account.id, undefined);
        return [result.ok ? texts.t('chat.closed', { name }) : texts.t('chat.notSent')];
      }
    }
  }

  /**
   * A notice in the mentor's personal chat with the bot (a booking of their slot), when the bot knows
   * that chat (they wrote to the bot, or took a conversation in Teams). False when it knows none.
   */
  async notify(account: Account, text: string): Promise<boolean> {
    if (!(await this.deps.chats.chatOf(account.id))) return false;
    await this.sendToMentor(account, [this.personText(text, account)]);
    return true;
  }

  /** The conversation the mentor's messages go to: the one last taken in Teams, else their latest active one. */
  private async current(account: Account): Promise<HandoffRecord | undefined> {
    const id = await this.deps.chats.currentHandoff(account.id);
    const chosen = id ? await this.deps.handoffs.queue.get(id) : undefined;
    if (chosen?.status === 'active' && chosen.mentor?.id === account.id) return chosen;
    const mine = (await this.deps.handoffs.queue.active()).filter((h) => h.mentor?.id === account.id);
    const latest = mine.sort((a, b) => (b.claimedAt ?? '').localeCompare(a.claimedAt ?? ''))[0];
    await this.deps.chats.setCurrentHandoff(account.id, latest?.id);
    return latest;
  }

  /** The handoff in the console (its #/handoffs/<id> page), when the console's address is configured. */
  private consoleLink(handoffId: string): string | undefined {
    return this.deps.consoleUrl ? `${this.deps.consoleUrl}#/handoffs/${encodeURIComponent(handoffId)}` : undefined;
  }

  private text(text: string, account: Account): Partial<Activity> {
    return { type: 'message', text, locale: this.languageOf(account) };
  }

  /** A text that quotes the newcomer (their words, their name): plain text, so nothing in it becomes a link or formatting. */
  private personText(text: string, account: Account): Partial<Activity> {
    return { ...this.text(text, account), textFormat: 'plain' };
  }

  /**
   * Sends in the mentor's personal chat: the one they wrote from, or one the bot opens with their Teams
   * user (`user`, known from their Accept). A stored chat that fails is opened again once.
   */
  private async sendToMentor(account: Account, activities: Array<Partial<Activity>>, user?: TeamsUser): Promise<void> {
    const known = await this.deps.chats.chatOf(account.id);
    if (known && (!user || known.user?.id === user.id)) {
      try {
        return await this.deps.conversations.send(known, activities);
      } catch (error) {
        if (!user) throw error;
        this.deps.logger.warn({ err: { message: (error as Error).message } }, 'could not write in a mentor\u2019s stored Teams chat; opening it again');
      }
    }
    if (!user) return;
    const reference = await this.deps.conversations.openPersonalChat(user);
    await this.deps.chats.saveChat(account.id, reference);
    await this.deps.conversations.send(reference, activities);
  }
}

/**
 * A person's message as a line in the mentor's Teams chat; a voice note is heard in the console (Teams
 * cannot play it from here): with `consoleLink`, the link to it on a line of its own (a URL alone on its
 * line needs no isolation in a right-to-left text, and Teams makes it a link), else "(/console)".
 */
function personLine(m: HandoffMessage, texts: MentorTexts, name: string, consoleLink?: string): string {
  if (m.kind === 'attachment') return texts.t('chat.personSentAttachment', { name });
  if (m.kind === 'voice' && consoleLink) {
    const line = m.text ? texts.t('chat.personSentVoiceHeardLink', { name, text: m.text }) : texts.t('chat.personSentVoiceLink', { name });
    return `${line}\n${consoleLink}`;
  }
  if (m.kind === 'voice') return m.text ? texts.t('chat.personSentVoiceHeard', { name, text: m.text }) : texts.t('chat.personSentVoice', { name });
  return texts.t('chat.fromPerson', { name, text: m.text });
}
