import { randomUUID } from 'node:crypto';
import type { BookingEvent, BookingEvents, SlotCancelledByStaff } from './mentorTalks';
import type { TalkNotice, TalkNoticeStore } from './talkNoticeStore';

/**
 * The mentor's notices about their slots, for the console: a booking, a cancellation by the person,
 * and a cancellation by staff (a mentor who cancels knows it already). The notices hold no person;
 * the console reads who booked from the slot while the booking stands.
 */
export class MentorTalkNotices implements BookingEvents {
  private readonly addedListeners: Array<(notice: TalkNotice, mentorId: string) => Promise<void> | void> = [];

  constructor(
    readonly store: TalkNoticeStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Told after a notice is kept (the mentor's open console is asked to look); a listener's failure is logged by it, not the booking's. */
  whenAdded(listener: (notice: TalkNotice, mentorId: string) => Promise<void> | void): void {
    this.addedListeners.push(listener);
  }

  async onBooked({ slot, booking }: BookingEvent): Promise<void> {
    await this.add(slot.mentorId, this.notice('booked', { slot, booking }));
  }

  async onCancelled({ slot, booking, by }: BookingEvent): Promise<void> {
    if (by !== 'person') return;
    await this.add(slot.mentorId, this.notice('cancelled', { slot, booking }));
  }

  /** Staff took the slot away: the owner is told who did, and whether someone had booked it (that person is told in the chat). */
  async onCancelledByStaff({ slot, booking, by }: SlotCancelledByStaff): Promise<void> {
    const notice: TalkNotice = {
      id: randomUUID(),
      kind: 'cancelled-by-staff',
      by: by.firstName,
      wasBooked: !!booking,
      slotId: slot.id,
      start: slot.start,
      durationMinutes: slot.durationMinutes,
      language: booking?.language ?? slot.languages[0],
      link: slot.link,
      bookedAt: booking?.bookedAt ?? '',
      at: this.now().toISOString(),
    };
    await this.add(slot.mentorId, notice);
  }

  private async add(mentorId: string, notice: TalkNotice): Promise<void> {
    await this.store.add(mentorId, notice);
    for (const listener of this.addedListeners) await listener(notice, mentorId);
  }

  /** How many notices came after the mentor last looked. */
  async unseen(mentorId: string): Promise<number> {
    const { notices, seenAt } = await this.store.get(mentorId);
    return notices.filter((n) => !seenAt || n.at > seenAt).length;
  }

  private notice(kind: TalkNotice['kind'], { slot, booking }: BookingEvent): TalkNotice {
    return {
      id: randomUUID(),
      kind,
      slotId: slot.id,
      start: slot.start,
      durationMinutes: slot.durationMinutes,
      language: booking.language,
      link: slot.link,
      bookedAt: booking.bookedAt,
      at: this.now().toISOString(),
    };
  }
}
