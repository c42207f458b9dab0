import type { Activity } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { normalizePhrase, normalizeText } from '../src/domain/normalizeText';
import { isLanguage, SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { ANSWER_PROMPT } from './answerPrompt';
import { AnswerSpec, parseAnswer } from './answerSpec';

/*
 * Where the conversation waits: the question the innermost AnswerPrompt asked and what it accepts,
 * read from the dialog stack (the router decides by them whether a message is an answer).
 */

export interface WaitingOptions {
  prompt?: Partial<Activity>;
  validations?: AnswerSpec;
}

/** The options of the innermost waiting prompt, if the conversation waits at an AnswerPrompt. */
export function waitingOptions(dc: DialogContext): WaitingOptions | undefined {
  let leaf: DialogContext = dc;
  while (leaf.child) leaf = leaf.child;
  const active = leaf.activeDialog;
  if (active?.id !== ANSWER_PROMPT) return undefined;
  return (active.state as { options?: WaitingOptions }).options;
}

/** Whether a dialog of this id runs at any depth under `dc`. */
export function onStack(dc: DialogContext, id: string): boolean {
  for (let at: DialogContext | undefined = dc; at; at = at.child) if (at.stack.some((entry) => entry.id === id)) return true;
  return false;
}

/** What the innermost waiting prompt accepts. */
export function waitingFor(dc: DialogContext): AnswerSpec | undefined {
  return waitingOptions(dc)?.validations;
}

/** The question the innermost waiting prompt asked. */
export function waitingPrompt(dc: DialogContext): Partial<Activity> | undefined {
  return waitingOptions(dc)?.prompt;
}

/** Whether the text names one of the choices of a question of choices or levels (not by a typo or a number). */
export function answersExactly(spec: AnswerSpec, text: string): boolean {
  if (spec.type !== 'choice' && spec.type !== 'level') return false;
  const typed = normalizeText(text);
  if (!typed || /^\d+$/.test(typed)) return false;
  if (spec.type === 'level') return parseAnswer(spec, text) !== undefined;
  return spec.options.some((o) => o.phrases.some((p) => normalizePhrase(p) === typed));
}

/** Whether the question waiting is the language choice (its options are the six languages). */
export function isLanguageQuestion(spec: AnswerSpec): boolean {
  return spec.type === 'choice' && spec.options.length === SUPPORTED_LANGUAGES.length && spec.options.every((o) => isLanguage(o.value));
}
