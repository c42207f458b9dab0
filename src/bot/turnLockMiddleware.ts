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
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const conversationId = activity.conversation?.id;
    if (!conversationId || isProactive(context)) return next();
    const channel = activity.channelId ?? 'unknown';
    const stop = this.metrics?.turnLockWait.startTimer({ channel });
    const lease = await this.locks.acquire(conversationLockKey(channel, conversationId), orderOf(activity.timestamp));
    stop?.();
    TurnOutbox.install(context);
    try {
      await next();
    } finally {
      await lease.release().catch(() => undefined); // unreleased, it expires by itself
    }
  }
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
