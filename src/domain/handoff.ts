import type { Language } from './language';
import type { MentorReason } from './person';

/** A handoff's life: waiting in the queue, active with a mentor, then closed (by the mentor) or abandoned (by the person). */
export const HANDOFF_STATUSES = ['waiting', 'active', 'closed', 'abandoned'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** The allowed transitions, in one place: claim, release, close, and the person leaving. */
const TRANSITIONS: Record<HandoffStatus, readonly HandoffStatus[]> = {
  waiting: ['active', 'abandoned', 'closed'],
  active: ['waiting', 'closed', 'abandoned'],
  closed: [],
  abandoned: [],
};

export function canTransition(from: HandoffStatus, to: HandoffStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const isOpen = (status: HandoffStatus) => status === 'waiting' || status === 'active';

/** How a mentor ends a conversation. */
export const CLOSE_OUTCOMES = ['helped', 'referred', 'follow-up', 'no-response', 'other'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export interface HandoffMessage {
  at: string;
  from: 'person' | 'mentor';
  text: string;
  /** Set when the person sent something the bot cannot read (picture, …), or a voice note (`text`: its transcript, if any). */
  kind?: 'text' | 'attachment' | 'voice';
  /** A voice note's media id on its channel, for a mentor to play it (fetched on demand, never kept). */
  voice?: { mediaId: string; contentType: string };
  mentorName?: string;
  /**
   * The person's message id on their channel (a WhatsApp message id holds the phone number: personal
   * data, kept with the handoff, erased with it, never sent to a browser): what a typing indicator answers.
   */
  channelMessageId?: string;
  /**
   * How a mentor's message fared when the channel could not deliver it as is: 'template' (a WhatsApp
   * template went out, the text follows when the person writes) or 'failed' (the channel took it but
   * later reported that it never reached the person).
   */
  delivery?: HandoffDelivery;
  /**
   * A mentor's message that went out machine-translated: `text` is what the person received, this is
   * what the mentor wrote (and the language the translator found it in). Staff see both.
   */
  translatedFrom?: TranslatedFrom;
}

export interface TranslatedFrom {
  text: string;
  language?: string;
}

export type HandoffDelivery = 'template' | 'failed';

export interface ConversationRef {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; [key: string]: unknown };
  user: { id: string; name?: string };
  bot: { id: string; name?: string };
  locale?: string;
  [key: string]: unknown;
}

export interface HandoffRecord {
  id: string;
  /** The person: channel and user id (the user id may be a phone number: personal data). */
  person: { channelId: string; userId: string; firstName?: string };
  conversation: ConversationRef;
  language: Language;
  reason: MentorReason;
  /** The intake answers and result, when the person did the intake. */
  intake?: Record<string, unknown>;
  outcome?: string;
  status: HandoffStatus;
  createdAt: string;
  claimedAt?: string;
  closedAt?: string;
  mentor?: { id: string; firstName: string };
  /** How many times a mentor took it (a release and a new claim count again). */
  claims?: number;
  /** Every mentor who took it at some point (they may read it later, also after a release). */
  handledBy?: string[];
  messages: HandoffMessage[];
  closeOutcome?: CloseOutcome;
  note?: string;
  rating?: number;
  /** Queue order: lower is earlier; kept when a mentor releases the conversation. */
  seq: number;
  /** The last place in line the person was told. */
  toldPlace?: number;
  /** When the person was offered to leave a message because no mentor came. */
  leaveMessageOfferedAt?: string;
}

/**
 * The waiting list as a mentor sees it: first the people whose language the mentor speaks, then
 * the others; first come, first served within each group.
 */
export function orderForMentor(waiting: HandoffRecord[], mentorLanguages: readonly string[]): HandoffRecord[] {
  const speaks = (h: HandoffRecord) => (mentorLanguages.includes(h.language) ? 0 : 1);
  return [...waiting].sort((a, b) => speaks(a) - speaks(b) || a.seq - b.seq);
}

/**
 * The person to offer a mentor who just became free: the first in line whose language they speak,
 * else the first in line; never the conversation they just gave back.
 */
export function nextForMentor(waiting: HandoffRecord[], mentorLanguages: readonly string[], except?: string): HandoffRecord | undefined {
  return orderForMentor(waiting.filter((h) => h.id !== except), mentorLanguages)[0];
}

/** Whether this mentor took the handoff at some point (now or before a release). */
export function handledBy(handoff: HandoffRecord, mentorId: string): boolean {
  return handoff.mentor?.id === mentorId || (handoff.handledBy ?? []).includes(mentorId);
}

/**
 * How far a mentor reads one conversation of a person, by the rule for opening a handoff (the handoffs
 * they took at some point, with what came before each): up to the end of the last such handoff; all of
 * it while one of them is still open; nothing (undefined) when they took none. A later handoff another
 * mentor took is theirs: the transcript stops where this mentor's part ended.
 */
export function mentorReadsUntil(handoffs: readonly HandoffRecord[], mentorId: string): string | 'all' | undefined {
  const own = handoffs.filter((h) => handledBy(h, mentorId));
  if (own.length === 0) return undefined;
  if (own.some((h) => isOpen(h.status) || !h.closedAt)) return 'all';
  return own.map((h) => h.closedAt!).sort().at(-1);
}

/**
 * Whether a change of place in line is worth telling: reaching the front, or moving up by at least
 * a third of the remaining line (and at least one place). Saves people from a message per step.
 */
export function placeChangeWorthTelling(lastTold: number | undefined, now: number): boolean {
  if (lastTold === undefined) return true;
  if (now >= lastTold) return false;
  if (now === 1) return true;
  return lastTold - now >= Math.max(1, Math.ceil(lastTold / 3));
}

/** While waiting, "your message is kept" is said at most once in this many minutes. */
export const KEPT_NOTICE_MINUTES = 5;

/**
 * Whether a person's message that comes in at `now`, while they wait for a mentor, is answered with
 * "your message is kept": at the first one, and then again once `minutes` have passed since the
 * last such answer, so a person who goes on writing hears now and then that the bot is there, but
 * is not answered at every message. The answers follow from the times of the person's earlier
 * messages (`messages`, before this one), so nothing more needs keeping.
 */
export function keptNoticeDue(messages: readonly HandoffMessage[], now: Date, minutes = KEPT_NOTICE_MINUTES): boolean {
  const gap = minutes * 60_000;
  let lastNotice: number | undefined;
  for (const m of messages) {
    if (m.from !== 'person') continue;
    const at = Date.parse(m.at);
    if (lastNotice === undefined || at - lastNotice >= gap) lastNotice = at;
  }
  return lastNotice === undefined || now.getTime() - lastNotice >= gap;
}
