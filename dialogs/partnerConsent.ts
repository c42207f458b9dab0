import type { TurnContext } from 'botbuilder';
import { matchChoice } from '../src/domain/matchChoice';
import { normalizePhrase, normalizeText } from '../src/domain/normalizeText';
import { DialogDeps, speak } from './dialogDeps';
import type { Lexicon } from './lexicon';

/** Longer messages are about something else than the question about sharing. */
const MAX_WORDS = 6;

/** A yes or a no, as a short message in any of the six languages, with typos ("ja", "yse", "نعم", "evet", "آره", "እወ", "ja dat mag"). */
export function consentAnswerIn(lexicon: Lexicon, text: string | undefined): 'yes' | 'no' | undefined {
  const typed = normalizeText(text ?? '');
  // An emoji alone (👍) is an answer too: it has no letters, so only the message itself must not be empty.
  if (!(text ?? '').trim() || /^\d+$/.test(typed) || typed.split(' ').length > MAX_WORDS) return undefined;
  const [yes, no] = lexicon.yesNo();
  return matchChoice(text ?? '', [
    { value: 'yes' as const, phrases: [...yes.phrases, ...lexicon.listEverywhere('partners:consentWords.yes')] },
    { value: 'no' as const, phrases: [...no.phrases, ...lexicon.listEverywhere('partners:consentWords.no')] },
  ]);
}

/**
 * The answer to "may VIT share your summary with <partner>?", asked from the console: while such a
 * question waits, a yes or a no in the chat is its answer (recorded, and the person is told what
 * happens now). False when no question waits or the message is no yes or no: the dialogs go on with it.
 */
export async function answerPartnerConsent(deps: DialogDeps, context: TurnContext): Promise<boolean> {
  const partners = deps.partners;
  const { channelId, from } = context.activity;
  if (!partners || !from?.id) return false;
  const answer = consentAnswerIn(deps.lexicon, context.activity.text);
  if (!answer) return false;
  const answered = await partners.answer({ channelId, userId: from.id }, answer, deps.now(), context.activity.id);
  if (!answered) return false;
  const { t } = await speak(deps, context);
  await context.sendActivity(t(answer === 'yes' ? 'partners:consent.yes' : 'partners:consent.no', { partner: answered.partnerName }));
  return true;
}

/**
 * The partner a short message names ("who is ITPH?", "ITPH Academy እንታይ እዩ?"): by its whole name, or
 * by its name without a closing "Academy" ("ITPH", "Capgemini"); undefined when it names none.
 */
export function partnerNamedIn(partners: readonly { id: string; name: string }[], text: string | undefined): string | undefined {
  const typed = ` ${normalizeText(text ?? '')} `;
  if (typed.trim().split(' ').length > MAX_WORDS * 2) return undefined;
  return partners.find((p) => {
    const name = normalizePhrase(p.name);
    const short = name.replace(/ academy$/, '');
    return [name, short].some((n) => n.length >= 3 && typed.includes(` ${n} `));
  })?.id;
}

/**
 * A message about the partner while the question about sharing waits for its answer ("who is
 * ITPH?"): once the dialogs answered it as any question, the question comes again, so the person
 * sees what is still asked of them. Looked up only when a message names a partner.
 */
export async function askPartnerConsentAgain(deps: DialogDeps, context: TurnContext): Promise<void> {
  const partners = deps.partners;
  const { channelId, from } = context.activity;
  if (!partners || !from?.id || context.activity.type !== 'message') return;
  const named = partnerNamedIn(partners.partners, context.activity.text);
  if (!named) return;
  const pending = await partners.pending({ channelId, userId: from.id }, deps.now());
  if (!pending || pending.ask.partner !== named) return;
  const { t } = await speak(deps, context);
  await context.sendActivity(t('partners:consent.question', { partner: pending.partnerName }));
}
