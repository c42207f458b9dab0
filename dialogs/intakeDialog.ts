import { Activity, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogContext,
  DialogTurnResult,
  PromptValidatorContext,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import {
  IntakeField,
  intakeField,
  LEVEL_CHOICES,
  nextOpenField,
  previousField,
  profileFromAnswers,
} from '../src/domain/intake';
import { findMunicipality, municipalityByName } from '../src/domain/municipalities';
import { hasConsent, IntakeRecord } from '../src/domain/person';
import { isLevelDigit, typedLevel } from '../src/domain/parseAnswers';
import { CEFR_LEVELS } from '../src/domain/profile';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { AnswerSpec, parseAnswer, question } from './answerSpec';
import { CanDoDialog, CanDoOptions, CAN_DO_DIALOG } from './canDoDialog';
import { ConsentDialog, CONSENT_DIALOG } from './consentDialog';
import { DialogDeps, speak } from './dialogDeps';
import { EligibilityDialog, ELIGIBILITY_DIALOG, EligibilityOptions } from './eligibilityDialog';
import { settledOutcome } from '../src/domain/eligibility';
import { withNavigation } from './navigation';
import { saidYes, yesNoPrompt } from './yesNo';

export const INTAKE_DIALOG = 'intakeDialog';
/** The numbers of hours the locales list words for ("fulltime", "veertig"). */
const HOURS_IN_WORDS = ['40', '32', '24', '20', '16', '8'] as const;
const START = 'intakeDialog.start';
const FIELD = 'intakeDialog.field';

export interface IntakeOptions {
  /** Begin afresh even when an intake was finished ("start over"). */
  fresh?: boolean;
}

const AGAIN_CHOICES = ['result', 'change', 'restart'] as const;
/** Fields a finished intake lets a person change: the ones with choices or numbers (not the free texts). */
const CHANGEABLE = ['residenceStatus', 'municipality', 'dutchLevel', 'englishLevel', 'education', 'itEducation', 'itExperience', 'motivatedForIT', 'hoursPerWeek'];

interface FieldOptions {
  field: string;
}

interface StepValues {
  /** The level came from the can-do statements, not from the person. */
  estimated?: boolean;
  /** A level read from words ("goed", "متوسط"), asked about before it counts. */
  wordLevel?: string;
}

export type IntakeEnd = 'completed' | 'no-consent';

/**
 * The intake: one question per field, in the brief's order, answers kept in the person's record as
 * they come (so a later conversation resumes where this one stopped). "back" and "skip" work at every
 * question; "stop" and the other commands are the main dialog's. Ends by showing the result.
 */
export class IntakeDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(INTAKE_DIALOG);
    this.addDialog(new AnswerPrompt(ANSWER_PROMPT, this.explainInvalid.bind(this)));
    this.addDialog(new ConsentDialog(deps));
    this.addDialog(new CanDoDialog(deps));
    this.addDialog(new EligibilityDialog(deps));
    this.addDialog(new WaterfallDialog(START, [this.consentStep.bind(this), this.startStep.bind(this), this.againStep.bind(this), this.changeStep.bind(this)]));
    this.addDialog(
      new WaterfallDialog(FIELD, [this.askStep.bind(this), this.estimateStep.bind(this), this.confirmLevelStep.bind(this), this.saveStep.bind(this)]),
    );
    this.initialDialogId = START;
  }

  /**
   * "back" and "skip" are answers to the current question, handled before the prompt sees them. In
   * the can-do statements they belong to the level question: "back" goes to the statement before
   * (from the first, to the level question), "skip" is treated as at the level question.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const command = this.deps.lexicon.command(innerDc.context.activity.text);
    const intake = (await this.deps.person.get(innerDc.context, {})).intake;
    const active = innerDc.activeDialog?.id;
    if ((command === 'back' || command === 'skip') && (active === ANSWER_PROMPT || active === CAN_DO_DIALOG) && intake?.current) {
      const { t } = await speak(this.deps, innerDc.context);
      const current = intakeField(intake.current);
      if (command === 'back' && active === CAN_DO_DIALOG) {
        const session = await this.deps.session.get(innerDc.context, {});
        if (session.canDo && session.canDo.answers.length > 0) session.canDo = { ...session.canDo, answers: session.canDo.answers.slice(0, -1) };
        else session.canDo = undefined;
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(FIELD, { field: current.id });
      }
      if (command === 'back') {
        const previous = previousField(intake.answers, current.id);
        if (!previous) {
          await innerDc.context.sendActivity(t('intake:firstQuestion'));
          await innerDc.repromptDialog();
          return ComponentDialog.EndOfTurn;
        }
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(FIELD, { field: previous.id });
      }
      if (!current.optional) {
        await innerDc.context.sendActivity(t('intake:cannotSkip'));
        await innerDc.repromptDialog();
        return ComponentDialog.EndOfTurn;
      }
      this.record(intake, current.id, null, false);
      (await this.deps.session.get(innerDc.context, {})).canDo = undefined;
      await innerDc.cancelAllDialogs();
      return this.continueIntake(innerDc, intake);
    }
    // A level typed during the can-do statements ("B1") is the person's own answer to the level question.
    const typed = active === CAN_DO_DIALOG && intake?.current ? typedLevel(innerDc.context.activity.text ?? '') : undefined;
    if (typed && intake?.current) {
      this.record(intake, intake.current, typed, false);
      (await this.deps.session.get(innerDc.context, {})).canDo = undefined;
      await innerDc.cancelAllDialogs();
      return this.continueIntake(innerDc, intake);
    }
    return super.onContinueDialog(innerDc);
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const person = await this.deps.person.get(step.context, {});
    if (hasConsent(person)) return step.next(true);
    return step.beginDialog(CONSENT_DIALOG, { reason: 'needed' });
  }

  private async startStep(step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> {
    if (step.result !== true) return step.endDialog('no-consent' satisfies IntakeEnd);
    const { t, person } = await speak(this.deps, step.context);
    (await this.deps.session.get(step.context, {})).intakeTouched = true;
    // A finished intake is not wiped silently: see the result, change one answer, or start again.
    if (person.intake?.completedAt && person.assessment && !step.options?.fresh) {
      const spec: AnswerSpec = { type: 'choice', options: this.deps.lexicon.options(AGAIN_CHOICES, (c) => `intake:again.${c}`) };
      const buttons = AGAIN_CHOICES.map((c) => t(`intake:again.${c}`));
      return step.prompt(ANSWER_PROMPT, { prompt: question(t('intake:again.prompt'), [...buttons, t('common:buttons.menu')]), retryPrompt: question(t('common:chooseButton'), [...buttons, t('common:buttons.menu')]), validations: spec });
    }
    return this.beginIntake(step);
  }

  private async againStep(step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    const spec = this.deps.lexicon.options(AGAIN_CHOICES, (c) => `intake:again.${c}`);
    const choice = parseAnswer({ type: 'choice', options: spec }, step.result as string);
    if (choice === 'result') return step.replaceDialog(ELIGIBILITY_DIALOG, { again: true } satisfies EligibilityOptions);
    if (choice !== 'change') return this.beginIntake(step);
    const answers = person.intake!.answers;
    const fields = CHANGEABLE.filter((id) => answers[id] !== undefined);
    const options = this.deps.lexicon.options(fields, (id) => `intake:fieldNames.${id}`);
    const buttons = fields.map((id) => t(`intake:fieldNames.${id}`));
    return step.prompt(ANSWER_PROMPT, { prompt: question(t('intake:again.which'), buttons), retryPrompt: question(t('common:chooseButton'), buttons), validations: { type: 'choice', options } });
  }

  /** One answer is asked again; the intake then goes on to any question that now applies, and the result is worked out anew. */
  private async changeStep(step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> {
    const { person } = await speak(this.deps, step.context);
    const intake = person.intake!;
    const fields = CHANGEABLE.filter((id) => intake.answers[id] !== undefined);
    const field = parseAnswer({ type: 'choice', options: this.deps.lexicon.options(fields, (id) => `intake:fieldNames.${id}`) }, step.result as string);
    if (typeof field !== 'string') return step.endDialog();
    delete intake.answers[field];
    intake.completedAt = undefined;
    return this.continueIntake(step, intake);
  }

  private async beginIntake(step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    if (!person.intake || person.intake.completedAt || step.options?.fresh) {
      const now = this.deps.now().toISOString();
      person.intake = { answers: {}, estimated: [], startedAt: now, updatedAt: now };
      await step.context.sendActivity(t('intake:intro'));
    }
    return this.continueIntake(step, person.intake);
  }

  private async askStep(step: WaterfallStepContext<FieldOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    const field = intakeField(step.options.field);
    person.intake!.current = field.id;
    // Back in the middle of the can-do statements (after a language change, "back", "menu"): go on there.
    if (await this.canDoUnderWay(step.context, field)) return step.next();
    const text = t(`intake:fields.${field.id}.prompt`);
    const buttons = withNavigation(this.buttons(field, t), t, !!previousField(person.intake!.answers, field.id));
    return step.prompt(ANSWER_PROMPT, {
      prompt: question(text, buttons),
      retryPrompt: question(t(`intake:fields.${field.id}.retry`), buttons),
      validations: this.spec(field),
    });
  }

  private async estimateStep(step: WaterfallStepContext<FieldOptions>): Promise<DialogTurnResult> {
    const field = intakeField(step.options.field);
    const underWay = await this.canDoUnderWay(step.context, field);
    const value = underWay ? undefined : parseAnswer(this.spec(field), step.result as string);
    if (underWay || (field.kind === 'level' && value === 'dontKnow')) {
      (step.values as StepValues).estimated = true;
      const options: CanDoOptions = { language: field.language!, field: field.id, answers: underWay?.answers ?? [], resumed: !!underWay };
      return step.beginDialog(CAN_DO_DIALOG, options);
    }
    // A level said in words decides the outcome as much as a tapped one: the bot checks it with that
    // level's can-do statement first ("goed" is B2, which means "apply directly").
    if (field.kind === 'level' && typeof value === 'string' && value !== 'none' && this.fromWords(field, step.result as string)) {
      const { t } = await speak(this.deps, step.context);
      (step.values as StepValues).wordLevel = value;
      const language = t(`intake:canDo.languages.${field.language}`);
      const statement = t(`intake:canDo.${value === 'C2' ? 'C1' : value}`, { language });
      // Yes, No and Menu, as every yes/no question has.
      const labels = { yes: t('common:buttons.yes'), no: t('common:buttons.no') };
      return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t('intake:levelConfirm', { language, level: value, statement }), labels, [t('common:buttons.menu')]));
    }
    return step.next(value);
  }

  /** Whether a level answer was read only through words, not typed or tapped as a level ("B2", "C2 (fluent)"). */
  private fromWords(field: IntakeField, text: string): boolean {
    const spec = this.spec(field);
    return spec.type === 'level' && parseAnswer({ ...spec, words: undefined }, text) === undefined;
  }

  /** After a level in words: yes keeps it; no finds the level with the can-do statements. */
  private async confirmLevelStep(step: WaterfallStepContext<FieldOptions>): Promise<DialogTurnResult> {
    const values = step.values as StepValues;
    const level = values.wordLevel;
    if (level === undefined) return step.next(step.result);
    values.wordLevel = undefined;
    const { t } = await speak(this.deps, step.context);
    if (saidYes(this.deps, t, step.result as string)) return step.next(level);
    const field = intakeField(step.options.field);
    values.estimated = true;
    const options: CanDoOptions = { language: field.language!, field: field.id, answers: [], resumed: false };
    return step.beginDialog(CAN_DO_DIALOG, options);
  }

  /** The can-do statements answered so far for this level field, when they were begun and not finished. */
  private async canDoUnderWay(context: TurnContext, field: IntakeField) {
    const progress = (await this.deps.session.get(context, {})).canDo;
    return field.kind === 'level' && progress?.field === field.id ? progress : undefined;
  }

  private async saveStep(step: WaterfallStepContext<FieldOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    const field = intakeField(step.options.field);
    const intake = person.intake!;
    const estimated = (step.values as StepValues).estimated === true;
    let value: string | number | boolean = step.result as string | number;
    if (field.kind === 'yesno') value = value === 'yes';
    this.record(intake, field.id, value, estimated);
    (await this.deps.session.get(step.context, {})).canDo = undefined;
    if (field.kind === 'municipality') {
      const municipality = municipalityByName(String(value));
      if (municipality) await step.context.sendActivity(t('intake:fields.municipality.found', { municipality: municipality.name, province: municipality.province }));
    }
    return this.continueIntake(step, intake);
  }

  private record(intake: IntakeRecord, fieldId: string, value: string | number | boolean | null, estimated: boolean): void {
    intake.answers[fieldId] = value;
    intake.estimated = intake.estimated.filter((f) => f !== fieldId).concat(estimated ? [fieldId] : []);
    intake.updatedAt = this.deps.now().toISOString();
  }

  /**
   * Asks the next open question, or, when there is none, closes the intake and shows the result. Stored
   * answers that do not make a valid profile are dropped and asked again, so no result rests on them.
   */
  private async continueIntake(dc: DialogContext, intake: IntakeRecord): Promise<DialogTurnResult> {
    const replaceOrBegin = (id: string, options?: object) =>
      dc.activeDialog ? dc.replaceDialog(id, options) : dc.beginDialog(id, options);
    // The answers so far settle the outcome (not a statushouder, no wish to work in IT): no more questions.
    const settled = settledOutcome(intake.answers);
    if (settled) {
      intake.current = undefined;
      intake.completedAt = this.deps.now().toISOString();
      const { t, lng } = await speak(this.deps, dc.context);
      await this.deps.funnel.record('intakeCompleted', lng);
      await dc.context.sendActivity(t('intake:done'));
      return replaceOrBegin(ELIGIBILITY_DIALOG, { settled } satisfies EligibilityOptions);
    }
    let next = nextOpenField(intake.answers);
    if (!next) {
      const profile = profileFromAnswers(intake.answers);
      if (!profile.ok) {
        for (const id of profile.fields) delete intake.answers[id];
        next = nextOpenField(intake.answers);
        if (!next) throw new Error(`IntakeDialog.continueIntake(): no question to ask again for ${profile.fields.join(', ')}`);
      }
    }
    if (next) return replaceOrBegin(FIELD, { field: next.id });
    intake.current = undefined;
    intake.completedAt = this.deps.now().toISOString();
    const { t, lng } = await speak(this.deps, dc.context);
    await this.deps.funnel.record('intakeCompleted', lng);
    await dc.context.sendActivity(t('intake:done'));
    return replaceOrBegin(ELIGIBILITY_DIALOG);
  }

  private spec(field: IntakeField): AnswerSpec {
    const lexicon = this.deps.lexicon;
    switch (field.kind) {
      case 'choice':
        return {
          type: 'choice',
          options: lexicon.options(field.options!, (v) => `intake:fields.${field.id}.options.${v}`, (v) => `intake:fields.${field.id}.synonyms.${v}`),
        };
      case 'yesno':
        return { type: 'choice', options: lexicon.yesNo() };
      case 'level':
        return {
          type: 'level',
          none: [...lexicon.textEverywhere('intake:levels.none'), ...lexicon.listEverywhere('intake:levelSynonyms.none')],
          dontKnow: [...lexicon.textEverywhere('intake:levels.dontKnow'), ...lexicon.listEverywhere('intake:levelSynonyms.dontKnow')],
          words: Object.fromEntries(CEFR_LEVELS.filter((l) => l !== 'none').map((l) => [l, lexicon.listEverywhere(`intake:levelSynonyms.${l}`)])),
        };
      case 'hours':
        return { type: 'hours', words: Object.fromEntries(HOURS_IN_WORDS.map((h) => [h, lexicon.listEverywhere(`intake:hoursWords.${h}`)])) };
      case 'name':
        return {
          type: 'name',
          words: { before: lexicon.listEverywhere('intake:nameWords.before'), after: lexicon.listEverywhere('intake:nameWords.after'), notName: lexicon.listEverywhere('intake:nameWords.notName') },
        };
      case 'text':
        return { type: 'text' };
      case 'municipality':
        return { type: 'municipality' };
    }
  }

  private buttons(field: IntakeField, t: (key: string) => string): string[] {
    const skip = field.optional ? [t('common:buttons.skip')] : [];
    switch (field.kind) {
      case 'choice':
        return [...field.options!.map((v) => t(`intake:fields.${field.id}.options.${v}`)), ...skip];
      case 'yesno':
        return [t('common:buttons.yes'), t('common:buttons.no')];
      case 'level':
        return LEVEL_CHOICES.map((l) => t(`intake:levels.${l}`));
      case 'hours':
        return [...(field.quickAnswers ?? [])];
      default:
        return skip;
    }
  }

  /**
   * A number alone at a level question: which level is meant, asked with the level buttons. A municipality
   * that is not found exactly: offer the close names as buttons, or say it is unknown.
   */
  private async explainInvalid(spec: AnswerSpec, prompt: PromptValidatorContext<string>): Promise<void> {
    const context: TurnContext = prompt.context;
    // "2" at a level question may be A2, B2 or the second row: ask which, with the same buttons.
    if (spec.type === 'level' && isLevelDigit(prompt.recognized.value ?? '')) {
      const { t } = await speak(this.deps, context);
      await context.sendActivity({ ...(prompt.options.retryPrompt as Partial<Activity>), text: t('intake:levelNumber') });
      return;
    }
    if (spec.type !== 'municipality') return;
    const { t, person } = await speak(this.deps, context);
    const answer = (prompt.recognized.value ?? '').slice(0, 60);
    const match = findMunicipality(answer);
    const canGoBack = !!previousField(person.intake?.answers ?? {}, 'municipality');
    if (match.kind === 'suggest') {
      const buttons = withNavigation([...match.candidates.map((m) => m.name), t('common:buttons.skip')], t, canGoBack);
      await context.sendActivity(question(t('intake:fields.municipality.didYouMean', { answer }), buttons));
    } else {
      await context.sendActivity(question(t('intake:fields.municipality.unknown', { answer }), withNavigation([t('common:buttons.skip')], t, canGoBack)));
    }
  }
}
