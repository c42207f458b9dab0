import type { TurnContext } from 'botbuilder';
import { journeyStatus } from '../src/domain/journey';
import { formatSlotTime, talkBookableAt, talkFits } from '../src/domain/mentorSlots';
import type { Language } from '../src/i18n/languages';
import { matchChoice } from '../src/domain/matchChoice';
import { normalizeText } from '../src/domain/normalizeText';
import { DialogDeps, speak } from './dialogDeps';
import { followUpsHint } from './poolFollowUp';
import type { Lexicon } from './lexicon';

/** The selection is in the Netherlands: its dates are told in Dutch time. */
const TIME_ZONE = 'Europe/Amsterdam';
/** Longer messages that hold "where am I" are about something else ("where am I supposed to send …"). */
const MAX_WORDS = 8;

/**
 * Whether a message asks where the person is in the selection ("waar sta ik", "what is my status",
 * "وين وصلت", "ne durumdayım", "کجام", "ኣበይ በጺሐ", also with a typo), in any of the six languages:
 * the menu entry's label and its synonyms (common:menuSynonyms.status).
 */
export function asksWhereAmI(lexicon: Lexicon, text: string | undefined): boolean {
  const typed = normalizeText(text ?? '');
  if (!typed || /^\d+$/.test(typed) || typed.split(' ').length > MAX_WORDS) return false;
  const phrases = [...lexicon.textEverywhere('common:menu.status'), ...lexicon.listEverywhere('common:menuSynonyms.status')];
  return matchChoice(text ?? '', [{ value: 'status', phrases }]) === 'status';
}

/**
 * "Where am I?": the person's stage in plain words, what happens next, by when (when known), and who
 * to ask (their mentor's first name, else any mentor). No journey yet: where to start.
 */
export async function sendWhereAmI(deps: DialogDeps, context: TurnContext): Promise<void> {
  const { t, lng, person } = await speak(deps, context);
  const { channelId, from } = context.activity;
  const journey = deps.journeys && from?.id ? await deps.journeys.of({ channelId, userId: from.id }) : undefined;
  if (!journey || !deps.journeys) {
    await context.sendActivity([person.assessment ? t('journey:noneWithResult') : t('journey:none', { button: t('common:menu.intake') }), ...(await followUpsHint(deps, context))].join('\n'));
    return;
  }
  const status = journeyStatus(journey, deps.journeys.rules, deps.now());
  // At the start, a person whose result is not VIT's own (a language course first, a partner directly…) is pointed to that result.
  const nextKey = status.stage === 'intake-done' && person.assessment && person.assessment.outcome !== 'eligible' ? 'journey:nextOtherResult' : `journey:next.${status.stage}`;
  // The Gregorian calendar (a date in the Netherlands; Persian would otherwise get the Solar Hijri one), as the homework's message and reminders say it.
  const date = (iso: string) => new Intl.DateTimeFormat(`${lng}-u-ca-gregory`, { day: 'numeric', month: 'long', timeZone: TIME_ZONE }).format(new Date(iso));
  const lines = [
    `${t('journey:title')} ${t(`journey:stage.${status.stage}`)}`,
    `${t('journey:nextTitle')} ${t(nextKey)}`,
    ...(status.overdue === 'homework-late' ? [t('journey:late')] : status.due ? [t('journey:due', { date: date(status.due) })] : []),
    ...(status.stage === 'homework-given' ? [t('journey:homework.howToSend')] : []),
    ...(status.stage === 'mentor-talk-booked' ? await talkLine(deps, { channelId, userId: from.id }, t, lng) : []),
    // Before the talk (or after missing it), with a result that fits and a free time: how to plan one themselves.
    ...(talkBookableAt(status.stage) && talkFits(person.assessment?.outcome) && (await freeTalkFor(deps, person, lng)) ? [t('talk:howToBook')] : []),
    ...(status.stage === 'selection-intake' ? [await interviewLine(deps, { channelId, userId: from.id }, t, lng)] : []),
    // Not getting follow-ups though the talent pool is for them: how to ask for them.
    ...(await followUpsHint(deps, context)),
    status.mentor ? t('journey:askMentor', { name: status.mentor }) : t('journey:askAnyMentor'),
  ];
  await context.sendActivity(lines.join('\n'));
}

/** Whether a mentor has a free talk time in a language of the person's. */
async function freeTalkFor(deps: DialogDeps, person: Awaited<ReturnType<typeof speak>>['person'], lng: Language): Promise<boolean> {
  if (!deps.talks) return false;
  const answers = person.intake?.answers ?? {};
  const seeker = { language: lng, dutchLevel: answers.dutchLevel as string | undefined, englishLevel: answers.englishLevel as string | undefined };
  return (await deps.talks.offer(seeker, deps.now(), 1, 'talk')).length > 0;
}

/** With a talk booked: when it is (none when it was booked in the console, without a time in the chat). */
async function talkLine(deps: DialogDeps, person: { channelId: string; userId: string }, t: (key: string, vars?: Record<string, unknown>) => string, lng: Language): Promise<string[]> {
  const booked = await deps.talks?.upcomingOf(person, deps.now(), 'talk');
  return booked ? [t('talk:hasBooking', { time: formatSlotTime(booked.start, lng) })] : [];
}

/** At the interview step: the interview's time when booked, else how to plan it. */
async function interviewLine(deps: DialogDeps, person: { channelId: string; userId: string }, t: (key: string, vars?: Record<string, unknown>) => string, lng: Language): Promise<string> {
  const booked = await deps.talks?.upcomingOf(person, deps.now(), 'interview');
  return booked ? t('interview:hasBooking', { time: formatSlotTime(booked.start, lng) }) : t('interview:planHint');
}
