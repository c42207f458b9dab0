import type { Middleware, TurnContext } from 'botbuilder';
import type { Metrics } from '../metrics';

/** Counts every turn and times it; errors are counted by the adapter's error handler. */
export class TurnMetricsMiddleware implements Middleware {
  constructor(private readonly metrics: Metrics) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const channel = context.activity.channelId ?? 'unknown';
    this.metrics.turns.inc({ channel, type: context.activity.type ?? 'unknown' });
    const stop = this.metrics.turnDuration.startTimer({ channel });
    try {
      await next();
    } finally {
      stop();
    }
  }
}
