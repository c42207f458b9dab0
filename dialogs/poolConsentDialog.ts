import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { DialogDeps, speak } from './dialogDeps';
import { answerPoolConsent, poolConsentAnswerOf } from './poolFollowUp';
import { yesNoPrompt } from './yesNo';

export const POOL_CONSENT_DIALOG = 'poolConsentDialog';
const STEPS = 'poolConsentDialog.steps';

export interface PoolConsentOptions {
  /** The question's text (asked and kept as asked by `askPoolConsent`). */
  question: string;
  /** Asked once more after "maybe later": a second unclear answer is asked for a yes or a no as usual. */
  again?: boolean;
}

/**
 * "May we contact you again later?" after the result, with Yes and No. "Maybe later" is understood: the
 * question is about later already, and a consent must be a clear yes (a no is kept and not asked
 * again), so the bot says what yes and no each mean and asks once more.
 */
export class PoolConsentDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(POOL_CONSENT_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askStep(step: WaterfallStepContext<PoolConsentOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const prompt = yesNoPrompt(this.deps, t, step.options.question);
    const spec = prompt.validations as { type: 'choice'; options: { value: string; phrases: string[] }[] };
    // "Maybe later" is an answer here the first time (not the second: then a yes or a no is asked for).
    if (!step.options.again) spec.options.push({ value: 'later', phrases: this.deps.lexicon.listEverywhere('pool:phrases.later') });
    return step.prompt(ANSWER_PROMPT, prompt);
  }

  private async answerStep(step: WaterfallStepContext<PoolConsentOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const answer = poolConsentAnswerOf(this.deps.lexicon, step.result as string, !step.options.again);
    if (answer === 'later') return step.replaceDialog(POOL_CONSENT_DIALOG, { question: t('pool:consent.later', { weeks: this.deps.pool!.weeks }), again: true } satisfies PoolConsentOptions);
    await answerPoolConsent(this.deps, step.context, answer === 'yes');
    return step.endDialog(answer);
  }
}
