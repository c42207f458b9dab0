import { PromptValidatorContext, TextPrompt } from 'botbuilder-dialogs';
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
      if (onInvalid) await onInvalid(spec, prompt);
      return false;
    });
  }
}
