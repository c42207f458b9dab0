import type { Middleware, TurnContext } from 'botbuilder';
import { isProactive, leaseHeld, prefetchedUnderLease } from './turnLockMiddleware';
import { replyActivity, TurnOutbox } from './turnOutbox';
import type { PendingOutbox, TurnJournal } from '../storage/turnJournal';
import { turnKeysOf } from '../storage/turnJournal';

const PREFETCHED = Symbol.for('vit.savedTurnPrefetched');

/**
 * Before a turn runs (under the conversation's lease): replies of an earlier saved turn that were not
 * confirmed sent go out first, with their ids, in order; then an activity whose turn is already saved
 * (a channel's retry, the WhatsApp inbox's redelivery) ends here, its dialogs not run again. Handled
 * marks are written in the turn's own write (ConditionalTurn), so "handled" means "its state is saved";
 * a turn that writes no state (a mentor's command in Teams) is marked once it succeeded.
 */
export class SavedTurnMiddleware implements Middleware {
  constructor(
    private readonly journal: TurnJournal,
    private readonly onUndelivered?: (context: TurnContext, error: Error) => void,
    private readonly onRepeat?: (context: TurnContext) => void,
    /** The turn's other first reads (its states, the open handoff), sent with the journal's look-up: one round trip. */
    private readonly preload?: (context: TurnContext, again: boolean) => Promise<unknown>,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const keys = turnKeysOf(context, this.journal);
    if (!keys || isProactive(context)) return next();
    const { handled, pending } = await this.lookup(context, keys);
    if (pending) {
      try {
        await this.redeliver(context, keys.conversation, pending);
      } catch (error) {
        // Left in the outbox for the next delivery. A new message waits behind it (and may be told to try
        // again: nothing of it was saved); a resend of a saved turn has nothing more to do, so no "try again".
        const outbox = TurnOutbox.of(context);
        if (outbox) outbox.undelivered = true;
        this.onUndelivered?.(context, error as Error);
        if (!handled) throw error;
        return;
      }
    }
    if (handled) {
      this.onRepeat?.(context);
      return;
    }
    await next();
    // A turn that wrote its state was marked in that write; one that wrote none is marked now.
    if (keys.activity && !TurnOutbox.of(context)?.committed) await this.journal.markHandled(keys.conversation, keys.activity);
  }

  /**
   * The journal's look-up and the turn's other first reads, sent together; for TurnLockMiddleware to
   * send right behind the lease's first try. Taken by onTurn only when that try got the lease.
   */
  prefetch(context: TurnContext): Promise<unknown> {
    const keys = turnKeysOf(context, this.journal);
    if (!keys || isProactive(context)) return Promise.resolve();
    const lookup = this.lookupAndPreload(context, keys, false);
    context.turnState.set(PREFETCHED, lookup);
    return lookup;
  }

  private lookup(context: TurnContext, keys: { conversation: string; activity?: string }) {
    const prefetched = context.turnState.get(PREFETCHED) as ReturnType<typeof this.lookupAndPreload> | undefined;
    context.turnState.delete(PREFETCHED);
    // Read before the lease was this turn's: read again, the states too (they are cached on the turn).
    if (prefetched && prefetchedUnderLease(context)) return prefetched;
    return this.lookupAndPreload(context, keys, true);
  }

  private async lookupAndPreload(context: TurnContext, keys: { conversation: string; activity?: string }, again: boolean) {
    // The look-up first: the conversation state's read, started by the preload, can take its answer (see RedisTurnJournal.lookup).
    const lookup = this.journal.lookup(keys.conversation, keys.activity ?? '');
    const preloaded = this.preload?.(context, again).catch(() => undefined); // a failed read is tried again by its reader
    const result = await lookup.finally(() => preloaded);
    return result;
  }

  private async redeliver(context: TurnContext, conversation: string, pending: PendingOutbox): Promise<void> {
    const total = pending.replies.length;
    for (let i = pending.sent; i < total; i++) {
      await context.sendActivities([replyActivity(pending.replies[i])]);
      // Only under the lease: without it another turn may own the outbox (see RedisTurnJournal.confirm).
      if (leaseHeld(context)) await this.journal.confirm(conversation, pending.activity, i + 1, total);
    }
  }
}
