import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { matchChoice } from '../src/domain/matchChoice';
import { PRIVACY_TEXT_VERSION } from '../src/domain/person';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { AnswerSpec, question } from './answerSpec';
import { DialogDeps, speak } from './dialogDeps';
import type { TurnContext } from 'botbuilder';

export const CONSENT_DIALOG = 'consentDialog';
const STEPS = 'consentDialog.steps';

export interface ConsentOptions {
  /** Why consent is asked now: the first time, or because the person wants something that needs it. */
  reason?: 'first-time' | 'needed';
  /** The full privacy text was asked for and shown; ask again without repeating the notice. */
  fullShown?: boolean;
  /** The notice was shown a moment ago (the person typed "menu" at the question): ask only the question. */
  questionOnly?: boolean;
}

const ANSWERS = ['agree', 'more', 'decline'] as const;

/**
 * Consent in layers: one short sentence, a simple notice (what, why, who, how long, how to delete),
 * the full text on request. The decision is recorded with its time, language and text version before
 * anything personal is asked. Ends with true when consent was given.
 */
export class ConsentDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CONSENT_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.askStep.bind(this), this.decideStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askStep(step: WaterfallStepContext<ConsentOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const options = step.options ?? {};
    if (!options.fullShown && !options.questionOnly) {
      if (options.reason === 'needed') await step.context.sendActivity(t('consent:needed'));
      await step.context.sendActivity(t('consent:short'));
      await step.context.sendActivity(t('consent:notice', { ...this.deps.retention }));
    }
    const spec = this.spec(options.fullShown === true);
    const buttons = spec.options.map((o) => t(`consent:${o.value}`));
    return step.prompt(ANSWER_PROMPT, {
      prompt: question(t('consent:question'), buttons),
      retryPrompt: question(t('common:chooseButton'), buttons),
      validations: spec,
    });
  }

  private async decideStep(step: WaterfallStepContext<ConsentOptions>): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    const answer = matchChoice(step.result as string, this.spec(step.options?.fullShown === true).options);
    if (answer === 'more') {
      const privacy = this.deps.privacy;
      const who = privacy ? `\n${t('consent:controller', { ...privacy })}` : '';
      await step.context.sendActivity(`${t('consent:full', { ...this.deps.retention })}${who}`);
      return step.replaceDialog(STEPS, { ...step.options, fullShown: true });
    }
    const given = answer === 'agree';
    await recordConsent(this.deps, step.context, given);
    return step.endDialog(given);
  }

  /**
   * The buttons shown, in any language, in their order (a typed "2" is the second button shown); a
   * plain yes or no answers the question too, but only as the whole answer or its first clause ("No,
   * thank you."): a yes or no word inside a sentence ("why not", "I do not understand what you save",
   * "لا أفهم") decides nothing about the person's data. A question asks to read more; once the full
   * text was shown, "more" is gone and a question or unclear sentence asks to choose.
   */
  private spec(fullShown: boolean): AnswerSpec & { type: 'choice' } {
    const [yes, no] = this.deps.lexicon.yesNo();
    const extra: Record<(typeof ANSWERS)[number], string[]> = { agree: yes.phrases, more: this.deps.lexicon.listEverywhere('consent:moreWords'), decline: no.phrases };
    const shown = ANSWERS.filter((a) => !(a === 'more' && fullShown));
    const options = this.deps.lexicon.options(shown, (a) => `consent:${a}`);
    return {
      type: 'choice',
      options: options.map((o) => ({
        ...o,
        phrases: [...o.phrases, ...extra[o.value]],
        ...(o.value === 'more' ? { forQuestions: true } : { wholeOnly: true, companions: this.deps.lexicon.answerCompanions() }),
      })),
    };
  }
}

/** Keeps the person's decision with its time, language and text version, and answers it. */
export async function recordConsent(deps: DialogDeps, context: TurnContext, given: boolean): Promise<void> {
  const { t, lng, person } = await speak(deps, context);
  person.consent = { given, at: deps.now().toISOString(), language: lng, privacyVersion: PRIVACY_TEXT_VERSION };
  if (given) await deps.funnel.record('consented', lng);
  await context.sendActivity(t(given ? 'consent:thanks' : 'consent:declined'));
}
