import type { ResourceResponse, TurnContext } from 'botbuilder';

const OUTBOX = Symbol.for('vit.turnOutbox');

/**
 * Holds a turn's outgoing activities back until its state is saved: a turn whose save loses (another
 * turn wrote the conversation first) is run again, and what it had said is dropped, never sent.
 * Installed first on the context, so what it holds has not reached the transcript logger or the
 * channel yet; released activities go on through the rest of the chain in their original order.
 * Outside `hold()`…`release()` (e.g. the error handler's reply) sends pass straight through.
 */
export class TurnOutbox {
  private holding = false;
  private held: Array<() => Promise<ResourceResponse[]>> = [];

  private constructor() {}

  /** Adds an outbox to the turn (once) and returns it. */
  static install(context: TurnContext): TurnOutbox {
    const existing = TurnOutbox.of(context);
    if (existing) return existing;
    const outbox = new TurnOutbox();
    context.turnState.set(OUTBOX, outbox);
    context.onSendActivities(async (ctx, activities, next) => {
      if (!outbox.holding) return next();
      outbox.held.push(next);
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
    return this.held.length;
  }

  hold(): void {
    this.holding = true;
  }

  /** Sends what was held, in order, and stops holding. */
  async release(): Promise<void> {
    this.holding = false;
    for (const send of this.held.splice(0)) await send();
  }

  /** Forgets what was held (a lost save): none of it is sent. */
  drop(): void {
    this.held = [];
  }
}

