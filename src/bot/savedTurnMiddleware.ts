import type { Middleware, TurnContext } from 'botbuilder';
import { isProactive } from './turnLockMiddleware';
import { replyActivity, TurnOutbox } from './turnOutbox';
import type { PendingOutbox, TurnJournal } from '../storage/turnJournal';
import { turnKeysOf } from '../storage/turnJournal';

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
    private readonly preload?: (context: TurnContext) => Promise<unknown>,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const keys = turnKeysOf(context, this.journal);
    if (!keys || isProactive(context)) return next();
    const preloaded = this.preload?.(context).catch(() => undefined); // a failed read is tried again by its reader
    const { handled, pending } = await this.journal.lookup(keys.conversation, keys.activity ?? '');
    await preloaded;
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

  private async redeliver(context: TurnContext, conversation: string, pending: PendingOutbox): Promise<void> {
    const total = pending.replies.length;
    for (let i = pending.sent; i < total; i++) {
      await context.sendActivities([replyActivity(pending.replies[i])]);
      await this.journal.confirm(conversation, pending.activity, i + 1, total);
    }
  }
}
