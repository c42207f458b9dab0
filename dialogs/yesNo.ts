import type { PromptOptions } from 'botbuilder-dialogs';
import { ChoiceOption, matchChoice } from '../src/domain/matchChoice';
import { question } from './answerSpec';
import type { DialogDeps } from './dialogDeps';

type T = (key: string, vars?: Record<string, unknown>) => string;

export interface YesNoLabels {
  yes: string;
  no: string;
}

function defaultLabels(t: T): YesNoLabels {
  return { yes: t('common:buttons.yes'), no: t('common:buttons.no') };
}

function yesNoOptions(deps: DialogDeps, labels: YesNoLabels): ChoiceOption<'yes' | 'no'>[] {
  const [yes, no] = deps.lexicon.yesNo();
  return [
    { value: 'yes', phrases: [...yes.phrases, labels.yes] },
    { value: 'no', phrases: [...no.phrases, labels.no] },
  ];
}

/**
 * Prompt options for a yes/no question with two buttons (and any `more` after them, such as Back and
 * Menu); yes/no typed in any language counts.
 */
export function yesNoPrompt(deps: DialogDeps, t: T, text: string, labels: YesNoLabels = defaultLabels(t), more: string[] = []): PromptOptions {
  const buttons = [labels.yes, labels.no, ...more];
  return {
    prompt: question(text, buttons),
    retryPrompt: question(`${t('common:chooseButton')}\n${text}`, buttons),
    validations: { type: 'choice', options: yesNoOptions(deps, labels) },
  };
}

/** Whether an answer that a yesNoPrompt with the same labels accepted means yes. */
export function saidYes(deps: DialogDeps, t: T, answer: string, labels: YesNoLabels = defaultLabels(t)): boolean {
  return matchChoice(answer, yesNoOptions(deps, labels)) === 'yes';
}
