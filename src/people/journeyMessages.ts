import type { ConversationRef } from '../domain/handoff';
import { homeworkGiven, homeworkText, type HomeworkDefinition, type HomeworkReview, type HomeworkVerdict } from '../domain/homework';
import type { Journey, JourneyActor, JourneyStage } from '../domain/journey';
import type { PersonRecord } from '../domain/person';
import { snapshotOf, type PoolMember, type PoolSnapshot } from '../domain/talentPool';
import { isLanguage, type Language } from '../domain/language';
import { DeliveryFailedError, type PersonMessenger } from '../handoff/personMessenger';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../logger';
import type { HomeworkStore } from './homeworkStore';
import { formatSlotTime, type Slot, type SlotSeeker } from '../domain/mentorSlots';
import type { JourneyMoveOutcome, Journeys } from './journeys';
import type { JourneyPerson } from './journeyStore';

/**
 * What became of the message to the person: sent; held until they write again (WhatsApp's 24 hours
 * had passed: a template told them there is something to read); failed; not sent because the bot
 * knows no conversation of theirs, or (homework) staff set none for their track.
 */
export type JourneyDelivery = 'sent' | 'held' | 'failed' | 'no-conversation' | 'no-homework';

/** The selection is in the Netherlands: its dates are told in Dutch time. */
const TIME_ZONE = 'Europe/Amsterdam';
const DECISIONS: readonly JourneyStage[] = ['selected', 'not-selected', 'talent-pool'];

export interface JourneyMessagesDeps {
  journeys: Journeys;
  homework: HomeworkStore;
  /** The person's record (user state): their language and their track (the intake's result). */
  record(person: JourneyPerson): Promise<PersonRecord | undefined>;
  messenger: PersonMessenger;
  translator: Translator;
  defaultLanguage: Language;
  logger: Logger;
  /** The free intake-interview slots that fit a person (soonest in their language first); without, the invitation names no times. */
  interviews?: (seeker: SlotSeeker, now: Date, limit: number) => Promise<Slot[]>;
  /** The talent pool: a person moved there is asked whether we may contact them again (with the decision). */
  pool?: {
    weeks: number;
    ask(person: JourneyPerson, contact: { conversation: ConversationRef; language: Language } | undefined, reason: 'talent-pool', snapshot: PoolSnapshot): Promise<boolean>;
    of(person: JourneyPerson): Promise<PoolMember | undefined>;
  };
}

/** Free interview times named (numbered) in the invitation; the person sees them all as buttons when they plan. */
const INVITE_SHOWN = 3;

/**
 * The journey's moves that the person hears of, from the console: the homework when a mentor gives it
 * (with its due date), a mentor's review (their note, as written or translated after a preview), and staff's decision after the
 * intake interview (a kind message; not selected: what they can do next).
 */
export class JourneyMessages {
  constructor(private readonly deps: JourneyMessagesDeps) {}

  /** The track's homework, by the person's intake result. */
  async definitionFor(person: JourneyPerson): Promise<HomeworkDefinition | undefined> {
    const track = (await this.deps.record(person))?.assessment?.outcome;
    return track ? this.deps.homework.get(track) : undefined;
  }

  /** A move made in the console; a move to homework-given carries the track's homework and due date. */
  async move(person: JourneyPerson, to: JourneyStage, actor: JourneyActor, reason: string, now: Date): Promise<{ outcome: JourneyMoveOutcome; delivery: JourneyDelivery | null }> {
    if (to === 'selection-intake') return this.moveToInterview(person, actor, reason, now);
    const def = to === 'homework-given' ? await this.definitionFor(person) : undefined;
    const outcome = await this.deps.journeys.moveTo(person, to, actor, reason, now, to === 'homework-given' ? (j) => homeworkGiven(j, def, now, this.deps.journeys.rules.homeworkDays) : undefined);
    if (!outcome.ok) return { outcome, delivery: null };
    if (to === 'homework-given') return { outcome, delivery: def ? await this.sendHomework(person, def, outcome.journey) : 'no-homework' };
    if (to === 'talent-pool' && this.deps.pool) return { outcome, delivery: await this.toPool(person, this.deps.pool) };
    if (DECISIONS.includes(to)) return { outcome, delivery: await this.tell(person, (t) => [t(`journey:decision.${to}`)]) };
    return { outcome, delivery: null };
  }

  /**
   * On to the intake interview, with the free times the invitation names kept on the journey in the
   * order of its numbered list: the person's "2" then books the second time they read.
   */
  private async moveToInterview(person: JourneyPerson, actor: JourneyActor, reason: string, now: Date): Promise<{ outcome: JourneyMoveOutcome; delivery: JourneyDelivery | null }> {
    const next = await this.interviewTimes(person, now);
    const invitation = { at: now.toISOString(), slots: next.map((s) => s.id) };
    const outcome = await this.deps.journeys.moveTo(person, 'selection-intake', actor, reason, now, (j) => ({ ...j, invitation }));
    if (!outcome.ok) return { outcome, delivery: null };
    return { outcome, delivery: await this.inviteToInterview(person, next) };
  }

  /** The free intake-interview slots that fit the person, soonest in their language first (as many as the invitation names). */
  private async interviewTimes(person: JourneyPerson, now: Date): Promise<Slot[]> {
    if (!this.deps.interviews) return [];
    const record = await this.deps.record(person);
    const lng: Language = isLanguage(record?.language) ? record.language : this.deps.defaultLanguage;
    const answers = record?.intake?.answers ?? {};
    return this.deps.interviews({ language: lng, dutchLevel: answers.dutchLevel as string | undefined, englishLevel: answers.englishLevel as string | undefined }, now, INVITE_SHOWN);
  }

  /**
   * Staff's decision "talent pool", with the question whether we may contact them again (unless they
   * answered it before); someone who said no (or stop, or went quiet) is not asked again but told how
   * to ask for follow-ups themselves.
   */
  private async toPool(person: JourneyPerson, pool: NonNullable<JourneyMessagesDeps['pool']>): Promise<JourneyDelivery> {
    const record = await this.deps.record(person);
    const language = isLanguage(record?.language) ? record.language : this.deps.defaultLanguage;
    const conversation = await this.deps.journeys.reach(person);
    const asked = record && conversation ? await pool.ask(person, conversation && { conversation, language }, 'talent-pool', snapshotOf(record)) : false;
    const member = asked ? undefined : await pool.of(person);
    const hint = !!member && member.status !== 'active' && member.status !== 'asked';
    return this.tell(person, (t) => [t('journey:decision.talent-pool'), ...(asked ? [t('pool:consent.question', { weeks: pool.weeks })] : hint ? [t('pool:request.hint', { weeks: pool.weeks })] : [])]);
  }

  /** The days each track gives for its homework (its own, else JOURNEY_HOMEWORK_DAYS): the fewest and the most. */
  async homeworkDays(tracks: readonly string[]): Promise<{ least: number; most: number }> {
    const own = new Map((await this.deps.homework.list()).map((d) => [d.track, d.days]));
    const days = tracks.map((track) => own.get(track) ?? this.deps.journeys.rules.homeworkDays);
    return days.length ? { least: Math.min(...days), most: Math.max(...days) } : { least: this.deps.journeys.rules.homeworkDays, most: this.deps.journeys.rules.homeworkDays };
  }

  /** The language the bot writes to the person in (their chosen one, else the default). */
  async languageOf(person: JourneyPerson): Promise<Language> {
    const record = await this.deps.record(person);
    return isLanguage(record?.language) ? record.language : this.deps.defaultLanguage;
  }

  /**
   * A mentor's review; the person gets the note in the words the mentor wrote, or, with `translated`,
   * its translation into their language (the review keeps both).
   */
  async review(person: JourneyPerson, verdict: HomeworkVerdict, note: string, actor: JourneyActor, now: Date, translated?: HomeworkReview['translated']): Promise<{ outcome: JourneyMoveOutcome; delivery: JourneyDelivery | null }> {
    const days = (await this.definitionFor(person))?.days ?? this.deps.journeys.rules.homeworkDays;
    const outcome = await this.deps.journeys.reviewHomework(person, verdict, note, actor, days, now, translated);
    if (!outcome.ok) return { outcome, delivery: null };
    const due = outcome.journey.homework?.due;
    const name = actor.firstName ?? '';
    const said = (translated?.text ?? note).trim();
    const delivery = await this.tell(person, (t, date) => [
      verdict === 'passed' ? t('journey:homework.passed', { name, note: said }) : t('journey:homework.again', { name, note: said }),
      ...(verdict === 'again' && due ? [t('journey:due', { date: date(due) })] : []),
    ]);
    return { outcome, delivery };
  }

  /**
   * The invitation to the intake interview: the next free interview times that fit them, numbered (a
   * number typed books that time), and a button to plan one (the chat then shows every free time).
   */
  private async inviteToInterview(person: JourneyPerson, next: Slot[]): Promise<JourneyDelivery> {
    return this.tell(
      person,
      (t, _date, lng) => [
        [t('interview:invite'), ...(next.length > 0 ? [t('interview:nextFree'), ...next.map((s, i) => t('interview:slotLine', { number: i + 1, time: formatSlotTime(s.start, lng), mentor: s.mentorFirstName, minutes: s.durationMinutes })), t('interview:howToBook')] : [t('interview:noSlotsYet')])].join('\n'),
      ],
      (t) => [t('interview:buttons.plan')],
    );
  }

  private sendHomework(person: JourneyPerson, def: HomeworkDefinition, journey: Journey): Promise<JourneyDelivery> {
    return this.tell(person, (t, date, lng) => [
      [
        t('journey:homework.given'),
        homeworkText(def, lng),
        ...(def.link ? [def.link] : []),
        ...(journey.homework?.due ? [t('journey:due', { date: date(journey.homework.due) })] : []),
        t('journey:homework.howToSend'),
      ].join('\n\n'),
    ]);
  }

  private async tell(
    person: JourneyPerson,
    texts: (t: (key: string, vars?: Record<string, unknown>) => string, date: (iso: string) => string, lng: Language) => string[],
    buttons?: (t: (key: string, vars?: Record<string, unknown>) => string) => string[],
  ): Promise<JourneyDelivery> {
    const ref: ConversationRef | undefined = await this.deps.journeys.reach(person);
    if (!ref) return 'no-conversation';
    const record = await this.deps.record(person);
    const lng: Language = isLanguage(record?.language) ? record.language : this.deps.defaultLanguage;
    const t = (key: string, vars?: Record<string, unknown>) => this.deps.translator.t(lng, key, vars);
    // The Gregorian calendar (a date in the Netherlands; Persian would otherwise get the Solar Hijri one).
    const date = (iso: string) => new Intl.DateTimeFormat(`${lng}-u-ca-gregory`, { day: 'numeric', month: 'long', timeZone: TIME_ZONE }).format(new Date(iso));
    try {
      // Sent as the mentor's or staff's word (relay): it goes out also while a mentor talks with the person.
      const said = texts(t, date, lng);
      const actions = buttons?.(t).map((title) => ({ type: 'imBack', title, value: title })) ?? [];
      const activities = said.map((text, i) => ({ type: 'message', text, locale: lng, ...(actions.length > 0 && i === said.length - 1 ? { suggestedActions: { to: [], actions } } : {}) }));
      const { note } = await this.deps.messenger.send(ref, activities, { relay: true });
      return note === 'template' ? 'held' : 'sent';
    } catch (error) {
      if (!(error instanceof DeliveryFailedError)) throw error;
      this.deps.logger.warn({ channel: error.channelId }, 'a journey message could not be delivered');
      return 'failed';
    }
  }
}
