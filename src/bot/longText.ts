import { MessageFactory } from 'botbuilder';
import type { Activity, Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { PersonRecord } from '../domain/person';
import type { Translator } from '../i18n/translator';
import type { Language } from '../i18n/languages';
import { languageFromLocale } from '../i18n/languages';
import { markNotice } from './relayMark';
import { TurnOutbox } from './turnOutbox';

import { MAX_TEXT_CHARS, TEXT_CUT_MARK, textWasCut } from '../domain/textCut';

export { MAX_TEXT_CHARS, TEXT_CUT_MARK };

/** `text` cut to `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, max = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  // A copy, not a slice: V8 keeps a slice's whole parent string alive, so the kept part of a
  // 100,000-character message would hold on to all of it (the bench showed 100 KB per message kept).
  return Buffer.from(text.slice(0, end), 'utf16le').toString('utf16le');
}

/** Cuts an incoming activity's text in place, and marks it when it did. */
export function cutActivityText(activity: Partial<Activity>): Partial<Activity> {
  if (typeof activity.text !== 'string' || activity.text.length <= MAX_TEXT_CHARS) return activity;
  activity.text = cutText(activity.text);
  const channelData = activity.channelData && typeof activity.channelData === 'object' ? (activity.channelData as Record<string, unknown>) : {};
  activity.channelData = { ...channelData, [TEXT_CUT_MARK]: true };
  return activity;
}

export function wasCut(activity: Partial<Activity>): boolean {
  return textWasCut(activity.channelData);
}

/**
 * Cuts what an edge did not (the terminal, a future channel) and tells the person, in their
 * language, that only the first part was read. The turn goes on as if the person had sent that part:
 * the notice is not a reply of its own but the start of the turn's reply (merged with it where
 * replies are merged), so a question that gets no answer is asked again, and a question that is
 * answered is not asked twice. A turn that says nothing of its own (a mentor owns the conversation)
 * gets the notice alone, after it.
 */
export class LongTextMiddleware implements Middleware {
  constructor(
    private readonly translator: Translator,
    private readonly defaultLanguage: Language,
    private readonly person?: StatePropertyAccessor<PersonRecord>,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    cutActivityText(context.activity);
    if (context.activity.type !== 'message' || !wasCut(context.activity)) return next();
    // The person's chosen language first (no default: a read must not create state), then the channel's.
    const chosen = (await this.person?.get(context))?.language;
    const lng = chosen ?? languageFromLocale(context.activity.locale) ?? this.defaultLanguage;
    const notice = MessageFactory.text(this.translator.t(lng, 'longMessage'));
    const outbox = TurnOutbox.of(context);
    if (!outbox) {
      await context.sendActivity(markNotice(notice));
      return next();
    }
    outbox.lead(notice);
    await next();
    if (!outbox.leadPlaced) await context.sendActivity(markNotice({ ...notice }));
  }
}
