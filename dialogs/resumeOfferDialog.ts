import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { DialogDeps, speak } from './dialogDeps';
import { saidYes, yesNoPrompt } from './yesNo';

export const RESUME_OFFER_DIALOG = 'resumeOfferDialog';
const STEPS = 'resumeOfferDialog.steps';

/** "Welcome back — continue?" for an unfinished intake; ends with `{ resume }`. */
export class ResumeOfferDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(RESUME_OFFER_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t('intake:resume'), { yes: t('intake:resumeYes'), no: t('intake:resumeNo') }));
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const resume = saidYes(this.deps, t, step.result as string, { yes: t('intake:resumeYes'), no: t('intake:resumeNo') });
    return step.endDialog({ resume });
  }
}
