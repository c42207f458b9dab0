import type { Middleware, TurnContext } from 'botbuilder';
import { isProactive } from './turnLockMiddleware';
import type { HandledActivities } from './handledActivities';

/**
 * Handles an activity the channel delivered twice only once. Runs under the conversation's lease, so
 * "was it handled?" and "it is handled now" cannot interleave with a second delivery; an activity is
 * marked only after its turn succeeded, so a turn that failed can be delivered again and handled.
 */
export class DuplicateDeliveryMiddleware implements Middleware {
  constructor(private readonly handled: HandledActivities) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, channelId, conversation } = context.activity;
    if (!id || !conversation?.id || isProactive(context)) return next();
    const key = `${channelId}:${conversation.id}:${id}`;
    if (await this.handled.wasHandled(key)) return;
    await next();
    await this.handled.markHandled(key);
  }
}
