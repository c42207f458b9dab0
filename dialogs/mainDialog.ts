import { ActionTypes, Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
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
import { normalizeText } from '../src/domain/normalizeText';
import { isLanguage, Language, SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { detectLanguage } from '../src/domain/detectLanguage';
import { hasQuestionMark, looksLikeQuestion } from '../src/domain/looksLikeQuestion';
import { ANSWER_DEPENDS } from '../src/domain/faqTopics';
import { intakeUnfinished, MentorReason, shouldOfferResume } from '../src/domain/person';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import type { RecognizedCommand } from '../src/nlu/recognizer';
import { AnswerSpec, parseAnswer, question } from './answerSpec';
import { ConsentDialog, CONSENT_DIALOG } from './consentDialog';
import { DeleteDataDialog, DELETE_DATA_DIALOG, DeleteResult } from './deleteDataDialog';
import { DialogDeps, speak } from './dialogDeps';
import { FaqDialog, FAQ_DIALOG, FaqEnd } from './faqDialog';
import { EligibilityDialog, ELIGIBILITY_DIALOG, EligibilityOptions } from './eligibilityDialog';
import { sendAnswerWithFeedback, takeFeedback } from './faqFeedback';
import { IntakeDialog, INTAKE_DIALOG, IntakeOptions } from './intakeDialog';
import { LanguageDialog, LANGUAGE_DIALOG } from './languageDialog';
import { GlobalCommand } from './lexicon';
import { MentorDialog, MENTOR_DIALOG, MentorEnd } from './mentorDialog';
import { addAction, commandButtonByNumber } from './navigation';
import { saidYes, yesNoPrompt } from './yesNo';
import { voiceFailureText } from './voiceFailureText';
import { voiceNoteOf } from '../src/speech/voiceNote';

export const MAIN_DIALOG = 'mainDialog';
const FLOW = 'mainDialog.flow';
const RESUME_OFFER = 'mainDialog.resumeOffer';
/** Turn state: the bot's previous reply said it was not sure. */
const AFTER_UNSURE = Symbol('mainDialog.afterUnsure');

export const MENU_CHOICES = ['intake', 'result', 'faq', 'mentor', 'language', 'delete'] as const;
export type MenuChoice = (typeof MENU_CHOICES)[number];

export interface FlowOptions {
  /** Start of a conversation or "restart": greet first. */
  greet?: boolean;
  /** Ask the language even when one was chosen. */
  changeLanguage?: boolean;
  /**
   * Go back where the language was changed: into the unfinished intake, or to the result of the
   * finished one (shown again in the new language).
   */
  returnTo?: 'intake' | 'result';
  /** Go straight to this menu choice (a command such as "mentor" typed anywhere). */
  start?: MenuChoice;
  /** With start 'intake': begin the intake afresh ("start over" in the intake or at its result). */
  freshIntake?: boolean;
  /** Why a mentor is asked for, when `start` is 'mentor' (default 'asked'). */
  mentorReason?: MentorReason;
  /** Switch to this language without asking (its name was typed), then go on as after a language change. */
  setLanguage?: Language;
  /** The language to offer first when the language is asked (the one the person wrote in). */
  suggestLanguage?: Language;
}

type Command = GlobalCommand | RecognizedCommand;

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
    this.addDialog(new EligibilityDialog(deps));
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
    const session = await this.deps.session.get(context, {});
    context.turnState.set(AFTER_UNSURE, session.botUnsure === true);
    session.botUnsure = undefined;
    // Before a language is chosen, the bot speaks the language the person writes in, if it shows.
    if (!(await this.deps.person.get(context, {})).language) session.seenLanguage = detectLanguage(context.activity.text ?? '') ?? session.seenLanguage;
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id, await this.startFor(context, start));
  }

  /**
   * Where a new flow starts for a person the bot knows (after a mentor, after a pause): a command, a
   * language's name or a menu choice typed as the first message is carried out, not swallowed by a
   * greeting; anything else gets `start`.
   */
  private async startFor(context: TurnContext, start: FlowOptions): Promise<FlowOptions> {
    const person = await this.deps.person.get(context, {});
    const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
    if (!person.language || !text.trim()) return start;
    const lexicon = this.deps.lexicon;
    const command = lexicon.command(text) ?? lexicon.commandInWords(text);
    if (command === 'help') return start;
    if (command && command !== 'back' && command !== 'skip') return this.flowAfter(command, context);
    const named = lexicon.languageNamed(text);
    if (named && named !== person.language) return { setLanguage: named };
    if (lexicon.saysNotUnderstood(text)) return { changeLanguage: true, suggestLanguage: detectLanguage(text) };
    const choice = matchChoice(text, this.menuSpec(!!person.assessment).options);
    return choice && !/^\d+$/.test(text.trim()) ? { start: choice as MenuChoice } : start;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    return innerDc.beginDialog(FLOW, options ?? {});
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    if (!activity.text?.trim() && (activity.attachments?.length ?? 0) > 0) {
      const { t, lng } = await speak(this.deps, innerDc.context);
      const voice = voiceNoteOf(innerDc.context);
      if (voice) {
        // A voice note not understood: say why, and offer a mentor, who can listen to it.
        await innerDc.context.sendActivity(t(voiceFailureText(voice.failure)));
        (await this.deps.session.get(innerDc.context, {})).botUnsure = true;
        await this.repromptWithMentor(innerDc, t, lng);
        return ComponentDialog.EndOfTurn;
      }
      await innerDc.context.sendActivity(t('common:onlyText'));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    // A typed number taps the Back, Skip or Menu button shown at that place, as tapping it would.
    const tapped = commandButtonByNumber(activity.text, waitingOptions(innerDc), this.deps.lexicon);
    if (tapped) activity.text = tapped;
    const offered = await this.answerToOffer(innerDc);
    if (offered) return offered;
    const text = activity.text ?? '';
    // A tap on the helpful / not helpful pair under an answer is neither a command nor an answer.
    const feedback = await this.feedbackInsteadOfAnswer(innerDc, text);
    if (feedback) return feedback;
    const spec = waitingFor(innerDc);
    // An answer that names an option of the question being asked is that answer, before any command.
    if (spec && answersExactly(spec, text)) return super.onContinueDialog(innerDc);
    // At the language question, a greeting in a language ("مرحبا" after a Dutch start) asks again with that language first.
    const written = spec && isLanguageQuestion(spec) && parseAnswer(spec, text) === undefined ? detectLanguage(text) : undefined;
    // Only when that language is not already shown first: else the same list would come back with no
    // hint each time ("نعم" after "مرحبا"), and the retry prompt below says how to choose.
    if (written && spec?.type === 'choice' && written !== spec.options[0]?.value) return this.interrupt(innerDc, 'language', { suggestLanguage: written });
    const command = this.deps.lexicon.command(text) ?? this.deps.lexicon.commandInWords(text);
    // "back" and "skip" are the intake's, handled where the question is.
    if (command === 'back' || command === 'skip') return super.onContinueDialog(innerDc);
    if (command) return this.interrupt(innerDc, command);
    const named = await this.languageInsteadOfAnswer(innerDc, text, spec);
    if (named) return named;
    if (this.deps.lexicon.saysNotUnderstood(text)) return this.interrupt(innerDc, 'language', { suggestLanguage: detectLanguage(text) });
    const instead = await this.questionInsteadOfAnswer(innerDc, text);
    if (instead) return instead;
    return super.onContinueDialog(innerDc);
  }

  /**
   * A language's name typed anywhere switches to it. Where the name could also be the answer (a
   * first name, free text), the bot asks once; a "no" makes it the answer.
   */
  private async languageInsteadOfAnswer(innerDc: DialogContext, text: string, spec: AnswerSpec | undefined): Promise<DialogTurnResult | undefined> {
    const language = this.deps.lexicon.languageNamed(text);
    const { person } = await speak(this.deps, innerDc.context);
    if (!language || language === person.language) return undefined;
    const couldBeAnswer = !!spec && (spec.type === 'name' || (spec.type === 'text' && !spec.isQuestion)) && parseAnswer(spec, text) !== undefined;
    if (!couldBeAnswer) return this.interrupt(innerDc, 'language', { setLanguage: language });
    const session = await this.deps.session.get(innerDc.context, {});
    session.offer = { kind: 'language', language, text };
    const t = (key: string) => this.deps.translator.t(language, key);
    await innerDc.context.sendActivity(
      yesNoPrompt(this.deps, t, this.deps.translator.t(language, 'language:switchOffer', { language: t(`language:names.${language}`) })).prompt as Partial<Activity>,
    );
    return ComponentDialog.EndOfTurn;
  }

  /** The answer to a yes/no offer of the last turn: yes carries it out, no takes the message as the answer it also was. */
  private async answerToOffer(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const session = await this.deps.session.get(innerDc.context, {});
    const offer = session.offer;
    if (!offer) return undefined;
    session.offer = undefined;
    const answer = matchChoice(innerDc.context.activity.text ?? '', this.deps.lexicon.yesNo());
    if (answer === undefined) return undefined;
    if (answer === 'yes') {
      if (offer.kind === 'language') return this.interrupt(innerDc, 'language', { setLanguage: offer.language });
      return this.interrupt(innerDc, offer.command as Command);
    }
    if (offer.kind === 'language') {
      innerDc.context.activity.text = offer.text;
      return super.onContinueDialog(innerDc);
    }
    await innerDc.repromptDialog();
    return ComponentDialog.EndOfTurn;
  }

  /**
   * A question asked where the bot waits for an answer (at the menu, in the middle of the intake):
   * a sure FAQ answer is given and the same question asked again, so the conversation goes on; a
   * command said in other words is carried out. Text that does not fit is a question only when it
   * reads as one ("?", a question word or particle): the recognizer is sure of a topic for many
   * non-questions ("weet ik niet", "Syrië"), and those must get the question's own retry prompt.
   */
  private async questionInsteadOfAnswer(innerDc: DialogContext, text: string): Promise<DialogTurnResult | undefined> {
    const spec = waitingFor(innerDc);
    if (!spec || !text.trim() || (spec.type === 'text' && spec.isQuestion)) return undefined;
    const isAnswer = parseAnswer(spec, text) !== undefined;
    // A tapped button or a valid choice is an answer, even "Can I join?"; only where any text is a
    // valid answer (a name, the motivation) can a question be told from an answer by how it reads.
    const freeText = spec.type === 'text' || spec.type === 'name';
    const isQuestion = looksLikeQuestion(text);
    // A choice found only as a word inside a question ("will I get paid during the training?" holds
    // "training" at the experience question) is a question when the recognizer is sure of its topic.
    const wordInQuestion = isAnswer && !freeText && isQuestion && !answersExactly(spec, text);
    if (isAnswer && !freeText && !wordInQuestion) return undefined;
    if (isAnswer && !isQuestion) return undefined;
    // At the menu nothing but a menu choice is an answer, so a word the bot is sure of ("uitkering") is a
    // question there; in the intake such a word is more likely a wrong answer ("Syrië", "fulltime").
    const askedAtMenu = !isAnswer && this.isMenu(spec);
    const { t, lng } = await speak(this.deps, innerDc.context);
    const recognition = await this.deps.recognizer.recognize(text, lng);
    if ((isQuestion || askedAtMenu) && recognition.topic) {
      await sendAnswerWithFeedback(this.deps, innerDc.context, t, { topic: recognition.topic, text, confidence: recognition.confidence });
      // An answer that depends on the partner or the municipality comes with the mentor button.
      if (ANSWER_DEPENDS.has(recognition.topic)) await this.repromptWithMentor(innerDc, t, lng);
      else await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    if (wordInQuestion) return undefined;
    if (recognition.command && !isAnswer) {
      // Command words inside a longer message ("I want to start my life again") may mean something
      // else: only a short, command-like message is the command; otherwise the person is asked.
      if (this.deps.lexicon.commandLike(text, recognition.command)) return this.interrupt(innerDc, recognition.command);
      (await this.deps.session.get(innerDc.context, {})).offer = { kind: 'command', command: recognition.command, text };
      const offer = t('common:commandOffer', { command: t(`common:commandNames.${recognition.command}`) });
      await innerDc.context.sendActivity(yesNoPrompt(this.deps, t, offer).prompt as Partial<Activity>);
      return ComponentDialog.EndOfTurn;
    }
    // Question words alone do not make a name a question ("Kim"); a question mark does.
    if (isQuestion && (!isAnswer || hasQuestionMark(text))) {
      await innerDc.context.sendActivity(t('faq:notSure'));
      (await this.deps.session.get(innerDc.context, {})).botUnsure = true;
      await this.repromptWithMentor(innerDc, t, lng);
      return ComponentDialog.EndOfTurn;
    }
    return undefined;
  }

  /**
   * A tap on the helpful / not helpful pair under an answer given at the menu or in the intake (not in
   * the FAQ, which asks itself): counted and thanked for, then the waiting question again, after "not
   * helpful" with the mentor button.
   */
  private async feedbackInsteadOfAnswer(innerDc: DialogContext, text: string): Promise<DialogTurnResult | undefined> {
    const spec = waitingFor(innerDc);
    if (!spec || (spec.type === 'text' && spec.isQuestion)) return undefined;
    const { t, lng } = await speak(this.deps, innerDc.context);
    const feedback = await takeFeedback(this.deps, innerDc.context, t, lng, text);
    if (!feedback) return undefined;
    if (feedback === 'notHelpful') await this.repromptWithMentor(innerDc, t, lng);
    else await innerDc.repromptDialog();
    return ComponentDialog.EndOfTurn;
  }

  /**
   * Asks the waiting question again with a mentor button added to its buttons, after the bot said it
   * was not sure. The button sends the mentor command, so the question itself is left as it was.
   */
  private async repromptWithMentor(innerDc: DialogContext, t: (key: string) => string, lng: Language): Promise<void> {
    const prompt = waitingPrompt(innerDc);
    const mentorWord = this.deps.translator.list(lng, 'commands:mentor')[0];
    if (!prompt || !mentorWord) {
      await innerDc.repromptDialog();
      return;
    }
    const shown = prompt.suggestedActions?.actions ?? [];
    const title = t('common:menu.mentor');
    // The menu has a mentor button of its own.
    const actions = shown.some((a) => a.title === title) ? shown : addAction(shown, { type: ActionTypes.ImBack, title, value: mentorWord }, this.deps.lexicon);
    await innerDc.context.sendActivity({ ...prompt, suggestedActions: { to: prompt.suggestedActions?.to ?? [], actions } });
  }

  private async interrupt(innerDc: DialogContext, command: Command, extra: Partial<FlowOptions> = {}): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, innerDc.context);
    const inIntake = innerDc.stack.some((entry) => entry.id === INTAKE_DIALOG);
    // At the result the intake is finished: it is not "in the intake" any more (a language change
    // shows the result again instead of starting a new intake).
    const atResult = inIntake && !intakeUnfinished(person) && !!person.assessment;
    if (command === 'help') {
      await innerDc.context.sendActivity(t('common:help'));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    if (command === 'stop' && inIntake && !atResult) await innerDc.context.sendActivity(t('common:stopped'));
    await innerDc.cancelAllDialogs();
    // "Start over" in the intake or at its result starts the intake again, not the whole conversation.
    if (command === 'restart' && inIntake) return innerDc.beginDialog(FLOW, { start: 'intake', freshIntake: true });
    return innerDc.beginDialog(FLOW, { ...this.flowAfter(command, innerDc.context, inIntake ? (atResult ? 'result' : 'intake') : undefined), ...extra });
  }

  /** A mentor asked for right after the bot said it was not sure is asked for because of that. */
  private mentorReason(context: TurnContext): MentorReason {
    return context.turnState.get(AFTER_UNSURE) === true ? 'bot-unsure' : 'asked';
  }

  /** Where the flow starts again after a command (other than help) broke off what was going on. */
  private flowAfter(command: Exclude<Command, 'help'>, context: TurnContext, returnTo?: FlowOptions['returnTo']): FlowOptions {
    switch (command) {
      case 'language':
        return { changeLanguage: true, returnTo };
      case 'stop':
      case 'menu':
        return {};
      case 'restart':
        return { greet: true, changeLanguage: true };
      case 'mentor':
        return { start: 'mentor', mentorReason: this.mentorReason(context) };
      case 'delete':
        return { start: 'delete' };
    }
  }

  private async languageStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    if (step.options.greet) await step.context.sendActivity(t('common:greeting'));
    const chosen = step.options.setLanguage;
    if (chosen) {
      if (!person.language) await this.deps.funnel.record('started', chosen);
      person.language = chosen;
      await step.context.sendActivity(this.deps.translator.t(chosen, 'language:changed'));
      return step.next();
    }
    if (!person.language || step.options.changeLanguage) return step.beginDialog(LANGUAGE_DIALOG, { suggest: step.options.suggestLanguage });
    return step.next();
  }

  private async consentStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const person = await this.deps.person.get(step.context, {});
    // Deleting needs no consent first: it must always be possible.
    if (person.consent || step.options.start === 'delete') return step.next();
    return step.beginDialog(CONSENT_DIALOG, { reason: 'first-time' });
  }

  /** Where to go: back into the intake or to its result, a command's target, the resume offer, or the menu. */
  private async entryStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    if (step.options.returnTo === 'intake') return step.next('intake' satisfies MenuChoice);
    if (step.options.returnTo === 'result') return step.next();
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
    if (step.options.returnTo === 'result') return step.beginDialog(ELIGIBILITY_DIALOG, { again: true } satisfies EligibilityOptions);
    const person = await this.deps.person.get(step.context, {});
    const choice = this.menuChoice(step.result, !!person.assessment);
    if (choice === undefined) return step.replaceDialog(FLOW, {});
    switch (choice) {
      case 'intake':
        return step.beginDialog(INTAKE_DIALOG, { fresh: step.options.freshIntake } satisfies IntakeOptions);
      case 'result':
        if (!person.assessment) return step.beginDialog(INTAKE_DIALOG);
        return step.beginDialog(ELIGIBILITY_DIALOG, { again: true } satisfies EligibilityOptions);
      case 'faq':
        return step.beginDialog(FAQ_DIALOG);
      case 'mentor':
        return step.beginDialog(MENTOR_DIALOG, { reason: step.options.mentorReason ?? this.mentorReason(step.context) });
      case 'language':
        return step.replaceDialog(FLOW, { changeLanguage: true });
      case 'delete':
        return step.beginDialog(DELETE_DATA_DIALOG);
    }
  }

  private async loopStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    // Erased, or in the mentor queue: the bot stops here; the next message starts afresh or goes to the mentor.
    if ((step.result as DeleteResult | undefined)?.erased || (step.result as MentorEnd | undefined)?.handoff) return step.endDialog();
    const faq = typeof step.result === 'object' && step.result !== null ? (step.result as FaqEnd) : undefined;
    if (faq && 'command' in faq) {
      if (faq.command !== 'help') return step.replaceDialog(FLOW, this.flowAfter(faq.command, step.context));
      const { t } = await speak(this.deps, step.context);
      await step.context.sendActivity(t('common:help'));
      return step.replaceDialog(FLOW, { start: 'faq' });
    }
    if (faq && 'next' in faq) {
      return step.replaceDialog(FLOW, faq.next === 'mentor' ? this.flowAfter('mentor', step.context) : { start: faq.next });
    }
    return step.replaceDialog(FLOW, {});
  }

  private async promptMenu(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    const spec = this.menuSpec(!!person.assessment);
    const buttons = spec.options.map((o) => t(`common:menu.${o.value}`));
    return step.prompt(ANSWER_PROMPT, {
      prompt: question(t('common:menu.prompt'), buttons),
      retryPrompt: question(t('common:chooseButton'), buttons),
      validations: spec,
    });
  }

  /** Whether a waiting prompt is the menu's: its choices are the menu's, with or without "my result". */
  private isMenu(spec: AnswerSpec): boolean {
    return spec.type === 'choice' && [true, false].some((withResult) => {
      const shown = this.menuSpec(withResult).options;
      return spec.options.length === shown.length && spec.options.every((o, i) => o.value === shown[i].value);
    });
  }

  /** The menu's choices in the order shown; "my result" once there is one. */
  private menuSpec(withResult: boolean): AnswerSpec & { type: 'choice' } {
    const shown = MENU_CHOICES.filter((c) => c !== 'result' || withResult);
    return { type: 'choice', options: this.deps.lexicon.options(shown, (c) => `common:menu.${c}`, (c) => `common:menuSynonyms.${c}`) };
  }

  /** The result of the entry step is a choice already, or the menu's answer, or a resume decision. */
  private menuChoice(result: unknown, withResult: boolean): MenuChoice | undefined {
    if (typeof result === 'object' && result !== null && 'resume' in result) return (result as { resume: boolean }).resume ? 'intake' : undefined;
    if (typeof result !== 'string') return undefined;
    if ((MENU_CHOICES as readonly string[]).includes(result)) return result as MenuChoice;
    return matchChoice(result, this.menuSpec(withResult).options) as MenuChoice | undefined;
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

interface WaitingOptions {
  prompt?: Partial<Activity>;
  validations?: AnswerSpec;
}

/** The options of the innermost waiting prompt, if the conversation waits at an AnswerPrompt. */
function waitingOptions(dc: DialogContext): WaitingOptions | undefined {
  let leaf: DialogContext = dc;
  while (leaf.child) leaf = leaf.child;
  const active = leaf.activeDialog;
  if (active?.id !== ANSWER_PROMPT) return undefined;
  return (active.state as { options?: WaitingOptions }).options;
}

/** What the innermost waiting prompt accepts. */
function waitingFor(dc: DialogContext): AnswerSpec | undefined {
  return waitingOptions(dc)?.validations;
}

/** The question the innermost waiting prompt asked. */
function waitingPrompt(dc: DialogContext): Partial<Activity> | undefined {
  return waitingOptions(dc)?.prompt;
}

/** Whether the text names one of the choices of a question of choices or levels (not by a typo or a number). */
function answersExactly(spec: AnswerSpec, text: string): boolean {
  if (spec.type !== 'choice' && spec.type !== 'level') return false;
  const typed = normalizeText(text);
  if (!typed || /^\d+$/.test(typed)) return false;
  if (spec.type === 'level') return parseAnswer(spec, text) !== undefined;
  return spec.options.some((o) => o.phrases.some((p) => normalizeText(p) === typed));
}

/** Whether the question waiting is the language choice (its options are the six languages). */
function isLanguageQuestion(spec: AnswerSpec): boolean {
  return spec.type === 'choice' && spec.options.length === SUPPORTED_LANGUAGES.length && spec.options.every((o) => isLanguage(o.value));
}
