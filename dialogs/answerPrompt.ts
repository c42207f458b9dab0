import { Dialog, DialogContext, DialogTurnResult, PromptOptions, PromptValidatorContext, TextPrompt } from 'botbuilder-dialogs';
import { textWasCut } from '../src/domain/textCut';
import { AnswerSpec, parseAnswer } from './answerSpec';

export const ANSWER_PROMPT = 'answerPrompt';

/** Extra checks a dialog may run when an answer fails to parse (e.g. to suggest close names). */
export type OnInvalidAnswer = (spec: AnswerSpec, prompt: PromptValidatorContext<string>) => Promise<void>;

/**
 * A text prompt that accepts only what its AnswerSpec (in the prompt options' `validations`) can
 * parse; buttons come with the question. Re-asks with the retry prompt otherwise.
 */
export class AnswerPrompt extends TextPrompt {
  constructor(id = ANSWER_PROMPT, onInvalid?: OnInvalidAnswer) {
    super(id, async (prompt) => {
      const spec = prompt.options.validations as AnswerSpec;
      const text = prompt.recognized.value ?? '';
      if (prompt.recognized.succeeded && parseAnswer(spec, text) !== undefined) return true;
      if (onInvalid) {
        await onInvalid(spec, prompt);
        (prompt.state as Record<string, unknown>)[EXPLAINED] = true;
      }
      return false;
    });
  }

  /**
   * A prompt asks again only when nothing was said in the turn yet; a message cut at the edge was
   * already answered with "only the first part was read", and must still get the question again
   * when that part is no answer (else the person is left without a question or buttons).
   */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const cut = dc.context.activity.type === 'message' && textWasCut(dc.context.activity.channelData);
    delete (dc.activeDialog?.state as { state?: Record<string, unknown> } | undefined)?.state?.[EXPLAINED];
    const result = await super.continueDialog(dc);
    const active = dc.activeDialog;
    if (cut && result === Dialog.EndOfTurn && active?.id === this.id) {
      const state = active.state as { state: Record<string, unknown>; options: PromptOptions };
      if (state.state[EXPLAINED] !== true) await this.onPrompt(dc.context, state.state, state.options, true);
    }
    return result;
  }
}

/** Prompt state: the invalid answer was explained already (by `onInvalid`). */
const EXPLAINED = 'answerPrompt.explained';
