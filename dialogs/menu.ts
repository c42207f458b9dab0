import { matchChoice } from '../src/domain/matchChoice';
import { normalizePhrase, normalizeText } from '../src/domain/normalizeText';
import type { AnswerSpec } from './answerSpec';
import type { Lexicon } from './lexicon';

/** The menu's choices, in the order shown. */
export const MENU_CHOICES = ['intake', 'result', 'status', 'faq', 'mentor', 'language', 'followUps', 'delete'] as const;
export type MenuChoice = (typeof MENU_CHOICES)[number];

/** Choices shown only once the intake has a result: "my result" and "where am I?" (the selection starts then). */
const AFTER_RESULT: ReadonlySet<MenuChoice> = new Set(['result', 'status']);

/** The key of a choice's button text ("stop follow-ups" is the talent pool's). */
export const menuLabelKey = (choice: MenuChoice) => (choice === 'followUps' ? 'pool:menu.button' : `common:menu.${choice}`);
const synonymKey = (choice: MenuChoice) => (choice === 'followUps' ? 'pool:menu.synonyms' : `common:menuSynonyms.${choice}`);

/** The menu as a question of choices, in any language; "my result" and "where am I?" once there is a result; "stop follow-ups" in the talent pool. */
export function menuSpec(lexicon: Lexicon, withResult: boolean, inPool = false): AnswerSpec & { type: 'choice' } {
  const shown = MENU_CHOICES.filter((c) => (!AFTER_RESULT.has(c) || withResult) && (c !== 'followUps' || inPool));
  return { type: 'choice', options: lexicon.options(shown, menuLabelKey, synonymKey) };
}

/** Whether a waiting question is the menu: its choices are the menu's, with or without "my result". */
export function isMenu(lexicon: Lexicon, spec: AnswerSpec): boolean {
  return (
    spec.type === 'choice' &&
    [[true, false], [false, false], [true, true], [false, true]].some(([withResult, inPool]) => {
      const shown = menuSpec(lexicon, withResult, inPool).options;
      return spec.options.length === shown.length && spec.options.every((o, i) => o.value === shown[i].value);
    })
  );
}

/** Whether the text is exactly a choice's button or synonym, in any language (not a typo or a number). */
export function namesMenuChoice(lexicon: Lexicon, text: string, choice: MenuChoice): boolean {
  const typed = normalizeText(text);
  const option = menuSpec(lexicon, true, true).options.find((o) => o.value === choice);
  return !!typed && !!option?.phrases.some((p) => normalizePhrase(p) === typed);
}

/** The menu choice a flow step got: a choice already, the menu's answer, or a resume decision (yes: the intake). */
export function menuChoiceOf(lexicon: Lexicon, result: unknown, withResult: boolean, inPool = false): MenuChoice | undefined {
  if (typeof result === 'object' && result !== null && 'resume' in result) return (result as { resume: boolean }).resume ? 'intake' : undefined;
  if (typeof result !== 'string') return undefined;
  if ((MENU_CHOICES as readonly string[]).includes(result)) return result as MenuChoice;
  return matchChoice(result, menuSpec(lexicon, withResult, inPool).options) as MenuChoice | undefined;
}
