import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { question } from './answerSpec';
import { DialogDeps, speak } from './dialogDeps';
import { MentorDialog, MENTOR_DIALOG } from './mentorDialog';
import { saidYes, yesNoPrompt } from './yesNo';

export const FAQ_DIALOG = 'faqDialog';
const STEPS = 'faqDialog.steps';

export interface FaqOptions {
  /** A question already typed (e.g. at the menu); otherwise the dialog asks for one. */
  question?: string;
}

/**
 * Questions about working in IT. Without a recognizer that is sure of an answer, the bot says so and
 * offers a mentor; it never guesses.
 */
export class FaqDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FAQ_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new MentorDialog(deps));
    this.addDialog(
      new WaterfallDialog(STEPS, [this.askStep.bind(this), this.answerStep.bind(this), this.mentorStep.bind(this), this.endStep.bind(this)]),
    );
    this.initialDialogId = STEPS;
  }

  private async askStep(step: WaterfallStepContext<FaqOptions>): Promise<DialogTurnResult> {
    if (step.options?.question) return step.next(step.options.question);
    const { t } = await speak(this.deps, step.context);
    return step.prompt(ANSWER_PROMPT, { prompt: question(t('faq:ask')), retryPrompt: question(t('faq:ask')), validations: { type: 'text' } });
  }

  private async answerStep(step: WaterfallStepContext<FaqOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    await step.context.sendActivity(t('faq:notSure'));
    return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t('eligibility:mentorOffer')));
  }

  private async mentorStep(step: WaterfallStepContext<FaqOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    if (saidYes(this.deps, t, step.result as string)) return step.beginDialog(MENTOR_DIALOG, { reason: 'bot-unsure' });
    return step.next();
  }

  private async endStep(step: WaterfallStepContext<FaqOptions>): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
