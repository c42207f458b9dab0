import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { DialogDeps, speak } from './dialogDeps';
import { saidYes, yesNoPrompt } from './yesNo';

export const DELETE_DATA_DIALOG = 'deleteDataDialog';
const STEPS = 'deleteDataDialog.steps';

export interface DeleteResult {
  erased: boolean;
}

/** "Delete my data": a confirmation, then everything held on the person is erased at the end of the turn. */
export class DeleteDataDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(DELETE_DATA_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.confirmStep.bind(this), this.eraseStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private labels(t: (key: string) => string) {
    return { yes: t('delete:yes'), no: t('delete:no') };
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t('delete:confirm'), this.labels(t)));
  }

  private async eraseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    if (!saidYes(this.deps, t, step.result as string, this.labels(t))) {
      await step.context.sendActivity(t('delete:cancelled'));
      return step.endDialog({ erased: false } satisfies DeleteResult);
    }
    this.deps.erasure.request(step.context);
    await step.context.sendActivity(t('delete:done'));
    return step.endDialog({ erased: true } satisfies DeleteResult);
  }
}
