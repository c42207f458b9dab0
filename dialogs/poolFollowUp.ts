import { TurnContext } from 'botbuilder';
import type { ConversationRef } from '../src/domain/handoff';
import { ChoiceOption, matchChoice } from '../src/domain/matchChoice';
import { normalizeText } from '../src/domain/normalizeText';
import { hasConsent } from '../src/domain/person';
import { phraseWithTypos } from '../src/domain/phraseWithTypos';
import { PoolReason, poolReasonFor, snapshotOf } from '../src/domain/talentPool';
import type { Language } from '../src/i18n/languages';
import { question } from './answerSpec';
import { DialogDeps, speak } from './dialogDeps';
import type { Lexicon } from './lexicon';

/** Longer messages that hold "stop follow-ups" are about something else. */
const MAX_WORDS = 7;
/** The intake's answers a check-in asks again: the two levels and "do you want to work in IT?". */
export const CHECK_IN_FIELDS = ['dutchLevel', 'englishLevel', 'motivatedForIT'] as const;

type ChatPerson = { channelId: string; userId: string };
const personOf = (context: TurnContext): ChatPerson => ({ channelId: context.activity.channelId, userId: context.activity.from.id });
const contactOf = (context: TurnContext, language: Language) => ({ conversation: TurnContext.getConversationReference(context.activity) as unknown as ConversationRef, language });

/**
 * What a short message says about follow-ups, in any of the six languages and with a typo: stop them
 * ("stop follow-ups", "stop opvolging", "إيقاف المتابعة", "takibi durdur", "توقف پیگیری", "ክትትል ጠጠው":
 * pool:phrases.stop) or have them ("follow-ups", "houd me op de hoogte", "أريد المتابعة", "takip
 * istiyorum", "پیگیری میخوام", "ክትትል እደሊ": pool:phrases.join). Both lists are weighed together, so
 * "takip istiyorum" (I want follow-ups) is not taken for its near twin "takip istemiyorum", and
 * "stop follow-ups" is not taken for the "follow-ups" in it. Typos are weighed word by word, each word
 * keeping its first letter ("stopp opvolgnig"; "با من تماس بگیرید", call me, is no "… نگیرید").
 */
export function followUpWishIn(lexicon: Lexicon, text: string | undefined): 'stop' | 'join' | undefined {
  const typed = normalizeText(text ?? '');
  if (!typed || /^\d+$/.test(typed) || typed.split(' ').length > MAX_WORDS) return undefined;
  const options = [
    { value: 'stop' as const, phrases: lexicon.listEverywhere('pool:phrases.stop') },
    { value: 'join' as const, phrases: lexicon.listEverywhere('pool:phrases.join') },
  ];
  return matchChoice(text ?? '', options, { typos: false }) ?? phraseWithTypos(text ?? '', options);
}

/** "stop follow-ups" typed (see followUpWishIn). */
export function stopFollowUpsIn(lexicon: Lexicon, text: string | undefined): boolean {
  return followUpWishIn(lexicon, text) === 'stop';
}

/**
 * The person asked for follow-ups themselves: whatever they answered before (a no, a stop, silence),
 * the consent question, with Yes and No; their answer is recorded as any consent is (time, language,
 * text version), brought up by them. Someone whose result fits a route is pointed to the mentor;
 * someone who gets follow-ups already hears so.
 */
export async function askForFollowUps(deps: DialogDeps, context: TurnContext): Promise<void> {
  const { t, lng, person } = await speak(deps, context);
  const who = personOf(context);
  const stage = (await deps.journeys?.of(who))?.stage;
  const reason = poolReasonFor(person.assessment?.outcome, stage);
  if (!reason) {
    await context.sendActivity(t('pool:request.notNeeded', { button: t('common:menu.mentor') }));
    return;
  }
  const asked = await deps.pool!.request(who, contactOf(context, lng), reason, snapshotOf(person));
  if (asked === 'already') {
    await context.sendActivity(t('pool:request.already', { weeks: deps.pool!.weeks }));
    return;
  }
  await context.sendActivity(question(t('pool:consent.question', { weeks: deps.pool!.weeks }), [t('common:buttons.yes'), t('common:buttons.no')]));
}

/**
 * For "where am I?": how to ask for follow-ups, to a person whose result (or staff's decision) is one
 * the talent pool is for and who does not get them now (never asked, said no, stopped, went quiet).
 */
export async function followUpsHint(deps: DialogDeps, context: TurnContext): Promise<string[]> {
  if (!deps.pool) return [];
  const { t, person } = await speak(deps, context);
  if (!person.assessment || !hasConsent(person)) return [];
  const who = personOf(context);
  if (!poolReasonFor(person.assessment.outcome, (await deps.journeys?.of(who))?.stage)) return [];
  const status = (await deps.pool.of(who))?.status;
  return status === 'active' || status === 'asked' ? [] : [t('pool:request.hint', { weeks: deps.pool.weeks })];
}

/** The consent to follow-up withdrawn: every planned check-in goes; confirmed in the person's language. */
export async function stopFollowUps(deps: DialogDeps, context: TurnContext): Promise<void> {
  const { t } = await speak(deps, context);
  const stopped = await deps.pool!.withdraw(personOf(context));
  await context.sendActivity(t(stopped ? 'pool:stopped' : 'pool:notInPool'));
}

/** Keeps the consent question as asked (false when the person answered it before: a no and a stop stay); its text. */
export async function askPoolConsent(deps: DialogDeps, context: TurnContext, reason: PoolReason): Promise<string | undefined> {
  const { t, lng, person } = await speak(deps, context);
  if (!(await deps.pool!.ask(personOf(context), contactOf(context, lng), reason, snapshotOf(person)))) return undefined;
  return t('pool:consent.question', { weeks: deps.pool!.weeks });
}

/**
 * The answer to the consent question: a yes or a no in any language, or, where `later` counts, "maybe
 * later" (pool:phrases.later); undefined when it is none of them.
 */
export function poolConsentAnswerOf(lexicon: Lexicon, text: string, later = true): 'yes' | 'no' | 'later' | undefined {
  const options: ChoiceOption<'yes' | 'no' | 'later'>[] = [...lexicon.yesNo(), ...(later ? [{ value: 'later' as const, phrases: lexicon.listEverywhere('pool:phrases.later') }] : [])];
  return matchChoice(text, options);
}

/** The answer to the consent question, recorded apart from the intake's consent, and confirmed. */
export async function answerPoolConsent(deps: DialogDeps, context: TurnContext, given: boolean): Promise<void> {
  const { t, lng, person } = await speak(deps, context);
  if (!(await deps.pool!.answer(personOf(context), contactOf(context, lng), given))) return;
  if (given) person.talentPool = true;
  await context.sendActivity(t(given ? 'pool:consent.yes' : 'pool:consent.no', { weeks: deps.pool!.weeks }));
}

/**
 * A message from a person whose consent question came with staff's decision (the talent pool) or who
 * has a check-in waiting: 'consent' when it answered the question (recorded), 'check-in' when the
 * check-in's questions are to start, 'back' when it is the first message after the last one ("just
 * send a message"); else nothing.
 */
export async function poolReplyOf(deps: DialogDeps, context: TurnContext, text: string): Promise<'consent' | 'check-in' | 'back' | undefined> {
  // Only someone in the pool has a check-in to answer, and a consent question waits only for a yes or a no: no look-up otherwise.
  const { person } = await speak(deps, context);
  if (!person.talentPool && poolConsentAnswerOf(deps.lexicon, text) === undefined) return undefined;
  const member = await deps.pool!.of(personOf(context));
  if (!member) return undefined;
  // The question came with staff's decision, or the person brought it up: not the result's own prompt.
  if (member.status === 'asked' && (member.reason === 'talent-pool' || member.askedBy === 'person')) {
    const answer = poolConsentAnswerOf(deps.lexicon, text);
    if (answer === undefined) return undefined;
    // "Maybe later": what yes and no each mean, and the question once more (a consent is a clear yes).
    if (answer === 'later') await context.sendActivity((await speak(deps, context)).t('pool:consent.later', { weeks: deps.pool!.weeks }));
    else await answerPoolConsent(deps, context, answer === 'yes');
    return 'consent';
  }
  if (member.status === 'active' && member.awaitingCheckIn) return 'check-in';
  if (member.status === 'quiet' && member.awaitingCheckIn) return 'back';
  return undefined;
}

/**
 * The check-in begins: the person answered (their count of unanswered check-ins starts again), and the
 * intake's level questions and "do you want to work in IT?" are open again, asked as in the intake
 * (with the can-do statements for "I don't know"); the result is worked out anew at the end.
 */
export async function openCheckIn(deps: DialogDeps, context: TurnContext): Promise<boolean> {
  const { t, person } = await speak(deps, context);
  await deps.pool!.replied(personOf(context));
  const intake = person.intake;
  if (!intake) return false;
  for (const field of CHECK_IN_FIELDS) delete intake.answers[field];
  intake.completedAt = undefined;
  intake.current = undefined;
  intake.updatedAt = deps.now().toISOString();
  await context.sendActivity(t('pool:checkIn.intro'));
  return true;
}

/**
 * A new result for a person in the pool: the check-in's answers kept, the rules' result counted; a
 * route's threshold reached is told (the talk offer follows in the result), else when we ask again
 * (and, to someone who said they no longer want to work in IT, how to stop).
 */
export async function poolResult(deps: DialogDeps, context: TurnContext): Promise<void> {
  const { t, lng, person } = await speak(deps, context);
  const snapshot = snapshotOf(person);
  const answers = person.intake?.answers ?? {};
  const firstName = typeof answers.firstName === 'string' && answers.firstName.trim() ? answers.firstName.trim() : null;
  const result = await deps.pool!.checkedIn(personOf(context), contactOf(context, lng), { dutch: snapshot.dutch, english: snapshot.english, interested: snapshot.interested, outcome: snapshot.outcome }, firstName);
  if (!result) return;
  // Someone who no longer wants to work in IT hears how to stop the check-ins, not only that they come.
  const next = snapshot.interested === false ? 'pool:checkIn.notInterested' : 'pool:checkIn.notReady';
  await context.sendActivity(result.ready ? t('pool:checkIn.ready') : t(next, { weeks: deps.pool!.weeks }));
}
