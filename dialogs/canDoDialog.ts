import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { CAN_DO_LEVELS, estimateLevel } from '../src/domain/intake';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { DialogDeps, speak } from './dialogDeps';
import { withNavigation } from './navigation';
import { saidYes, yesNoPrompt } from './yesNo';

export const CAN_DO_DIALOG = 'canDoDialog';
const STEPS = 'canDoDialog.statement';

export interface CanDoOptions {
  language: 'dutch' | 'english';
  /** The intake field whose level is estimated. */
  field: string;
  answers?: boolean[];
  /** Going on with statements begun earlier: no introduction again. */
  resumed?: boolean;
}

/**
 * For someone who does not know their level: five CEFR can-do statements (A1 to C1), yes or no,
 * then an estimated level, told as an estimate. Ends with the level. The answers so far are kept in
 * the conversation's session, so changing language or going back does not lose them.
 */
export class CanDoDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CAN_DO_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.askStep.bind(this), this.nextStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askStep(step: WaterfallStepContext<CanDoOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const { language, field, answers = [], resumed } = step.options;
    (await this.deps.session.get(step.context, {})).canDo = { field, answers };
    const languageName = t(`intake:canDo.languages.${language}`);
    if (answers.length === 0 && !resumed) await step.context.sendActivity(t('intake:canDo.intro', { language: languageName }));
    const statement = t(`intake:canDo.${CAN_DO_LEVELS[answers.length]}`, { language: languageName });
    // Back goes to the statement before, from the first to the level question: there always is one
    // (typed, as a yes/no statement keeps its three buttons to tap: yes, no, menu).
    const [yes, no, ...navigation] = withNavigation([t('common:buttons.yes'), t('common:buttons.no')], t, true);
    return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, statement, { yes, no }, navigation));
  }

  private async nextStep(step: WaterfallStepContext<CanDoOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const answers = [...(step.options.answers ?? []), saidYes(this.deps, t, step.result as string)];
    if (answers.length < CAN_DO_LEVELS.length) return step.replaceDialog(STEPS, { ...step.options, answers, resumed: true });
    (await this.deps.session.get(step.context, {})).canDo = undefined;
    const level = estimateLevel(answers);
    const language = t(`intake:canDo.languages.${step.options.language}`);
    await step.context.sendActivity(
      level === 'none' ? t('intake:canDo.estimateNone', { language }) : t('intake:canDo.estimate', { language, level }),
    );
    return step.endDialog(level);
  }
}
