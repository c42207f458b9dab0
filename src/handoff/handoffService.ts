import { ActionTypes, Activity, MessageFactory } from 'botbuilder';
import { CloseOutcome, ConversationRef, HandoffDelivery, HandoffMessage, HandoffRecord, nextForMentor, placeChangeWorthTelling, TranslatedFrom } from '../domain/handoff';
import { isOpenAt, nextOpening, OpeningWindow } from '../domain/mentorHours';
import { dayIn, dayNumber } from '../domain/followUp';
import type { Language } from '../i18n/languages';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../logger';
import type { ChangeResult, ClaimResult, HandoffQueue, MentorMessageRef, MentorRef, NewHandoff } from './handoffQueue';
import { RATINGS } from './handoffQueue';
import type { HandoffEvents, HandoffEventType } from './handoffEvents';
import type { PersonMessenger } from './personMessenger';
import type { FunnelRecorder } from '../reporting/funnel';
import { handoffInitiation, handoffStatus } from './handoffActivities';
import type { ReadMarkers } from './readMarkers';

export interface MentorHours {
  windows: OpeningWindow[];
  timeZone: string;
}

export interface HandoffServiceDeps {
  queue: HandoffQueue;
  events: HandoffEvents;
  messenger: PersonMessenger;
  translator: Translator;
  hours: MentorHours;
  /** After this long without a mentor, the person is offered to leave a message. */
  maxWaitMinutes: number;
  now: () => Date;
  logger: Logger;
  /** Counts mentors taking a conversation (with the wait) and ratings. */
  funnel?: FunnelRecorder;
  /** The conversation so far (from the transcript), carried by the handoff.initiate event. */
  history?: (conversation: ConversationRef) => Promise<Activity[]>;
  /** How far mentors read each handoff: forgotten with the person's handoffs. */
  readMarkers?: Pick<ReadMarkers, 'forget'>;
}

export interface HandoffRequest {
  handoff: HandoffRecord;
  /** Place in line while waiting. */
  place?: number;
  created: boolean;
  /** When mentors are back, in the person's words, if they are not around now. */
  backAt?: string;
}

/**
 * Everything that happens to a handoff, for the bot and the console alike: the queue change, the
 * event every instance and console hears, and what the person is told in their own language.
 */
export class HandoffService {
  constructor(private readonly deps: HandoffServiceDeps) {}

  /** The service's clock (the time messages are stamped with). */
  now(): Date {
    return this.deps.now();
  }

  get queue(): HandoffQueue {
    return this.deps.queue;
  }

  async request(input: NewHandoff): Promise<HandoffRequest> {
    const now = this.deps.now();
    const { handoff, created } = await this.deps.queue.enqueue(input, now);
    const place = await this.deps.queue.position(handoff.id);
    if (created) {
      await this.publish('new', handoff);
      await this.tell(handoff, [handoffInitiation(handoff, await this.history(handoff))], true);
    }
    if (place !== undefined) await this.deps.queue.updateNotice(handoff.id, 'toldPlace', handoff.toldPlace?.toString(), String(place));
    const open = isOpenAt(this.deps.hours.windows, now, this.deps.hours.timeZone);
    return { handoff, place, created, backAt: open ? undefined : this.when(nextOpening(this.deps.hours.windows, now, this.deps.hours.timeZone), input.language, now) };
  }

  /** A message from the person while their handoff is open: kept, and shown to mentors at once. */
  async fromPerson(handoff: HandoffRecord, message: Omit<HandoffMessage, 'at' | 'from'>): Promise<boolean> {
    const full: HandoffMessage = { ...message, at: this.deps.now().toISOString(), from: 'person' };
    const result = await this.deps.queue.addMessage(handoff.id, full);
    if (result.ok) await this.publish('message', result.handoff, full);
    return result.ok;
  }

  /** The person left the line ("stop"), or can no longer be reached (`note` tells mentors why); the others move up. */
  async leave(handoff: HandoffRecord, note?: string): Promise<ChangeResult> {
    const result = await this.deps.queue.abandon(handoff.id, this.deps.now(), note);
    if (result.ok) {
      await this.publish('abandoned', result.handoff);
      // Bot Framework's meaning: a request that never reached a mentor failed; a conversation that had one is complete.
      const why = note ? 'person-unreachable' : 'person-left';
      await this.tell(result.handoff, [handoffStatus(result.handoff, result.handoff.claimedAt ? 'completed' : 'failed', why)], true);
      await this.tellPlaces();
    }
    return result;
  }

  async claim(id: string, mentor: MentorRef): Promise<ClaimResult> {
    const result = await this.deps.queue.claim(id, mentor, this.deps.now());
    if (!result.ok) return result;
    await this.publish('claimed', result.handoff);
    // People reached, not claims: a conversation released and taken again counts once, with its first wait.
    if ((result.handoff.claims ?? 1) === 1) {
      const waited = (Date.parse(result.handoff.claimedAt!) - Date.parse(result.handoff.createdAt)) / 1000;
      await this.deps.funnel?.record('mentorTook', result.handoff.language);
      await this.deps.funnel?.waited(waited, result.handoff.language);
    }
    // The person may have left ("stop") between the claim and now: then they are not told a mentor came.
    const current = await this.deps.queue.get(id);
    if (current?.status === 'active' && current.mentor?.id === mentor.id) {
      await this.tell(current, [handoffStatus(current, 'accepted'), this.t(current.language, 'handoff:claimed', { mentor: mentor.firstName })], true);
    }
    await this.tellPlaces();
    return result;
  }

  /**
   * Hands an active conversation to a colleague at once (only its mentor may); the person hears the
   * new mentor's first name in their language, and every console hears of it.
   */
  async transfer(id: string, from: MentorRef, to: MentorRef): Promise<ChangeResult> {
    const result = await this.deps.queue.transfer(id, from.id, to, this.deps.now());
    if (!result.ok) return result;
    await this.publish('transferred', result.handoff, undefined, from.id);
    await this.tell(result.handoff, [this.t(result.handoff.language, 'handoff:transferred', { mentor: to.firstName })], true);
    return result;
  }

  async release(id: string, mentorId: string): Promise<ChangeResult> {
    const result = await this.deps.queue.release(id, mentorId, this.deps.now());
    if (!result.ok) return result;
    await this.publish('released', result.handoff);
    const place = (await this.deps.queue.position(id)) ?? 1;
    await this.deps.queue.updateNotice(id, 'toldPlace', result.handoff.toldPlace?.toString(), String(place));
    await this.tell(result.handoff, [this.t(result.handoff.language, 'handoff:released', { place })]);
    await this.tellPlaces();
    return result;
  }

  /**
   * Ends the conversation; the person is asked for a rating (1–5). A request closed while still
   * waiting (no mentor talked with them) gets no rating question, only a word that it was closed.
   */
  async close(id: string, mentorId: string, outcome: CloseOutcome, note: string): Promise<ChangeResult> {
    const result = await this.deps.queue.close(id, mentorId, outcome, note, this.deps.now());
    if (!result.ok) return result;
    await this.publish('closed', result.handoff);
    const { language } = result.handoff;
    // A close happens once (the state machine refuses a second): counted here, per language and day, no person in it.
    await this.deps.funnel?.record(`closed:${outcome}`, language);
    const status = handoffStatus(result.handoff, 'completed', outcome);
    if (result.handoff.claimedAt) {
      const buttons = RATINGS.map((r) => ({ type: ActionTypes.ImBack, title: String(r), value: String(r) }));
      await this.tell(result.handoff, [status, MessageFactory.suggestedActions(buttons, this.t(language, 'handoff:rateQuestion'))]);
    } else {
      await this.tell(result.handoff, [status, this.t(language, 'handoff:closedUnanswered')]);
    }
    await this.tellPlaces();
    return result;
  }

  /**
   * Who to offer a mentor who just became free (after a close or a release): the first in line whose
   * language they speak, else the first in line; never the conversation they just gave back.
   */
  async nextFor(languages: readonly string[], except?: string): Promise<HandoffRecord | undefined> {
    return nextForMentor(await this.deps.queue.waiting(), languages, except);
  }

  /**
   * A mentor's message, relayed to the person through their own channel; recorded after it went out,
   * with a note when the channel had to deliver it as a template (WhatsApp's 24-hour window). When it
   * did not go out, nothing is recorded and the DeliveryFailedError reaches the mentor's screen.
   * `translatedFrom`: `text` is a translation of what the mentor wrote; both are recorded.
   */
  async fromMentor(id: string, mentor: MentorRef, text: string, translatedFrom?: TranslatedFrom): Promise<ChangeResult> {
    const handoff = await this.deps.queue.get(id);
    if (!handoff) return { ok: false, reason: 'not-found' };
    if (handoff.status !== 'active') return { ok: false, reason: 'not-allowed' };
    if (handoff.mentor?.id !== mentor.id) return { ok: false, reason: 'not-yours' };
    // The time is set before sending: a channel that reports a failure later names the message by it.
    const at = this.deps.now().toISOString();
    let note: Awaited<ReturnType<PersonMessenger['send']>>['note'];
    try {
      ({ note } = await this.deps.messenger.send(handoff.conversation, [text], { relay: true, message: { handoffId: id, at } }));
    } catch (error) {
      this.deps.logger.warn({ handoff: id, channel: handoff.conversation.channelId, err: { message: (error as Error).message } }, 'a mentor message did not reach the person');
      throw error;
    }
    const message: HandoffMessage = { at, from: 'mentor', text, mentorName: mentor.firstName, ...(note ? { delivery: note } : {}), ...(translatedFrom ? { translatedFrom } : {}) };
    const result = await this.deps.queue.addMessage(id, message);
    if (!result.ok) return result;
    await this.publish('message', result.handoff, message);
    return result;
  }

  /**
   * How a mentor's message the channel took turned out later (WhatsApp's delivery status): 'failed'
   * when it could not be delivered, 'template' when the window had closed and it waits behind the
   * template. The message is marked, and consoles showing the conversation (and the mentor's Teams
   * chat) hear of it, so the mentor learns what became of it.
   */
  async markDelivery(handoffId: string, message: MentorMessageRef, delivery: HandoffDelivery): Promise<ChangeResult> {
    const result = await this.deps.queue.markDelivery(handoffId, message, delivery);
    if (!result.ok) {
      this.deps.logger.warn({ handoff: handoffId, reason: result.reason, delivery }, 'could not mark how a mentor message was delivered');
      return result;
    }
    const marked = [...result.handoff.messages].reverse().find((m) => m.from === 'mentor' && m.at === message.at && m.text === message.text);
    await this.publish('delivery', result.handoff, marked);
    return result;
  }

  async rate(handoff: HandoffRecord, rating: number): Promise<ChangeResult> {
    const result = await this.deps.queue.rate(handoff.id, rating);
    if (result.ok) {
      await this.publish('rated', result.handoff);
      await this.deps.funnel?.rated(rating, result.handoff.language);
    }
    return result;
  }

  /** Tells waiting people their new place when it changed enough to be worth a message. */
  async tellPlaces(): Promise<void> {
    const waiting = await this.deps.queue.waiting();
    for (const [index, handoff] of waiting.entries()) {
      const place = index + 1;
      if (!placeChangeWorthTelling(handoff.toldPlace, place)) continue;
      if (!(await this.deps.queue.updateNotice(handoff.id, 'toldPlace', handoff.toldPlace?.toString(), String(place)))) continue;
      await this.tell(handoff, [this.t(handoff.language, 'handoff:place', { place })]);
    }
  }

  /** Offers to leave a message to everyone who waited longer than the maximum; run now and then. */
  async offerMessages(): Promise<void> {
    const now = this.deps.now();
    const limit = now.getTime() - this.deps.maxWaitMinutes * 60_000;
    for (const handoff of await this.deps.queue.waiting()) {
      if (handoff.leaveMessageOfferedAt || Date.parse(handoff.createdAt) > limit) continue;
      if (!(await this.deps.queue.updateNotice(handoff.id, 'leaveMessageOfferedAt', undefined, now.toISOString()))) continue;
      await this.tell(handoff, [this.t(handoff.language, 'handoff:leaveMessageOffer')]);
    }
  }

  /**
   * "today at 09:00 (Dutch time)", "tomorrow at …", else "on Monday 14 December at …": in the person's
   * language and the mentors' time zone, said so. A weekday alone on that same weekday's morning reads
   * as a week later.
   */
  when(instant: Date, language: Language, now = this.deps.now()): string {
    const timeZone = this.deps.hours.timeZone;
    const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(instant);
    const ahead = dayNumber(dayIn(instant, timeZone)) - dayNumber(dayIn(now, timeZone));
    if (ahead === 0) return this.t(language, 'handoff:backWhen.today', { time });
    if (ahead === 1) return this.t(language, 'handoff:backWhen.tomorrow', { time });
    const date = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(instant);
    return this.t(language, 'handoff:backWhen.later', { day: date, time });
  }

  private async history(handoff: HandoffRecord): Promise<Activity[]> {
    try {
      return (await this.deps.history?.(handoff.conversation)) ?? [];
    } catch (error) {
      this.deps.logger.warn({ handoff: handoff.id, err: { message: (error as Error).message } }, 'could not read the conversation for the handoff event');
      return [];
    }
  }

  /**
   * The person's data is erased, by their own "delete my data" or by staff in the console: their
   * handoffs go, and every instance and open console hears `erased` for each of them, so a mentor's
   * pane on one closes. Every one, not only open ones: "delete" in a talk first leaves it (abandoned),
   * and a console may still show an ended talk. Returns how many handoffs were erased.
   */
  async erasePerson(channelId: string, userId: string): Promise<number> {
    const handoffs = await this.deps.queue.allFor(channelId, userId);
    const erased = await this.deps.queue.erasePerson(channelId, userId);
    await this.deps.readMarkers?.forget(handoffs.map((h) => h.id));
    for (const handoff of handoffs) await this.publish('erased', handoff);
    return erased;
  }

  private t(language: Language, key: string, vars?: Record<string, unknown>): string {
    return this.deps.translator.t(language, key, vars);
  }

  private async tell(handoff: HandoffRecord, activities: Parameters<PersonMessenger['send']>[1], relay = false): Promise<void> {
    try {
      await this.deps.messenger.send(handoff.conversation, activities, { relay });
    } catch (error) {
      // The change itself stands; the person hears it next time they write.
      this.deps.logger.warn({ handoff: handoff.id, err: { message: (error as Error).message } }, 'could not tell the person about their handoff');
    }
  }

  private async publish(type: HandoffEventType, handoff: HandoffRecord, message?: HandoffMessage, previousMentorId?: string): Promise<void> {
    try {
      await this.deps.events.publish({ type, id: handoff.id, at: this.deps.now().toISOString(), status: handoff.status, mentorId: handoff.mentor?.id, message, ...(previousMentorId ? { previousMentorId } : {}) });
    } catch (error) {
      this.deps.logger.warn({ handoff: handoff.id, err: { message: (error as Error).message } }, 'could not publish a handoff event');
    }
  }
}
