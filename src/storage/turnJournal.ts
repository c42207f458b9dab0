import { createHash } from 'node:crypto';
import type { Activity, Storage, StoreItems, TurnContext } from 'botbuilder';

/** A reply of a saved turn, kept until it is confirmed sent; `id` stays the same on every delivery. */
export interface StoredReply {
  id: string;
  activity: Partial<Activity>;
  /** The handoff marks (symbols, lost in JSON), kept so the guard judges a redelivery as the first try. */
  relay?: boolean;
  notice?: boolean;
}

/** What a turn writes besides its states: which activity it handled and what it answered. */
export interface TurnRecord {
  /** The conversation (see `turnKey`): every record of one conversation shares its keys. */
  conversation: string;
  /** The activity the turn handled (see `turnKey`); marks it handled for HANDLED_SECONDS. */
  activity: string;
  replies: StoredReply[];
}

/** The replies of a saved turn that are not yet confirmed sent. */
export interface PendingOutbox {
  activity: string;
  replies: StoredReply[];
  /** How many of `replies`, from the first, were confirmed sent. */
  sent: number;
}

/** What a turn finds when it starts: whether its activity was handled, and a previous turn's unsent replies. */
export interface TurnLookup {
  handled: boolean;
  pending?: PendingOutbox;
}

/**
 * The record of a conversation's turns, written in the same all-or-nothing write as the turn's states:
 * a turn counts as handled exactly when its state is saved, and its replies (the outbox) are saved with
 * it, so a process that dies after the write leaves replies another delivery can send, and no turn to
 * run again. One outbox per conversation: a turn delivers a previous turn's unsent replies before it runs.
 */
export interface TurnJournal {
  /**
   * The journal's name for a conversation (channel, conversation id) or an activity (channel,
   * conversation id, activity id): never the id itself, since a conversation id can hold a phone
   * number and a WhatsApp message id holds it in base64. Redis keys it (see RedisTurnJournal).
   */
  name(...parts: string[]): string;
  /**
   * Writes `changes` conditionally (each state with the eTag it was read with, as Storage.write does)
   * together with the record; throws the storage's eTag conflict and writes nothing when one differs.
   * Replaces the conversation's outbox with the turn's replies (or clears it when there are none).
   */
  commit(changes: StoreItems, record: TurnRecord): Promise<void>;
  /**
   * Marks an activity handled whose turn wrote no state (a mentor's command in Teams, a conversation
   * update): a repeat of it is dropped as for a saved turn.
   */
  markHandled(conversation: string, activity: string): Promise<void>;
  /** Whether `activity` was handled in `conversation` (kept 7 days), and the outbox not yet sent. */
  lookup(conversation: string, activity: string): Promise<TurnLookup>;
  /** The outbox's first `sent` of `total` replies went out; cleared once all did. Ignored when the outbox is another turn's by now. */
  confirm(conversation: string, activity: string, sent: number, total: number): Promise<void>;
  /** Forgets the records of these conversations (erasure). */
  erase(conversations: string[]): Promise<void>;
}

/** How long an activity counts as handled (and unsent replies are kept): Meta retries an unanswered webhook for up to 7 days. */
export const HANDLED_SECONDS = 7 * 24 * 60 * 60;

/** The memory journal's names (see TurnJournal.name): a plain hash, as nothing leaves the process. */
export function turnKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join(':')).digest('base64url');
}

/** The journal's names for the turn's conversation and activity; undefined when the activity names no conversation. */
export function turnKeysOf(context: TurnContext, journal: Pick<TurnJournal, 'name'>): { conversation: string; activity?: string } | undefined {
  const { channelId, conversation, id } = context.activity;
  if (!conversation?.id) return undefined;
  const channel = channelId ?? 'unknown';
  return { conversation: journal.name(channel, conversation.id), activity: id ? journal.name(channel, conversation.id, id) : undefined };
}

const MAX_MEMORY_CONVERSATIONS = 100_000;

/** The journal of one process, next to botbuilder's MemoryStorage. */
export class MemoryTurnJournal implements TurnJournal {
  private readonly handled = new Map<string, Map<string, number>>();
  private readonly outboxes = new Map<string, PendingOutbox>();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  name(...parts: string[]) {
    return turnKey(...parts);
  }

  async commit(changes: StoreItems, record: TurnRecord) {
    await this.storage.write(changes);
    await this.markHandled(record.conversation, record.activity);
    if (record.replies.length > 0) this.outboxes.set(record.conversation, { activity: record.activity, replies: record.replies, sent: 0 });
    else this.outboxes.delete(record.conversation);
  }

  async markHandled(conversation: string, activity: string) {
    const now = this.now();
    if (this.handled.size >= MAX_MEMORY_CONVERSATIONS) this.handled.clear();
    const marks = this.handled.get(conversation) ?? new Map<string, number>();
    for (const [marked, until] of marks) if (until <= now) marks.delete(marked);
    marks.set(activity, now + HANDLED_SECONDS * 1000);
    this.handled.set(conversation, marks);
  }

  async lookup(conversation: string, activity: string) {
    const until = this.handled.get(conversation)?.get(activity) ?? 0;
    const pending = this.outboxes.get(conversation);
    return { handled: until > this.now(), pending: pending && { ...pending, replies: [...pending.replies] } };
  }

  async confirm(conversation: string, activity: string, sent: number, total: number) {
    const outbox = this.outboxes.get(conversation);
    if (!outbox || outbox.activity !== activity) return;
    if (sent >= total) this.outboxes.delete(conversation);
    else outbox.sent = Math.max(outbox.sent, sent);
  }

  async erase(conversations: string[]) {
    for (const conversation of conversations) {
      this.handled.delete(conversation);
      this.outboxes.delete(conversation);
    }
  }
}
