import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Translator } from '../i18n/translator';
import type { Language } from '../i18n/languages';
import { matchChoice } from '../domain/matchChoice';
import type { HandoffQueue } from '../handoff/handoffQueue';
import { voiceNoteOf } from '../speech/voiceNote';
import type { Lexicon } from '../../dialogs/lexicon';
import { question } from '../../dialogs/answerSpec';

/** A transcript waiting for the person's yes (conversation state, one turn long). */
export interface PendingVoice {
  text: string;
  at: string;
}

/** An answer this much later is not about the voice note any more. */
const PENDING_MS = 15 * 60 * 1000;

/** Turn state: this turn's text is a transcript the person confirmed. */
export const TRANSCRIBED = Symbol.for('vit.transcribed');

/**
 * "I heard: «…» — is that right?" before a transcript counts as the person's message. A yes makes
 * the transcript this turn's text, for the relay and the dialogs as if typed; a no asks to type or
 * speak again; anything else is a new message and the transcript is dropped. The transcript waits
 * in conversation state only until the next message. With a mentor in the conversation there is
 * no question: the relay passes the voice note on.
 */
export class VoiceConfirmation {
  constructor(
    private readonly pending: StatePropertyAccessor<PendingVoice | undefined>,
    private readonly queue: HandoffQueue,
    private readonly translator: Translator,
    private readonly lexicon: Lexicon,
    private readonly now: () => Date,
  ) {}

  /** True when the turn was about the voice note and nothing else is to run. */
  async handle(context: TurnContext, lng: Language): Promise<boolean> {
    const t = (key: string, vars?: Record<string, unknown>) => this.translator.t(lng, key, vars);
    const pending = await this.pending.get(context);
    if (pending) await this.pending.delete(context);
    const note = voiceNoteOf(context);
    if (note?.transcript) {
      const { activity } = context;
      if (await this.queue.openFor(activity.channelId, activity.from.id)) return false;
      await this.pending.set(context, { text: note.transcript, at: this.now().toISOString() });
      await context.sendActivity(question(t('voice:heard', { text: note.transcript }), [t('common:buttons.yes'), t('common:buttons.no')]));
      return true;
    }
    if (!pending || note || this.now().getTime() - Date.parse(pending.at) > PENDING_MS) return false;
    const answer = matchChoice(context.activity.text ?? '', this.lexicon.yesNo());
    if (answer === 'yes') {
      context.activity.text = pending.text;
      context.turnState.set(TRANSCRIBED, true);
      return false;
    }
    if (answer === 'no') {
      await context.sendActivity(t('voice:sayAgain'));
      return true;
    }
    return false;
  }
}
