import type { Redis } from 'ioredis';
import type { Language } from '../domain/language';

/** How many notices a mentor keeps (the newest). */
export const MAX_TALK_NOTICES = 50;

/**
 * What a mentor is told about their slots: someone booked one, or the person who booked it cancelled
 * (a reschedule is a cancellation and, maybe with another mentor, a booking), or staff cancelled it
 * for them. Holds no person: who booked is read from the slot when the notice is shown (`bookedAt`
 * says it is still that booking).
 */
export interface TalkNotice {
  id: string;
  kind: 'booked' | 'cancelled' | 'cancelled-by-staff';
  /** cancelled-by-staff: the staff member's first name, and whether someone had booked the time (they are told in the chat). */
  by?: string;
  wasBooked?: boolean;
  slotId: string;
  start: string;
  durationMinutes: number;
  /** The language the person booked in (a free slot cancelled by staff: the slot's first language). */
  language: Language;
  link: string;
  /** When the booking was made (the slot's booking.bookedAt; empty for a free slot cancelled by staff). */
  bookedAt: string;
  /** When this happened. */
  at: string;
}

export interface TalkNotices {
  /** The mentor's notices, newest first, and when they last looked at them. */
  notices: TalkNotice[];
  seenAt?: string;
}

/**
 * Each mentor's notices about bookings of their slots, and when they last saw them (a mentor id is
 * the account's random id: no personal data in the key). Kept `retentionMs` after the last notice.
 */
export interface TalkNoticeStore {
  add(mentorId: string, notice: TalkNotice): Promise<void>;
  get(mentorId: string): Promise<TalkNotices>;
  markSeen(mentorId: string, at: string): Promise<void>;
}

export class MemoryTalkNoticeStore implements TalkNoticeStore {
  private readonly byMentor = new Map<string, TalkNotices>();

  async add(mentorId: string, notice: TalkNotice) {
    const current = this.byMentor.get(mentorId) ?? { notices: [] };
    this.byMentor.set(mentorId, { ...current, notices: [notice, ...current.notices].slice(0, MAX_TALK_NOTICES) });
  }

  async get(mentorId: string): Promise<TalkNotices> {
    const current = this.byMentor.get(mentorId);
    return current ? { notices: [...current.notices], ...(current.seenAt ? { seenAt: current.seenAt } : {}) } : { notices: [] };
  }

  async markSeen(mentorId: string, at: string) {
    const current = this.byMentor.get(mentorId) ?? { notices: [] };
    this.byMentor.set(mentorId, { ...current, seenAt: at });
  }
}

/**
 * In Redis: `talknotices:{<mentor id>}` a list of notices (JSON, newest first) and
 * `talknotices:{<mentor id>}:seen` the time they last looked; one hash tag per mentor.
 */
export class RedisTalkNoticeStore implements TalkNoticeStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs: number,
  ) {}

  private list = (mentorId: string) => `${this.prefix}talknotices:{${mentorId}}`;
  private seen = (mentorId: string) => `${this.prefix}talknotices:{${mentorId}}:seen`;

  async add(mentorId: string, notice: TalkNotice) {
    const key = this.list(mentorId);
    await this.redis.multi().lpush(key, JSON.stringify(notice)).ltrim(key, 0, MAX_TALK_NOTICES - 1).pexpire(key, this.retentionMs).exec();
  }

  async get(mentorId: string): Promise<TalkNotices> {
    const [raw, seenAt] = await Promise.all([this.redis.lrange(this.list(mentorId), 0, MAX_TALK_NOTICES - 1), this.redis.get(this.seen(mentorId))]);
    const notices = raw.flatMap((r) => {
      try {
        return [JSON.parse(r) as TalkNotice];
      } catch {
        return [];
      }
    });
    return { notices, ...(seenAt ? { seenAt } : {}) };
  }

  async markSeen(mentorId: string, at: string) {
    await this.redis.set(this.seen(mentorId), at, 'PX', this.retentionMs);
  }
}
