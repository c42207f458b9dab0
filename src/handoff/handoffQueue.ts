import type { Language } from '../i18n/languages';
import type { CloseOutcome, ConversationRef, HandoffDelivery, HandoffMessage, HandoffRecord } from '../domain/handoff';
import type { MentorReason } from '../domain/person';

export interface NewHandoff {
  person: HandoffRecord['person'];
  conversation: ConversationRef;
  language: Language;
  reason: MentorReason;
  intake?: Record<string, unknown>;
  outcome?: string;
}

/** One mentor message of a handoff: its `at` and its text. */
export interface MentorMessageRef {
  at: string;
  text: string;
}

export interface MentorRef {
  id: string;
  firstName: string;
}

export type ClaimResult =
  | { ok: true; handoff: HandoffRecord }
  | { ok: false; reason: 'already-taken'; handoff: HandoffRecord }
  | { ok: false; reason: 'not-found' | 'not-waiting' };

export type ChangeResult = { ok: true; handoff: HandoffRecord } | { ok: false; reason: 'not-found' | 'not-yours' | 'not-allowed' };

/**
 * The mentor queue. Implementations: memory (one process) and Redis (shared by all instances).
 * Every change is atomic; a change that does not fit the handoff's status (see domain/handoff.ts)
 * is refused with a reason, never half done.
 */
export interface HandoffQueue {
  /** Puts the person in line; a person with an open handoff gets that one back (never two). */
  enqueue(input: NewHandoff, now: Date): Promise<{ handoff: HandoffRecord; created: boolean }>;
  get(id: string): Promise<HandoffRecord | undefined>;
  /** The person's open (waiting or active) handoff. */
  openFor(channelId: string, userId: string): Promise<HandoffRecord | undefined>;
  /** Waiting handoffs, first come first served. */
  waiting(): Promise<HandoffRecord[]>;
  /** Handoffs a mentor has taken, oldest claim first. */
  active(): Promise<HandoffRecord[]>;
  /** 1-based place in line of a waiting handoff; undefined when it is not waiting. */
  position(id: string): Promise<number | undefined>;
  /** Takes a waiting handoff; of many mentors at once exactly one wins, the others get "already-taken". */
  claim(id: string, mentor: MentorRef, now: Date): Promise<ClaimResult>;
  /**
   * Hands an active handoff to another mentor at once: only its mentor may ('not-yours'), only while
   * it is active ('not-allowed'). The new mentor may read it from then on; the old one keeps reading it.
   */
  transfer(id: string, fromMentorId: string, to: MentorRef, now: Date): Promise<ChangeResult>;
  /** Gives an active handoff back to the queue at its old place; only its mentor may. */
  release(id: string, mentorId: string, now: Date): Promise<ChangeResult>;
  /** Ends a handoff with an outcome and a note; only its mentor may (or anyone while it waits). */
  close(id: string, mentorId: string, outcome: CloseOutcome, note: string, now: Date): Promise<ChangeResult>;
  /** The person left ("stop"), or can no longer be reached; `note`, when given, tells mentors why. */
  abandon(id: string, now: Date, note?: string): Promise<ChangeResult>;
  /** Keeps a message with the handoff while it is open. */
  addMessage(id: string, message: HandoffMessage): Promise<ChangeResult>;
  /**
   * Notes how a mentor's message fared, found by its time and text (the channel learns it later,
   * also after a close): 'not-found' when the handoff or that message is not there. Setting it again is fine.
   */
  markDelivery(id: string, message: MentorMessageRef, delivery: HandoffDelivery): Promise<ChangeResult>;
  /** The person's rating (1–5) after a closed conversation. */
  rate(id: string, rating: number): Promise<ChangeResult>;
  /** All the person's handoffs still kept, oldest first (for their data export and the transcripts a mentor may read). */
  allFor(channelId: string, userId: string): Promise<HandoffRecord[]>;
  /** The person's most recent handoff, whatever its status (to take a rating after a close). */
  latestFor(channelId: string, userId: string): Promise<HandoffRecord | undefined>;
  /**
   * Records that the person was told something (their place, the offer to leave a message), only
   * if what is recorded now is still `expected`: of several instances, one tells, the others skip.
   */
  updateNotice(id: string, field: NoticeField, expected: string | undefined, next: string): Promise<boolean>;
  /** Removes every handoff of the person, open or not (erasure); returns how many. */
  erasePerson(channelId: string, userId: string): Promise<number>;
}

export const RATINGS = [1, 2, 3, 4, 5] as const;

/** What the person has been told about their handoff. */
export type NoticeField = 'toldPlace' | 'leaveMessageOfferedAt';
