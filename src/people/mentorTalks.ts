import { randomUUID } from 'node:crypto';
import { checkSlotDraft, Slot, SlotDraft, SlotKind, slotKind, SlotProblem, SlotSeeker, slotsForPerson } from '../domain/mentorSlots';
import type { PersonDataHolder } from '../domain/personData';
import type { Journeys } from './journeys';
import type { SlotBooking, SlotPerson, SlotStore, StoredSlot, TalkOutcome } from './slotStore';
import { MemorySlotPublishLock, type SlotPublishLock } from './slotPublishLock';

/** How many of the soonest slots are read to choose from (the people and mentors of one programme). */
const READ_LIMIT = 500;
/** A mentor's page shows slots from this long ago on: the talks just held, to record held / missed. */
const RECENT_MS = 14 * 86_400_000;

/** What happened to a booking, for whoever listens (reminders). */
export interface BookingEvent {
  slot: Slot;
  booking: SlotBooking;
  /** Who cancelled (absent for a booking). */
  by?: 'person' | 'mentor';
}

/** A slot that staff cancelled for its owner: `booking` when someone had booked it for a time still to come (they are told apart). */
export interface SlotCancelledByStaff {
  slot: Slot;
  booking?: SlotBooking;
  /** The staff member who cancelled it. */
  by: { id: string; firstName: string };
}

/**
 * The port the reminders connect to: told after a talk is booked and after one is cancelled (by
 * the person, or by the mentor who took the slot away). A listener's failure is not the booking's.
 */
export interface BookingEvents {
  onBooked(event: BookingEvent): Promise<void> | void;
  onCancelled(event: BookingEvent): Promise<void> | void;
  /** Staff cancelled (or removed) a slot of another account's: its owner hears of it as of a booking. */
  onCancelledByStaff?(event: SlotCancelledByStaff): Promise<void> | void;
}

/** A mentor (or staff) at the console. */
export interface TalkActor {
  id: string;
  firstName: string;
  role: 'mentor' | 'staff';
}

export type PublishResult = { ok: true; slots: Slot[] } | { ok: false; problem: SlotProblem; at?: string } | { ok: false; problem: 'busy' };
export type TalkBookResult = { ok: true; slot: StoredSlot } | { ok: false; reason: 'taken' | 'gone' | 'past' | 'has-booking' };
export type SlotActionResult<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'not-yours' | 'not-booked' | 'not-started' | 'interview' };

/**
 * The mentor talk over its store: mentors publish and cancel slots and record how the talk went; the
 * bot offers slots that fit a person, books one, cancels it. Each booking moves the person's journey
 * (mentor-talk-booked, back to motivation on a cancellation, held / missed after the talk).
 */
export class MentorTalks {
  readonly holder: PersonDataHolder;
  private readonly listeners: BookingEvents[] = [];

  constructor(
    readonly store: SlotStore,
    private readonly journeys: Journeys,
    private readonly onError: (error: unknown, where: string) => void = () => {},
    /** One publication at a time per owner, across instances (Redis) or in this process (memory). */
    private readonly publishLock: SlotPublishLock = new MemorySlotPublishLock(),
  ) {
    this.holder = { erase: (p) => this.store.erase(p) };
  }

  /** Connects a listener (the reminders) to bookings and cancellations. */
  listen(listener: BookingEvents): void {
    this.listeners.push(listener);
  }

  private async tell(kind: 'onBooked' | 'onCancelled', event: BookingEvent) {
    for (const listener of this.listeners) {
      try {
        await listener[kind](event);
      } catch (error) {
        this.onError(error, `MentorTalks.${kind}`);
      }
    }
  }

  private async tellOwner(event: SlotCancelledByStaff) {
    for (const listener of this.listeners) {
      try {
        await listener.onCancelledByStaff?.(event);
      } catch (error) {
        this.onError(error, 'MentorTalks.onCancelledByStaff');
      }
    }
  }

  /** The mentor's slots from two weeks ago on (with who booked them), soonest first. */
  async slotsOf(mentorId: string, now: Date): Promise<StoredSlot[]> {
    return (await this.store.list(new Date(now.getTime() - RECENT_MS), READ_LIMIT)).filter((s) => s.mentorId === mentorId);
  }

  /**
   * Publishes a mentor's slot (weekly: one per week), refused when the rules or their own slots say
   * no. The read of their slots, the overlap check and the write run under the owner's lock: of two
   * overlapping publications at once, one is published and the other refused as 'overlap'.
   */
  async publish(mentor: { id: string; firstName: string }, draft: SlotDraft, now: Date): Promise<PublishResult> {
    return this.publishLock.run(mentor.id, async (): Promise<PublishResult> => {
      const mine = await this.slotsOf(mentor.id, now);
      const check = checkSlotDraft(draft, mine, now);
      if (!check.ok) return check;
      const slots: Slot[] = check.starts.map((start) => ({
        id: randomUUID(),
        mentorId: mentor.id,
        mentorFirstName: mentor.firstName,
        start,
        durationMinutes: draft.durationMinutes,
        languages: [...new Set(draft.languages)],
        link: draft.link,
        ...(draft.kind === 'interview' ? { kind: 'interview' as const } : {}),
      }));
      await this.store.add(slots);
      return { ok: true, slots };
    }).then((result) => (result === 'busy' ? { ok: false, problem: 'busy' } : result));
  }

  /** The free slots of a kind (talks unless said) that fit the person, in the order to offer them. */
  async offer(seeker: SlotSeeker, now: Date, limit: number, kind: SlotKind = 'talk'): Promise<StoredSlot[]> {
    const free = (await this.store.list(now, READ_LIMIT)).filter((s) => !s.booking && slotKind(s) === kind);
    return slotsForPerson(free, seeker, now).slice(0, limit);
  }

  /** The person's talk (or interview) still to come, if they booked one. */
  async upcomingOf(person: SlotPerson, now: Date, kind: SlotKind = 'talk'): Promise<StoredSlot | undefined> {
    return (await this.store.bookingsOf(person)).find((s) => Date.parse(s.start) > now.getTime() && slotKind(s) === kind);
  }

  /**
   * Books the slot (one person a slot, one talk and one interview to come a person). A talk moves the
   * journey to mentor-talk-booked; an interview leaves it at selection-intake (its outcome is staff's).
   */
  async book(slotId: string, booking: SlotBooking, now: Date): Promise<TalkBookResult> {
    const wanted = await this.store.get(slotId);
    if (!wanted) return { ok: false, reason: 'gone' };
    const kind = slotKind(wanted);
    if (await this.upcomingOf(booking.person, now, kind)) return { ok: false, reason: 'has-booking' };
    const result = await this.store.book(slotId, booking, now);
    if (result !== 'booked') return { ok: false, reason: result };
    const slot = (await this.store.get(slotId))!;
    if (kind === 'talk') await this.moveJourney(booking.person, 'mentor-talk-booked', { kind: 'bot' }, 'slot-booked', now);
    await this.tell('onBooked', { slot, booking });
    return { ok: true, slot };
  }

  /** The person cannot come: the slot is free again; a talk's journey goes back to motivation. */
  async cancelByPerson(person: SlotPerson, now: Date, kind: SlotKind = 'talk'): Promise<StoredSlot | undefined> {
    const slot = await this.upcomingOf(person, now, kind);
    if (!slot || !(await this.store.release(slot.id, person))) return undefined;
    if (kind === 'talk') await this.moveJourney(person, 'motivation', { kind: 'bot' }, 'talk-cancelled-by-person', now);
    await this.tell('onCancelled', { slot, booking: slot.booking!, by: 'person' });
    return slot;
  }

  private async own(actor: TalkActor, slotId: string): Promise<SlotActionResult<StoredSlot>> {
    const slot = await this.store.get(slotId);
    if (!slot) return { ok: false, reason: 'missing' };
    if (actor.role !== 'staff' && slot.mentorId !== actor.id) return { ok: false, reason: 'not-yours' };
    return { ok: true, value: slot };
  }

  /**
   * The mentor takes a slot away. A booked one: the journey goes back to motivation, and the slot is
   * given back with its booking, so the caller tells the person and offers the next free slots. Staff
   * who take away another account's slot: its owner is told too (onCancelledByStaff).
   */
  async cancelSlot(actor: TalkActor, slotId: string, now: Date): Promise<SlotActionResult<StoredSlot>> {
    const owned = await this.own(actor, slotId);
    if (!owned.ok) return owned;
    const removed = await this.store.remove(slotId);
    if (!removed) return { ok: false, reason: 'missing' };
    const toCome = removed.booking && !removed.outcome && Date.parse(removed.start) > now.getTime() ? removed.booking : undefined;
    if (toCome) {
      if (slotKind(removed) === 'talk') await this.moveJourney(toCome.person, 'motivation', { kind: actor.role, id: actor.id, firstName: actor.firstName }, 'talk-cancelled-by-mentor', now);
      await this.tell('onCancelled', { slot: removed, booking: toCome, by: 'mentor' });
    }
    if (removed.mentorId !== actor.id) await this.tellOwner({ slot: removed, ...(toCome ? { booking: toCome } : {}), by: { id: actor.id, firstName: actor.firstName } });
    return { ok: true, value: removed };
  }

  /** After the talk: held or missed, with a note; moves the journey to mentor-talk-held / mentor-talk-missed. */
  async recordOutcome(actor: TalkActor, slotId: string, kind: TalkOutcome['kind'], note: string, now: Date): Promise<SlotActionResult<StoredSlot>> {
    const owned = await this.own(actor, slotId);
    if (!owned.ok) return owned;
    const slot = owned.value;
    // The interview's outcome is a journey move of staff's (selected, not selected, talent pool).
    if (slotKind(slot) === 'interview') return { ok: false, reason: 'interview' };
    if (!slot.booking) return { ok: false, reason: 'not-booked' };
    if (Date.parse(slot.start) > now.getTime()) return { ok: false, reason: 'not-started' };
    const outcome: TalkOutcome = { kind, note: note.trim(), at: now.toISOString(), by: { id: actor.id, firstName: actor.firstName } };
    if (!(await this.store.record(slotId, outcome))) return { ok: false, reason: 'not-booked' };
    const reason = outcome.note || (kind === 'held' ? 'talk-held' : 'talk-missed');
    await this.moveJourney(slot.booking.person, kind === 'held' ? 'mentor-talk-held' : 'mentor-talk-missed', { kind: actor.role, id: actor.id, firstName: actor.firstName }, reason, now);
    return { ok: true, value: { ...slot, outcome } };
  }

  /** Moves the journey when the table allows it; a person without a journey (or at another stage) keeps theirs. */
  private async moveJourney(person: SlotPerson, to: 'mentor-talk-booked' | 'motivation' | 'mentor-talk-held' | 'mentor-talk-missed', actor: Parameters<Journeys['moveTo']>[2], reason: string, now: Date) {
    const moved = await this.journeys.moveTo(person, to, actor, reason, now);
    if (!moved.ok && 'refusal' in moved && moved.refusal.code !== 'same-stage') this.onError(new Error(moved.refusal.message), 'MentorTalks.moveJourney');
  }
}
