import type { Redis } from 'ioredis';
import { keptPoolEvent, keptStepEvent, monthsOfRange, type OutcomeEvents, type OutcomeStepEvent, type PoolEvent } from './outcomeEvents';

/** The most events one month's list gives back in a read: the reads stay bounded (a month holds far fewer). */
export const MAX_EVENTS_PER_MONTH = 50_000;

/**
 * The outcome events in Redis, with no person in them (no id, no digest, no name: they outlive
 * erasure): one list per kind and month of the event's time, `<prefix>{outcomes}:steps:<YYYY-MM>` and
 * `<prefix>{outcomes}:pool:<YYYY-MM>`, each event as JSON. Every key carries the tag {outcomes}, so on a
 * Redis Cluster they share one slot and a read of many months is one pipeline to one node. A list is
 * kept `keepDays` after its last write (aggregates, no person: years, as the numbers funders ask for span years).
 */
export class RedisOutcomeEvents implements OutcomeEvents {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly keepDays = 5 * 366,
  ) {}

  private key = (kind: 'steps' | 'pool', month: string) => `${this.prefix}{outcomes}:${kind}:${month}`;

  async recordStep(event: OutcomeStepEvent): Promise<void> {
    const kept = keptStepEvent(event);
    await this.append(this.key('steps', kept.at.slice(0, 7)), JSON.stringify(kept));
  }

  async recordPool(event: PoolEvent): Promise<void> {
    const kept = keptPoolEvent(event);
    await this.append(this.key('pool', kept.at.slice(0, 7)), JSON.stringify(kept));
  }

  steps(fromDay: string, toDay: string): Promise<OutcomeStepEvent[]> {
    return this.read<OutcomeStepEvent>('steps', fromDay, toDay);
  }

  pool(fromDay: string, toDay: string): Promise<PoolEvent[]> {
    return this.read<PoolEvent>('pool', fromDay, toDay);
  }

  private async append(key: string, json: string) {
    await this.redis.multi().rpush(key, json).expire(key, this.keepDays * 86400).exec();
  }

  /** Every month's list in one pipeline (one slot), then the days asked for, oldest first (ties: as recorded). */
  private async read<E extends { at: string }>(kind: 'steps' | 'pool', fromDay: string, toDay: string): Promise<E[]> {
    const months = monthsOfRange(fromDay, toDay);
    const pipeline = this.redis.pipeline();
    for (const month of months) pipeline.lrange(this.key(kind, month), 0, MAX_EVENTS_PER_MONTH - 1);
    const replies = (await pipeline.exec()) ?? [];
    const events: E[] = [];
    for (const [error, items] of replies) {
      if (error) throw error;
      for (const json of items as string[]) {
        const event = JSON.parse(json) as E;
        const day = event.at.slice(0, 10);
        if (day >= fromDay && day <= toDay) events.push(event);
      }
    }
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }
}
