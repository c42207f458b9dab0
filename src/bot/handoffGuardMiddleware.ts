import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { HandoffQueue } from '../handoff/handoffQueue';
import { isHandoffEvent } from '../handoff/handoffActivities';
import { isNotice, isRelay } from './relayMark';
import { TurnOutbox } from './turnOutbox';
import type { HandoffRecord } from '../domain/handoff';

/** The person's open handoff as read before the turn's write (undefined: none open). */
const OPEN_BEFORE_SAVE = Symbol.for('vit.openHandoffBeforeSave');

/**
 * While a mentor owns a conversation the bot says nothing of its own: before anything is sent in a
 * conversation whose handoff is active, only handoff messages (relay-marked) go through. Checked
 * against the shared queue, so it holds whichever instance runs the turn. A turn's own replies are
 * judged by what the queue said just before the turn's write: nothing after the write asks Redis.
 *
 * Bot Framework's handoff events (handoff.initiate, handoff.status) are recorded, not delivered: the
 * transcript logger, which runs before this, still sees them, but no channel gets them: no app our
 * people use reads them, and a channel may refuse an activity type it does not know.
 */
export class HandoffGuardMiddleware implements Middleware {
  constructor(private readonly queue: HandoffQueue) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities((ctx, activities, send) => recordOnly(activities, () => this.guard(ctx, activities, send)));
    const from = context.activity.from?.id;
    if (from) {
      TurnOutbox.of(context)?.beforeSave(async () => {
        context.turnState.set(OPEN_BEFORE_SAVE, { open: await this.queue.openFor(context.activity.channelId, from) });
      });
    }
    await next();
  }

  private async guard(ctx: TurnContext, activities: Partial<Activity>[], send: () => Promise<ResourceResponse[]>): Promise<ResourceResponse[]> {
    if (activities.length === 0) return [];
    if (activities.every((a) => isRelay(a) || isNotice(a)) || !ctx.activity.from?.id) return send();
    const decided = ctx.turnState.get(OPEN_BEFORE_SAVE) as { open: HandoffRecord | undefined } | undefined;
    const open = decided ? decided.open : await this.queue.openFor(ctx.activity.channelId, ctx.activity.from.id);
    if (open?.status !== 'active') return send();
    const allowed: Partial<Activity>[] = activities.filter((a) => isRelay(a) || a.type !== 'message');
    if (allowed.length === activities.length) return send();
    activities.splice(0, activities.length, ...allowed);
    return allowed.length > 0 ? send() : ([] as ResourceResponse[]);
  }
}

/**
 * Sends the list without its handoff events, then puts them back where they were, so whoever reads
 * the list after the send (the transcript logger) sees them too; they get an empty id.
 */
async function recordOnly(activities: Partial<Activity>[], send: () => Promise<ResourceResponse[]>): Promise<ResourceResponse[]> {
  if (!activities.some(isHandoffEvent)) return send();
  const original = [...activities];
  activities.splice(0, activities.length, ...original.filter((a) => !isHandoffEvent(a)));
  const responses = await send();
  const sent = new Map(activities.map((a, i) => [a, responses[i]]));
  const kept = original.filter((a) => isHandoffEvent(a) || sent.has(a));
  activities.splice(0, activities.length, ...kept);
  return kept.map((a) => sent.get(a) ?? { id: '' });
}
