import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { ChoiceOption, matchChoice } from '../src/domain/matchChoice';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { AnswerSpec, question } from './answerSpec';
import { DialogDeps, speak } from './dialogDeps';

export const LANGUAGE_DIALOG = 'languageDialog';

export interface LanguageOptions {
  /** The language to offer first (the one the person wrote in), instead of the current one. */
  suggest?: Language;
}
const STEPS = 'languageDialog.steps';

/**
 * Asks which of the six languages to use. Before a choice the person may not read our default
 * language, so the question is shown in every language, the likeliest one first. The first choice
 * a person makes counts them as "started" in the numbers, in the language they chose.
 */
export class LanguageDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(LANGUAGE_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.askStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askStep(step: WaterfallStepContext<LanguageOptions>): Promise<DialogTurnResult> {
    const { lng: current, person } = await speak(this.deps, step.context);
    const lng = step.options?.suggest ?? current;
    // The second language the first message may be in ("سلام": Arabic or Persian) comes right after.
    const also = step.options?.suggest || person.language ? undefined : (await this.deps.session.get(step.context, {})).seenAlso;
    const first: Language[] = also && also !== lng ? [lng, also] : [lng];
    const order: Language[] = [...first, ...SUPPORTED_LANGUAGES.filter((l) => !first.includes(l))];
    const text = order.map((l) => this.deps.translator.t(l, 'language:prompt')).join('\n');
    const buttons = order.map((l) => this.deps.translator.t(l, `language:names.${l}`));
    (step.values as { order: Language[] }).order = order; // typed numbers ("2") refer to the order shown
    const spec: AnswerSpec = { type: 'choice', options: languageOptions(this.deps, order) };
    const hint = question(this.deps.translator.t(lng, 'language:notUnderstood'), buttons);
    return step.prompt(ANSWER_PROMPT, { prompt: question(text, buttons), retryPrompt: hint, validations: spec });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = matchChoice(step.result as string, languageOptions(this.deps, (step.values as { order: Language[] }).order)) as Language;
    const person = await this.deps.person.get(step.context, {});
    if (!person.language) {
      await this.deps.funnel.record('started', chosen);
      await this.deps.outcomes?.reached('started', { firstContactAt: person.startedAt, language: chosen });
    }
    person.language = chosen;
    await step.context.sendActivity(this.deps.translator.t(chosen, 'language:changed'));
    return step.endDialog(chosen);
  }
}

/** A language is named by its own name (the button), its code ("ar"), or its name in any of the six ("Arabisch", "عربي"). */
function languageOptions(deps: DialogDeps, order: readonly Language[]): ChoiceOption<Language>[] {
  return order.map((l) => ({
    value: l,
    phrases: [deps.translator.t(l, `language:names.${l}`), l, ...deps.lexicon.listEverywhere(`language:synonyms.${l}`)],
  }));
}
