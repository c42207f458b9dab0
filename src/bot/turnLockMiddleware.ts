import { ActivityEventNames, ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { ConversationLocks, conversationLockKey } from '../storage/conversationLocks';
import type { Metrics } from '../metrics';
import { TurnOutbox } from './turnOutbox';

/** A channel's timestamp is trusted for ordering only when it is this close to our clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Runs one conversation's turns one at a time across every instance (a lease per conversation, in
 * the order the messages were sent), and gives the turn an outbox so nothing it says goes out before
 * its state is safely saved (see ConditionalTurn). Proactive turns (a mentor's message, a place in
 * line) only send and never touch the person's state: they do not wait for the lease, so a turn that
 * triggers one cannot deadlock on its own conversation.
 */
export class TurnLockMiddleware implements Middleware {
  constructor(
    private readonly locks: ConversationLocks,
    private readonly metrics?: Metrics,
    /**
     * The turn's first reads, sent right behind the lease's first try on the same connection (one
     * round trip for both); what they read counts only when that try got the lease (see prefetchedUnderLease).
     */
    private readonly prefetch?: (context: TurnContext) => Promise<unknown>,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const conversationId = activity.conversation?.id;
    if (!conversationId || isProactive(context)) return next();
    const channel = activity.channelId ?? 'unknown';
    const stop = this.metrics?.turnLockWait.startTimer({ channel });
    const acquiring = this.locks.acquire(conversationLockKey(channel, conversationId), orderOf(activity.timestamp));
    const prefetched = this.prefetch?.(context).catch(() => undefined); // a failed read is its reader's to repeat
    const lease = await acquiring.catch(async (error: unknown) => {
      await prefetched;
      throw error;
    });
    await prefetched;
    context.turnState.set(UNDER_LEASE, lease.atOnce === true);
    context.turnState.set(LEASE, lease);
    stop?.();
    TurnOutbox.install(context);
    try {
      await next();
    } finally {
      await lease.release().catch(() => undefined); // unreleased, it expires by itself
    }
  }
}

const UNDER_LEASE = Symbol.for('vit.prefetchedUnderLease');
const LEASE = Symbol.for('vit.turnLease');

/**
 * Whether the turn still holds its conversation's lease (a local check, no command); true for a turn
 * run without one (no lease middleware, a proactive turn). Writes that rely on the lease alone (the
 * outbox's confirmations, see RedisTurnJournal.confirm) are left out once it is lost.
 */
export function leaseHeld(context: TurnContext): boolean {
  const lease = context.turnState.get(LEASE) as { held: boolean } | undefined;
  return lease?.held ?? true;
}

/**
 * Whether what the lease middleware's prefetch read counts: its commands ran right after the lease's
 * first try, so only when that try got the lease did they read what this turn's lease protects.
 */
export function prefetchedUnderLease(context: TurnContext): boolean {
  return context.turnState.get(UNDER_LEASE) === true;
}

/** A turn the bot starts itself (continueConversation): it sends, and handles nothing that came in. */
export function isProactive(context: TurnContext): boolean {
  const { type, name } = context.activity;
  return type === ActivityTypes.Event && name === ActivityEventNames.ContinueConversation;
}

/** When the message was sent by the channel's clock, or now when that is missing or implausible. */
export function orderOf(timestamp: Date | string | undefined, now = Date.now()): number {
  const ms = timestamp === undefined ? NaN : new Date(timestamp).getTime();
  return Number.isFinite(ms) && Math.abs(ms - now) <= MAX_CLOCK_SKEW_MS ? ms : now;
}
