import { TurnContext } from 'botbuilder';
import { matchChoice } from '../src/domain/matchChoice';
import { normalizeText } from '../src/domain/normalizeText';
import { phraseWithTypos } from '../src/domain/phraseWithTypos';
import type { ConversationRef } from '../src/domain/handoff';
import { DialogDeps, speak } from './dialogDeps';
import type { Lexicon } from './lexicon';

/** Longer messages that hold "stop reminders" are about something else. */
const MAX_WORDS = 6;

/**
 * Whether a message turns reminders off ("stop reminders", "geen herinneringen meer", "إيقاف التذكيرات",
 * "hatırlatmaları durdur", "توقف یادآوری", "መዘኻኸሪ ጠጠው", also with a typo in each word) or on again, in any of the
 * six languages (reminders:phrases).
 */
export function remindersSwitchIn(lexicon: Lexicon, text: string | undefined): 'stop' | 'start' | undefined {
  const typed = normalizeText(text ?? '');
  if (!typed || /^\d+$/.test(typed) || typed.split(' ').length > MAX_WORDS) return undefined;
  const options = [
    { value: 'stop' as const, phrases: lexicon.listEverywhere('reminders:phrases.stop') },
    { value: 'start' as const, phrases: lexicon.listEverywhere('reminders:phrases.start') },
  ];
  // Typos are weighed word by word, each word keeping its first letter (as "stop follow-ups" is).
  return matchChoice(text ?? '', options, { typos: false }) ?? phraseWithTypos(text ?? '', options);
}

/** Records the person's choice (with their conversation and language, for the reminders to come) and confirms it. */
export async function switchReminders(deps: DialogDeps, context: TurnContext, to: 'stop' | 'start'): Promise<void> {
  const { t, lng } = await speak(deps, context);
  const { channelId, from } = context.activity;
  const conversation = TurnContext.getConversationReference(context.activity) as unknown as ConversationRef;
  await deps.reminders!.setStopped({ channelId, userId: from.id, conversation, language: lng }, to === 'stop');
  await context.sendActivity(t(to === 'stop' ? 'reminders:stopped' : 'reminders:started'));
}
