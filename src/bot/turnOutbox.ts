import { TurnContext } from 'botbuilder';
import type { Activity, ResourceResponse } from 'botbuilder';
import { isNotice, isRelay, markNotice, markRelay } from './relayMark';
import type { StoredReply } from '../storage/turnJournal';
import { mergeReplies, ReplyLimits } from './replyMerging';

const OUTBOX = Symbol.for('vit.turnOutbox');

interface HeldSend {
  activities: Partial<Activity>[];
  send: () => Promise<ResourceResponse[]>;
}

/**
 * Holds a turn's outgoing activities back until its state is saved: a turn whose save loses (another
 * turn wrote the conversation first) is run again, and what it had said is dropped, never sent. What
 * it holds is saved with the state (`stored`) and delivered after the save, one send at a time, each
 * confirmed to the journal (see ConditionalTurn). Installed first on the context, so what it holds has
 * not reached the transcript logger, the handoff guard or the channel yet; released activities go on
 * through the rest of the chain in their original order. Outside `hold()` (e.g. the error handler's
 * reply, a redelivered outbox) sends pass straight through.
 */
export class TurnOutbox {
  private holding = false;
  private held: HeldSend[] = [];
  private readonly checks: Array<() => Promise<void>> = [];
  /** Set when replies of a saved turn could not be delivered: they stay in the journal for a later delivery. */
  undelivered = false;
  /** Set once the turn's write (with its handled mark) succeeded. */
  committed = false;
  /** A short text the turn's reply starts with (see `lead`). */
  private leading?: Partial<Activity>;
  /** Whether the last `placeLead` found a message of the turn's own to put the lead before. */
  leadPlaced = false;

  private constructor() {}

  /** Adds an outbox to the turn (once) and returns it. */
  static install(context: TurnContext): TurnOutbox {
    const existing = TurnOutbox.of(context);
    if (existing) return existing;
    const outbox = new TurnOutbox();
    context.turnState.set(OUTBOX, outbox);
    context.onSendActivities(async (ctx, activities, next) => {
      if (!outbox.holding) return next();
      outbox.held.push({ activities, send: next });
      if (activities.some((a) => a.type !== 'trace')) ctx.responded = true;
      // Ids are unknown until the activities really go out; the bot never updates its own replies.
      return activities.map(() => ({ id: '' }));
    });
    return outbox;
  }

  static of(context: TurnContext): TurnOutbox | undefined {
    return context.turnState.get(OUTBOX) as TurnOutbox | undefined;
  }

  get size(): number {
    return this.held.reduce((n, h) => n + h.activities.length, 0);
  }

  hold(): void {
    this.holding = true;
  }

  /**
   * A check that needs the shared store (the handoff guard asks whether a mentor owns the
   * conversation) runs before the save, so nothing after the save depends on it.
   */
  beforeSave(check: () => Promise<void>): void {
    this.checks.push(check);
  }

  /** Starts every check at once, so their commands leave together (and with the write that follows). */
  async runChecks(): Promise<void> {
    await Promise.all(this.checks.map((check) => check()));
  }

  /**
   * A short text to put before the turn's first message of its own ("I only read the first part"):
   * it becomes part of the reply (merged with it where replies are merged) instead of a reply of its
   * own, so the turn's dialogs still see a turn that has said nothing yet, and ask or answer as they
   * would. Kept over a rerun of the turn; placed by `placeLead`.
   */
  lead(activity: Partial<Activity>): void {
    this.leading = activity;
  }

  /**
   * Puts the lead (if any) in front of the first held message that is the bot's own (not a mentor's
   * message, not a notice), in the same send, before merging and saving. `leadPlaced` says whether
   * there was one: a turn that said nothing of its own (a mentor owns the conversation) leaves the
   * lead to its giver.
   */
  placeLead(context: TurnContext): void {
    this.leadPlaced = false;
    if (!this.leading) return;
    for (const { activities } of this.held) {
      const at = activities.findIndex((a) => (a.type ?? 'message') === 'message' && !isRelay(a) && !isNotice(a));
      if (at < 0) continue;
      // Addressed as TurnContext.sendActivities addresses what it is given.
      const lead = TurnContext.applyConversationReference({ ...this.leading, type: 'message' }, TurnContext.getConversationReference(context.activity));
      activities.splice(at, 0, lead);
      this.leadPlaced = true;
      return;
    }
  }

  /**
   * Merges what is held into as few messages as `limits` allow (see mergeReplies), before it is saved:
   * the saved replies, their ids and every later delivery are the merged ones. Each merged reply goes
   * out through the send of the first reply it holds; sends left with nothing are dropped.
   */
  merge(limits: ReplyLimits): void {
    const flat = this.held.flatMap((held, entry) => held.activities.map((activity) => ({ activity, entry })));
    const merged = mergeReplies(
      flat.map((f) => f.activity),
      limits,
    );
    if (merged.length === flat.length) return;
    const byEntry = new Map<number, Partial<Activity>[]>();
    for (const { activity, from } of merged) {
      const entry = flat[from[0]].entry;
      byEntry.set(entry, [...(byEntry.get(entry) ?? []), activity]);
    }
    this.held = this.held.flatMap((held, entry) => {
      const activities = byEntry.get(entry);
      if (!activities) return [];
      // The same array the send goes on with, so the rest of the chain gets the merged replies.
      held.activities.splice(0, held.activities.length, ...activities);
      return [held];
    });
  }

  /**
   * What is held, as saved with the turn: each reply with the id `<turn>-<n>` it keeps on every
   * delivery, in `channelData.replyId` (botbuilder drops an outgoing activity's own `id`: the
   * channel assigns that), where a channel or a client that can drop duplicates finds it. Saved
   * without its address (conversation, sender, recipient, service URL: the person's id, a phone
   * number on WhatsApp): a redelivery is sent in a turn of the same conversation, which sets all of
   * it again, and the journal keeps a reply after it went out (until the next turn replaces it).
   */
  stored(turn: string): StoredReply[] {
    const replies: StoredReply[] = [];
    for (const { activities } of this.held) {
      for (const activity of activities) {
        const id = `${turn.slice(0, 16)}-${replies.length + 1}`;
        withReplyId(activity, id);
        replies.push({ id, activity: withoutAddress(activity), ...(isRelay(activity) ? { relay: true } : {}), ...(isNotice(activity) ? { notice: true } : {}) });
      }
    }
    return replies;
  }

  /**
   * Sends what was held, in order, and stops holding. `sent(n)` is told after each send how many
   * activities went out so far; a send that fails is tried `attempts` times in all, then the rest is
   * left (false).
   */
  async release(options: { sent?: (count: number) => Promise<void>; attempts?: number; pauseMs?: number } = {}): Promise<boolean> {
    this.holding = false;
    const attempts = options.attempts ?? 1;
    let count = 0;
    for (const { activities, send } of this.held.splice(0)) {
      for (let attempt = 1; ; attempt++) {
        try {
          await send();
          break;
        } catch (error) {
          if (attempt >= attempts) {
            this.held = [];
            if (!options.sent) throw error;
            return false;
          }
          await new Promise((resolve) => setTimeout(resolve, (options.pauseMs ?? 250) * attempt));
        }
      }
      count += activities.length;
      await options.sent?.(count);
    }
    return true;
  }

  /** Forgets what was held (a lost save): none of it is sent. */
  drop(): void {
    this.held = [];
  }
}

/** The stable id of an outgoing reply (see TurnOutbox.stored); undefined for sends outside a saved turn. */
export function replyIdOf(activity: Partial<Activity>): string | undefined {
  const id = (activity.channelData as { replyId?: unknown } | undefined)?.replyId;
  return typeof id === 'string' ? id : undefined;
}

/** A copy without what TurnContext.sendActivities sets again from the turn's conversation reference. */
function withoutAddress(activity: Partial<Activity>): Partial<Activity> {
  const { conversation, from, recipient, serviceUrl, channelId, replyToId, ...rest } = activity;
  void [conversation, from, recipient, serviceUrl, channelId, replyToId];
  return rest;
}

function withReplyId(activity: Partial<Activity>, id: string): Partial<Activity> {
  activity.channelData = { ...(activity.channelData as object | undefined), replyId: id };
  return activity;
}

/** A saved reply as an activity to send again, with its handoff marks and its id. */
export function replyActivity(reply: StoredReply): Partial<Activity> {
  const activity = withReplyId({ ...reply.activity }, reply.id);
  if (reply.relay) markRelay(activity);
  if (reply.notice) markNotice(activity);
  return activity;
}
