import { TurnContext } from 'botbuilder';
import type { HandoffService } from '../handoff/handoffService';
import type { Translator } from '../i18n/translator';
import { Language, languageFromLocale } from '../i18n/languages';
import { parseRating } from '../domain/parseRating';
import type { Lexicon } from '../../dialogs/lexicon';
import type { FlowOptions } from '../../dialogs/mainDialog';

/** How long after a mentor closed the conversation a bare "4" still counts as the rating. */
const RATING_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What the relay did with a message; when `continueWith` is set, the dialogs take over from there. */
export type RelayOutcome = { handled: true } | { handled: false; continueWith?: FlowOptions };

/**
 * Messages of a person with an open handoff go to the mentor (kept while waiting, relayed while a
 * mentor talks), not to the dialogs. "stop" or "menu" leaves the line; "delete" leaves and erases.
 * After a close, a 1–5 answer is the rating.
 */
export class HandoffRelay {
  constructor(
    private readonly handoffs: HandoffService,
    private readonly lexicon: Lexicon,
    private readonly translator: Translator,
    private readonly defaultLanguage: Language,
  ) {}

  async handle(context: TurnContext, language: Language | undefined): Promise<RelayOutcome> {
    const { activity } = context;
    const open = await this.handoffs.queue.openFor(activity.channelId, activity.from.id);
    const lng = language ?? languageFromLocale(activity.locale) ?? this.defaultLanguage;
    const t = (key: string, vars?: Record<string, unknown>) => this.translator.t(lng, key, vars);
    const text = activity.text?.trim() ?? '';
    if (open) {
      const command = this.lexicon.command(text);
      if (command === 'stop' || command === 'menu' || command === 'delete') {
        await this.handoffs.leave(open);
        await context.sendActivity(t('handoff:left'));
        return { handled: false, continueWith: command === 'delete' ? { start: 'delete' } : {} };
      }
      const attachments = activity.attachments ?? [];
      if (!text && attachments.length > 0) {
        await this.handoffs.fromPerson(open, { text: attachments.map((a) => a.contentType).join(', '), kind: 'attachment' });
        if (open.status === 'waiting') await context.sendActivity(t('common:onlyText'));
        return { handled: true };
      }
      if (!text) return { handled: true };
      await this.handoffs.fromPerson(open, { text, kind: 'text' });
      // While waiting, the person hears once that messages are kept; while a mentor talks, nothing.
      if (open.status === 'waiting' && !open.messages.some((m) => m.from === 'person')) await context.sendActivity(t('handoff:messageKept'));
      return { handled: true };
    }
    const rating = parseRating(text);
    if (rating !== undefined) {
      const latest = await this.handoffs.queue.latestFor(activity.channelId, activity.from.id);
      const recent = latest?.closedAt && Date.now() - Date.parse(latest.closedAt) < RATING_WINDOW_MS;
      if (latest?.status === 'closed' && latest.rating === undefined && recent) {
        await this.handoffs.rate(latest, rating);
        await context.sendActivity(t('handoff:ratingThanks'));
        return { handled: false, continueWith: {} };
      }
    }
    return { handled: false };
  }
}
