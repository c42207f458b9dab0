import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { HandoffQueue } from '../handoff/handoffQueue';
import { isNotice, isRelay } from './relayMark';

/**
 * While a mentor owns a conversation the bot says nothing of its own: before anything is sent in a
 * conversation whose handoff is active, only handoff messages (relay-marked) go through. Checked
 * against the shared queue on every send, so it holds whichever instance runs the turn.
 */
export class HandoffGuardMiddleware implements Middleware {
  constructor(private readonly queue: HandoffQueue) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, send) => {
      if (activities.every((a) => isRelay(a) || isNotice(a)) || !ctx.activity.from?.id) return send();
      const open = await this.queue.openFor(ctx.activity.channelId, ctx.activity.from.id);
      if (open?.status !== 'active') return send();
      const allowed: Partial<Activity>[] = activities.filter((a) => isRelay(a) || a.type !== 'message');
      if (allowed.length === activities.length) return send();
      activities.splice(0, activities.length, ...allowed);
      return allowed.length > 0 ? send() : ([] as ResourceResponse[]);
    });
    await next();
  }
}
