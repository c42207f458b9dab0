import { createHash } from 'node:crypto';
import type { ConversationRef } from '../domain/handoff';
import type { PersonDataHolder } from '../domain/personData';
import type { Language } from '../i18n/languages';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../logger';
import type { PersonMessenger } from '../handoff/personMessenger';
import type { IdDigest } from '../storage/idDigest';
import type { TimedJob, TimedJobs } from '../jobs/timedJobs';
import type { PlannedReminder, ReminderContact, ReminderStore } from './reminderStore';
import { markReminder } from './reminderMark';

/** The timed-job kind of every reminder. */
export const REMINDER_JOB = 'reminder';
/** The selection is in the Netherlands: times are told in Dutch time. */
export const TIME_ZONE = 'Europe/Amsterdam';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A person on a channel (the user id may be a phone number: personal data). */
export interface ReminderPersonId {
  channelId: string;
  userId: string;
}

/** The person with where and how to reach them: the conversation of the turn and their language. */
export interface ReminderPerson extends ReminderPersonId, ReminderContact {}

/** What a booked mentor talk must have for its reminders. */
export interface BookingForReminders {
  id: string;
  person: ReminderPerson;
  startsAt: Date;
  /** Where the talk takes place (the online meeting's link). */
  link: string;
  /** Whose texts: the mentor talk's (absent) or the intake interview's. */
  kind?: 'talk' | 'interview';
}

/** Points a test may stop the process at, by reminder id: after the job is taken, after the message went out. */
export type ReminderCrashPoint = 'reminder-taken' | 'reminder-sent';

export interface RemindersDeps {
  jobs: TimedJobs;
  store: ReminderStore;
  messenger: PersonMessenger;
  translator: Translator;
  digest: IdDigest;
  logger: Logger;
  now?: () => Date;
  onSent?: (outcome: 'sent' | 'skipped-stopped' | 'uncertain') => void;
  crash?: (point: ReminderCrashPoint, reminderId: string) => void;
}

/**
 * Reminders to a person at a time, in their language, through their own conversation (proactively,
 * from whichever instance runs the job). The job's payload names the person only by their keyed digest;
 * what to send, where and in which language is kept in the person's reminder record, erased with them.
 *
 * Sent once: the job is delivered at least once (an instance that died while running it leaves it
 * to another), and the send is guarded by a claim per reminder and time, taken atomically before
 * sending and marked sent after. A job run again finds the claim: 'sent' → nothing to do; 'sending'
 * → the instance that claimed it died between claiming and finishing the send: it may or may not
 * have gone out, and it is not sent again (a reminder is never sent twice; in that narrow window it
 * may be lost, which is logged). A send that fails gives the claim back, and the job is tried again.
 */
export class Reminders {
  readonly holder: PersonDataHolder;
  private readonly now: () => Date;

  constructor(private readonly deps: RemindersDeps) {
    this.now = deps.now ?? (() => new Date());
    deps.jobs.handle(REMINDER_JOB, (job) => this.run(job));
    this.holder = { erase: (p) => this.erase(p) };
  }

  private who(person: ReminderPersonId): string {
    return this.deps.digest(`${person.channelId}:${person.userId}`);
  }

  /**
   * Reminds the person at `at` with the text `textKey` and its values (`template`: the values of the
   * WhatsApp reminder template, in order). `id` names the reminder for this person: planning it again
   * replaces it. False (nothing planned) when `at` has passed.
   */
  async remindAt(person: ReminderPerson, id: string, at: Date, textKey: string, args: Record<string, string> = {}, template: string[] = []): Promise<boolean> {
    if (at.getTime() <= this.now().getTime()) return false;
    const who = this.who(person);
    const planned: PlannedReminder = { at: at.toISOString(), text: textKey, args, template };
    await this.deps.store.plan(who, contactOf(person), id, planned);
    await this.deps.jobs.schedule(REMINDER_JOB, `${who}.${id}`, at, { person: who, reminder: id });
    return true;
  }

  /** Forgets the reminder; nothing happens when there is none. */
  async cancel(person: ReminderPersonId, id: string): Promise<void> {
    const who = this.who(person);
    await this.deps.jobs.cancel(REMINDER_JOB, `${who}.${id}`);
    await this.deps.store.unplan(who, id);
  }

  /**
   * The mentor talk's reminders: a day before and an hour before `startsAt`, those already past left
   * out. Booking again (another time) replaces them. Says which were planned ('day', 'hour').
   */
  async forBooking(booking: BookingForReminders): Promise<Array<'day' | 'hour'>> {
    const { person, startsAt, link } = booking;
    const texts = booking.kind === 'interview' ? 'interview:reminder' : 'reminders:talk';
    const when = formatWhen(person.language, startsAt);
    const planned: Array<'day' | 'hour'> = [];
    for (const [which, before] of [['day', DAY_MS], ['hour', HOUR_MS]] as const) {
      const id = bookingReminderId(booking.id, which);
      if (await this.remindAt(person, id, new Date(startsAt.getTime() - before), `${texts}.${which}`, { when, link }, [when, link])) planned.push(which);
      else await this.cancel(person, id); // a rebooking closer in time: the earlier time's reminder must not stay
    }
    return planned;
  }

  /**
   * The homework's deadline reminders: a day before `due`, and soon before it: at 09:00 (Dutch time)
   * on the day it is due, or three hours before when that is earlier (a date early in the morning);
   * those already past are left out. Planning again (a new date after "try again") replaces them. The
   * template's values: the date, and the assignment's link (without one: where to send it).
   */
  async forHomework(homework: { person: ReminderPerson; due: Date; link?: string }): Promise<HomeworkReminder[]> {
    const { person, due, link } = homework;
    const date = formatWhen(person.language, due);
    const second = this.deps.translator.t(person.language, 'reminders:homework.templateNoLink');
    const times: Array<[HomeworkReminder, Date]> = [
      ['day', new Date(due.getTime() - DAY_MS)],
      ['soon', homeworkSoon(due)],
    ];
    const planned: HomeworkReminder[] = [];
    for (const [which, at] of times) {
      const id = `homework-${which}`;
      const key = `reminders:homework.${which}${link ? '' : 'NoLink'}`;
      if (await this.remindAt(person, id, at, key, { date, link: link ?? '' }, [date, link ?? second])) planned.push(which);
      else await this.cancel(person, id); // a new date: the old date's reminder must not stay
    }
    return planned;
  }

  /** The homework came in, or the journey moved on: its reminders go. */
  async cancelHomework(person: ReminderPersonId): Promise<void> {
    for (const which of HOMEWORK_REMINDERS) await this.cancel(person, `homework-${which}`);
  }

  /** The talk was cancelled: its reminders go. */
  async cancelBooking(booking: { id: string; person: ReminderPersonId }): Promise<void> {
    for (const which of ['day', 'hour'] as const) await this.cancel(booking.person, bookingReminderId(booking.id, which));
  }

  /** "stop reminders" (true) or "start reminders" (false); planned reminders stay planned and are skipped while stopped. */
  async setStopped(person: ReminderPerson, stopped: boolean): Promise<void> {
    await this.deps.store.setStopped(this.who(person), stopped, contactOf(person));
  }

  async isStopped(person: ReminderPersonId): Promise<boolean> {
    return (await this.deps.store.get(this.who(person)))?.stopped ?? false;
  }

  /** For the person's export: whether they stopped reminders, and what is planned (time and text key). */
  async export(person: ReminderPersonId): Promise<{ stopped: boolean; planned: Array<{ id: string; at: string; text: string }> } | undefined> {
    const record = await this.deps.store.get(this.who(person));
    if (!record) return undefined;
    return { stopped: record.stopped, planned: Object.entries(record.planned).map(([id, p]) => ({ id, at: p.at, text: p.text })) };
  }

  private async erase(person: ReminderPersonId): Promise<void> {
    const who = this.who(person);
    const record = await this.deps.store.get(who);
    for (const id of Object.keys(record?.planned ?? {})) await this.deps.jobs.cancel(REMINDER_JOB, `${who}.${id}`);
    await this.deps.store.erase(who);
  }

  /** The job: look the person up, and send unless stopped, replaced, cancelled, erased or sent already. */
  private async run(job: TimedJob): Promise<void> {
    const who = String(job.payload.person);
    const id = String(job.payload.reminder);
    const at = job.at.toISOString();
    const record = await this.deps.store.get(who);
    const planned = record?.planned[id];
    if (!record?.contact || !planned || planned.at !== at) return; // erased, cancelled or planned anew
    this.deps.crash?.('reminder-taken', id);
    if (record.stopped) {
      await this.deps.store.unplan(who, id);
      this.deps.onSent?.('skipped-stopped');
      return;
    }
    const claim = await this.deps.store.claim(who, id, at);
    if (claim === 'sent') return;
    if (claim === 'sending') {
      this.deps.logger.warn({ kind: REMINDER_JOB, attempt: job.attempt }, 'a reminder was being sent by an instance that stopped; not sent again (it may not have gone out)');
      this.deps.onSent?.('uncertain');
      return;
    }
    const { conversation, language } = record.contact;
    const text = this.deps.translator.t(language, planned.text, planned.args);
    try {
      await this.deps.messenger.send(conversation, [markReminder({ type: 'message', text, locale: language }, planned.template)]);
    } catch (error) {
      await this.deps.store.release(who, id, at);
      throw error;
    }
    this.deps.crash?.('reminder-sent', id);
    await this.deps.store.sent(who, id, at);
    this.deps.onSent?.('sent');
  }
}

/** The homework's reminders: a day before the date, and soon before it. */
export const HOMEWORK_REMINDERS = ['day', 'soon'] as const;
export type HomeworkReminder = (typeof HOMEWORK_REMINDERS)[number];

/** The second homework reminder: 09:00 Dutch time on the day it is due, or three hours before the date when that is earlier. */
export function homeworkSoon(due: Date): Date {
  return new Date(Math.min(morningOf(due).getTime(), due.getTime() - 3 * HOUR_MS));
}

/** 09:00 Dutch time on the day (in the Netherlands) of `at`. */
export function morningOf(at: Date): Date {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).split('-').map(Number);
  const nineUtc = Date.UTC(year, month - 1, day, 9);
  return new Date(nineUtc - offsetMinutes(new Date(nineUtc)) * 60_000);
}

/** Dutch time's offset from UTC at that moment, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function contactOf(person: ReminderPerson): ReminderContact {
  return { conversation: person.conversation, language: person.language };
}

/** A booking's reminder id: the booking's own id when it is plain, else its digest (ids of jobs take a few characters only). */
export function bookingReminderId(bookingId: string, which: 'day' | 'hour'): string {
  const plain = /^[A-Za-z0-9_-]{1,64}$/.test(bookingId) ? bookingId : createHash('sha256').update(bookingId).digest('base64url').slice(0, 22);
  return `talk-${plain}-${which}`;
}

/**
 * "Tuesday 8 December, 14:00" in the person's language, in Dutch time: the Gregorian calendar (an
 * appointment in the Netherlands; Persian would otherwise get the Solar Hijri date) and a 24-hour clock.
 */
export function formatWhen(language: Language, at: Date): string {
  return new Intl.DateTimeFormat(`${language}-u-ca-gregory-hc-h23`, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(at);
}

export type { ConversationRef };
