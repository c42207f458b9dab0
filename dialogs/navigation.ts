import type { Activity, CardAction } from 'botbuilder';
import { normalizePhrase, normalizeText } from '../src/domain/normalizeText';
import type { AnswerSpec } from './answerSpec';
import type { Lexicon } from './lexicon';

type T = (key: string) => string;

/** WhatsApp shows at most ten choices (the rows of a list); more would be cut. */
export const MAX_BUTTONS = 10;
/** Up to this many, WhatsApp shows buttons to tap at once; more become a list that must be opened first. */
export const REPLY_BUTTONS = 3;

/**
 * A question's buttons followed by Back (where there is a question before) and Menu, so a person who
 * only taps can go back or reach the menu. Each sends its label, which the lexicon reads as the
 * command in every language. Back is left out where it would push a list past ten rows, and where it
 * alone would turn a yes/no question's three buttons into a list: one tap on "Yes" matters more there
 * than a way back. Menu always stays, and typing "back" still works.
 */
export function withNavigation(choices: string[], t: T, canGoBack: boolean): string[] {
  const menu = t('common:buttons.menu');
  const withBack = canGoBack ? [...choices, t('common:buttons.back'), menu] : [...choices, menu];
  const withoutBack = [...choices, menu];
  const backCostsReplyButtons = withoutBack.length <= REPLY_BUTTONS && withBack.length > REPLY_BUTTONS;
  return withBack.length > MAX_BUTTONS || backCostsReplyButtons ? withoutBack : withBack;
}

/** The actions with one more added; Back makes room for it where all would not fit. */
export function addAction(actions: CardAction[], extra: CardAction, lexicon: Lexicon): CardAction[] {
  const kept = actions.length + 1 <= MAX_BUTTONS ? actions : actions.filter((a) => lexicon.command(String(a.value ?? a.title)) !== 'back');
  return [...kept, extra];
}

/** The commands a button of their own stands for. */
const BUTTON_COMMANDS = new Set(['back', 'skip', 'menu', 'stop']);

/**
 * The button a typed number names at a question of choices, counting the buttons as shown ("9" at
 * the level question is Back), when that button is a command such as Back or Menu; choices typed as
 * a number are left to the question, which counts them the same way. Elsewhere a number is an
 * answer (hours) or the buttons shown may be others than the question's (the municipality's
 * suggestions).
 */
export function commandButtonByNumber(
  text: string | undefined,
  waiting: { prompt?: Partial<Activity>; validations?: AnswerSpec } | undefined,
  lexicon: Lexicon,
): string | undefined {
  const typed = normalizeText(text ?? '');
  const question = waiting?.prompt;
  if (!/^\d{1,2}$/.test(typed) || (waiting?.validations?.type !== 'choice' && waiting?.validations?.type !== 'level')) return undefined;
  const labels = (question?.suggestedActions?.actions ?? []).map((a) => String(a.value ?? a.title ?? ''));
  if (labels.some((l) => /^\d+$/.test(normalizePhrase(l)))) return undefined;
  const label = labels[Number(typed) - 1];
  const command = label === undefined ? undefined : lexicon.command(label);
  return command && BUTTON_COMMANDS.has(command) ? label : undefined;
}
