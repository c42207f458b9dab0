import { ActionTypes, InputHints, MessageFactory, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { matchChoice } from '../domain/matchChoice';
import type { PersonRecord } from '../domain/person';
import type { HandoffService } from '../handoff/handoffService';
import type { Translator } from '../i18n/translator';
import { Language, languageFromLocale } from '../i18n/languages';
import { parseRating } from '../domain/parseRating';
import { keptNoticeDue } from '../domain/handoff';
import type { Lexicon } from '../../dialogs/lexicon';
import type { FlowOptions } from '../../dialogs/flowOptions';
import { voiceNoteOf } from '../speech/voiceNote';
import { openHandoffOf } from './openHandoffPrefetch';

/** Turn state: the id of the handoff a turn asked for (set by MentorRequests). */
export const HANDOFF_REQUESTED = Symbol.for('vit.handoffRequested');

/**
 * What the relay did with a message; when `continueWith` is set, the dialogs take over from there.
 * `handoff` is the person's open handoff during this turn, if any.
 */
export type RelayOutcome = ({ handled: true } | { handled: false; continueWith?: FlowOptions }) & { handoff?: string };

/** What the relay keeps between turns: the person and whether it asked "leave the line?". */
export interface RelayState {
  person: StatePropertyAccessor<PersonRecord>;
  leaveAsked: StatePropertyAccessor<boolean>;
}

/**
 * Messages of a person with an open handoff go to the mentor (kept while waiting, relayed while a
 * mentor talks), not to the dialogs. "stop" leaves the line; "menu" asks first whether to leave it
 * (a tap on Menu is easily made); "delete" leaves and erases. A language's name switches the
 * language and keeps the place in line.
 * After a close, a 1–5 answer is the rating, but only as the person's first message after it: a
 * person who skipped the question and later types "2" at the menu means the menu's second choice.
 */
export class HandoffRelay {
  constructor(
    private readonly handoffs: HandoffService,
    private readonly lexicon: Lexicon,
    private readonly translator: Translator,
    private readonly defaultLanguage: Language,
    private readonly state?: RelayState,
  ) {}

  /** `previousHandoff`: the handoff that was open during (or asked for in) the person's previous turn. */
  async handle(context: TurnContext, language: Language | undefined, previousHandoff?: string): Promise<RelayOutcome> {
    const { activity } = context;
    const open = await openHandoffOf(context, this.handoffs.queue);
    const lng = language ?? languageFromLocale(activity.locale) ?? this.defaultLanguage;
    const t = (key: string, vars?: Record<string, unknown>) => this.translator.t(lng, key, vars);
    const text = activity.text?.trim() ?? '';
    if (open) {
      const command = this.lexicon.command(text) ?? this.lexicon.commandInWords(text);
      const asked = this.state ? (await this.state.leaveAsked.get(context)) === true : false;
      if (asked) await this.state!.leaveAsked.delete(context);
      const answer = asked ? matchChoice(text, this.lexicon.yesNo()) : undefined;
      if (answer === 'no') {
        await context.sendActivity(t('handoff:stayInLine'));
        return { handled: true, handoff: open.id };
      }
      if (command === 'menu' && this.state && answer !== 'yes') {
        await this.state.leaveAsked.set(context, true);
        const buttons = [t('common:buttons.yes'), t('common:buttons.no')];
        const ask = MessageFactory.suggestedActions(buttons.map((b) => ({ type: ActionTypes.ImBack, title: b, value: b })), t('handoff:leaveQuestion'));
        ask.inputHint = InputHints.ExpectingInput;
        await context.sendActivity(ask);
        return { handled: true, handoff: open.id };
      }
      const named = this.state && !command ? this.lexicon.languageNamed(text) : undefined;
      if (named && named !== language) {
        (await this.state!.person.get(context, {})).language = named;
        await context.sendActivity(this.translator.t(named, 'language:changed'));
        return { handled: true, handoff: open.id };
      }
      if (command === 'stop' || command === 'menu' || command === 'delete' || answer === 'yes') {
        // Leaving comes first, so what the bot says next (the menu) does not talk over a mentor.
        await this.handoffs.leave(open);
        // Ending a talk with a mentor is not "leaving the line": say which of the two happened.
        await context.sendActivity(t(open.status === 'active' ? 'handoff:mentorLeft' : 'handoff:left'));
        return { handled: false, continueWith: command === 'delete' ? { start: 'delete' } : {}, handoff: open.id };
      }
      // The mentor's typing indicator answers the person's last message (WhatsApp shows it with its read receipt).
      const channelMessage = activity.id ? { channelMessageId: activity.id } : {};
      const voice = voiceNoteOf(context);
      if (voice) {
        // The mentor can listen (in the console), with the transcript beside it when there is one.
        await this.handoffs.fromPerson(open, { text: voice.transcript ?? '', kind: 'voice', voice: { mediaId: voice.mediaId, contentType: voice.contentType }, ...channelMessage });
        if (open.status === 'waiting') await context.sendActivity(t('voice:keptForMentor'));
        return { handled: true, handoff: open.id };
      }
      const attachments = activity.attachments ?? [];
      if (!text && attachments.length > 0) {
        await this.handoffs.fromPerson(open, { text: attachments.map((a) => a.contentType).join(', '), kind: 'attachment', ...channelMessage });
        if (open.status === 'waiting') await context.sendActivity(t('common:onlyText'));
        return { handled: true, handoff: open.id };
      }
      if (!text) return { handled: true, handoff: open.id };
      await this.handoffs.fromPerson(open, { text, kind: 'text', ...channelMessage });
      // While waiting, the person hears that messages are kept (at most once in a few minutes); while a mentor talks, nothing.
      if (open.status === 'waiting' && keptNoticeDue(open.messages, this.handoffs.now())) await context.sendActivity(t('handoff:messageKept'));
      return { handled: true, handoff: open.id };
    }
    const rating = previousHandoff === undefined ? undefined : parseRating(text);
    if (rating !== undefined) {
      // The question went out when the mentor closed the handoff of the previous turn; nothing came in between.
      const closed = await this.handoffs.queue.get(previousHandoff!);
      if (closed?.status === 'closed' && closed.claimedAt && closed.rating === undefined) {
        await this.handoffs.rate(closed, rating);
        await context.sendActivity(t('handoff:ratingThanks'));
        return { handled: false, continueWith: {} };
      }
    }
    return { handled: false };
  }
}
