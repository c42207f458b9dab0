import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogContext,
  DialogSet,
  DialogState,
  DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { matchChoice } from '../src/domain/matchChoice';
import { shouldOfferResume } from '../src/domain/person';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import type { RecognizedCommand } from '../src/nlu/recognizer';
import { AnswerSpec, parseAnswer, question } from './answerSpec';
import { ConsentDialog, CONSENT_DIALOG } from './consentDialog';
import { DeleteDataDialog, DELETE_DATA_DIALOG, DeleteResult } from './deleteDataDialog';
import { DialogDeps, speak } from './dialogDeps';
import { FaqDialog, FAQ_DIALOG, FaqEnd } from './faqDialog';
import { looksLikeQuestion, faqAnswer } from './faqAnswers';
import { IntakeDialog, INTAKE_DIALOG } from './intakeDialog';
import { LanguageDialog, LANGUAGE_DIALOG } from './languageDialog';
import { GlobalCommand } from './lexicon';
import { MentorDialog, MENTOR_DIALOG, MentorEnd } from './mentorDialog';
import { saidYes, yesNoPrompt } from './yesNo';

export const MAIN_DIALOG = 'mainDialog';
const FLOW = 'mainDialog.flow';
const RESUME_OFFER = 'mainDialog.resumeOffer';

export const MENU_CHOICES = ['intake', 'faq', 'mentor', 'language', 'delete'] as const;
export type MenuChoice = (typeof MENU_CHOICES)[number];

export interface FlowOptions {
  /** Start of a conversation or "restart": greet first. */
  greet?: boolean;
  /** Ask the language even when one was chosen. */
  changeLanguage?: boolean;
  /** Go back into the intake afterwards (the language was changed in the middle of it). */
  returnTo?: 'intake';
  /** Go straight to this menu choice (a command such as "mentor" typed anywhere). */
  start?: MenuChoice;
}

/**
 * The router: greeting, language, consent, then the menu and whatever was chosen, in a loop.
 * Commands typed anywhere (language, menu, help, restart, stop, delete, mentor) interrupt whatever
 * runs, in the manner of the Bot Framework samples' CancelAndHelpDialog.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new LanguageDialog(deps));
    this.addDialog(new ConsentDialog(deps));
    this.addDialog(new IntakeDialog(deps));
    this.addDialog(new FaqDialog(deps));
    this.addDialog(new MentorDialog(deps));
    this.addDialog(new DeleteDataDialog(deps));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.languageStep.bind(this),
        this.consentStep.bind(this),
        this.entryStep.bind(this),
        this.routeStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(RESUME_OFFER, [this.resumeAskStep.bind(this), this.resumeAnswerStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** Runs one turn: continues the active dialog, or starts the flow (with a greeting unless told otherwise). */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, start: FlowOptions = { greet: true }): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id, start);
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    return innerDc.beginDialog(FLOW, options ?? {});
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    if (!activity.text?.trim() && (activity.attachments?.length ?? 0) > 0) {
      const { t } = await speak(this.deps, innerDc.context);
      await innerDc.context.sendActivity(t('common:onlyText'));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    const command = this.deps.lexicon.command(activity.text);
    if (command && command !== 'back' && command !== 'skip') return this.interrupt(innerDc, command);
    const instead = await this.questionInsteadOfAnswer(innerDc, activity.text ?? '');
    if (instead) return instead;
    return super.onContinueDialog(innerDc);
  }

  /**
   * A question asked where the bot waits for an answer (at the menu, in the middle of the intake):
   * a sure FAQ answer is given and the same question asked again, so the conversation goes on; a
   * command said in other words is carried out. Text that is a valid answer stays an answer.
   */
  private async questionInsteadOfAnswer(innerDc: DialogContext, text: string): Promise<DialogTurnResult | undefined> {
    const spec = waitingFor(innerDc);
    if (!spec || !text.trim() || (spec.type === 'text' && spec.isQuestion)) return undefined;
    const isAnswer = parseAnswer(spec, text) !== undefined;
    const isQuestion = looksLikeQuestion(text);
    // A tapped button or a valid choice is an answer, even "Can I join?"; only where any text is a
    // valid answer (a name, the motivation) does a question mark make it a question.
    const freeText = spec.type === 'text' || spec.type === 'name';
    if (isAnswer && !(freeText && isQuestion)) return undefined;
    const { t, lng } = await speak(this.deps, innerDc.context);
    const recognition = await this.deps.recognizer.recognize(text, lng);
    if (recognition.topic) {
      await innerDc.context.sendActivity(faqAnswer(this.deps, t, recognition.topic));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    if (recognition.command && !isAnswer) return this.interrupt(innerDc, recognition.command);
    if (isQuestion) {
      await innerDc.context.sendActivity(t('faq:notSure'));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    return undefined;
  }

  private async interrupt(innerDc: DialogContext, command: GlobalCommand | RecognizedCommand): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, innerDc.context);
    const inIntake = innerDc.stack.some((entry) => entry.id === INTAKE_DIALOG);
    const restartWith = async (options: FlowOptions) => {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW, options);
    };
    switch (command) {
      case 'help':
        await innerDc.context.sendActivity(t('common:help'));
        await innerDc.repromptDialog();
        return ComponentDialog.EndOfTurn;
      case 'language':
        return restartWith({ changeLanguage: true, returnTo: inIntake ? 'intake' : undefined });
      case 'stop':
        if (inIntake) await innerDc.context.sendActivity(t('common:stopped'));
        return restartWith({});
      case 'restart':
        return restartWith({ greet: true, changeLanguage: true });
      case 'menu':
        return restartWith({});
      case 'mentor':
      case 'delete':
        return restartWith({ start: command });
    }
  }

  private async languageStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    if (step.options.greet) await step.context.sendActivity(t('common:greeting'));
    if (!person.language || step.options.changeLanguage) return step.beginDialog(LANGUAGE_DIALOG);
    return step.next();
  }

  private async consentStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const person = await this.deps.person.get(step.context, {});
    // Deleting needs no consent first: it must always be possible.
    if (person.consent || step.options.start === 'delete') return step.next();
    return step.beginDialog(CONSENT_DIALOG, { reason: 'first-time' });
  }

  /** Where to go: back into the intake, a command's target, the resume offer, or the menu. */
  private async entryStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    if (step.options.returnTo === 'intake') return step.next('intake' satisfies MenuChoice);
    if (step.options.start) return step.next(step.options.start);
    const person = await this.deps.person.get(step.context, {});
    const session = await this.deps.session.get(step.context, {});
    const now = this.deps.now();
    if (shouldOfferResume(person, session.intakeTouched === true, now)) {
      session.intakeTouched = true;
      person.intake!.resumeOfferedAt = now.toISOString();
      return step.beginDialog(RESUME_OFFER);
    }
    return this.promptMenu(step);
  }

  private async routeStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const choice = this.menuChoice(step.result);
    if (choice === undefined) return step.replaceDialog(FLOW, {});
    switch (choice) {
      case 'intake':
        return step.beginDialog(INTAKE_DIALOG);
      case 'faq':
        return step.beginDialog(FAQ_DIALOG);
      case 'mentor':
        return step.beginDialog(MENTOR_DIALOG, { reason: 'asked' });
      case 'language':
        return step.replaceDialog(FLOW, { changeLanguage: true });
      case 'delete':
        return step.beginDialog(DELETE_DATA_DIALOG);
    }
  }

  private async loopStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    // Erased, or in the mentor queue: the bot stops here; the next message starts afresh or goes to the mentor.
    if ((step.result as DeleteResult | undefined)?.erased || (step.result as MentorEnd | undefined)?.handoff) return step.endDialog();
    const next = (step.result as FaqEnd | undefined)?.next;
    return step.replaceDialog(FLOW, next ? { start: next } : {});
  }

  private async promptMenu(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const buttons = MENU_CHOICES.map((c) => t(`common:menu.${c}`));
    return step.prompt(ANSWER_PROMPT, {
      prompt: question(t('common:menu.prompt'), buttons),
      retryPrompt: question(t('common:chooseButton'), buttons),
      validations: this.menuSpec(),
    });
  }

  private menuSpec(): AnswerSpec & { type: 'choice' } {
    return { type: 'choice', options: this.deps.lexicon.options(MENU_CHOICES, (c) => `common:menu.${c}`) };
  }

  /** The result of the entry step is a choice already, or the menu's answer, or a resume decision. */
  private menuChoice(result: unknown): MenuChoice | undefined {
    if (typeof result === 'object' && result !== null && 'resume' in result) return (result as { resume: boolean }).resume ? 'intake' : undefined;
    if (typeof result !== 'string') return undefined;
    if ((MENU_CHOICES as readonly string[]).includes(result)) return result as MenuChoice;
    return matchChoice(result, this.menuSpec().options) as MenuChoice | undefined;
  }

  private async resumeAskStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t('intake:resume'), { yes: t('intake:resumeYes'), no: t('intake:resumeNo') }));
  }

  private async resumeAnswerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const resume = saidYes(this.deps, t, step.result as string, { yes: t('intake:resumeYes'), no: t('intake:resumeNo') });
    return step.endDialog({ resume });
  }
}

/** What the innermost waiting prompt accepts, if the conversation waits at an AnswerPrompt. */
function waitingFor(dc: DialogContext): AnswerSpec | undefined {
  let leaf: DialogContext = dc;
  while (leaf.child) leaf = leaf.child;
  const active = leaf.activeDialog;
  if (active?.id !== ANSWER_PROMPT) return undefined;
  return (active.state as { options?: { validations?: AnswerSpec } }).options?.validations;
}
