import type { Redis } from 'ioredis';

/**
 * The steps of the funnel, in order; outcomes are counted as "outcome:<id>", how mentors closed a
 * conversation as "closed:<close outcome>", and what people said of an FAQ answer as
 * "faq:<topic>:helpful" or "faq:<topic>:notHelpful".
 */
export const FUNNEL_STEPS = ['started', 'consented', 'intakeCompleted', 'mentorAsked', 'mentorTook', 'rated'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number] | `outcome:${string}` | `closed:${string}` | `faq:${string}:${'helpful' | 'notHelpful'}`;

/** How long people waited for a mentor, in buckets (upper bounds in seconds). */
export const WAIT_BUCKETS: ReadonlyArray<[string, number]> = [
  ['<1m', 60],
  ['<5m', 300],
  ['<15m', 900],
  ['<1h', 3600],
  ['<4h', 14400],
  ['<24h', 86400],
  ['>=24h', Infinity],
];

/** Counts for one day and language: field → number (steps, ratingSum, waitSum, waitCount, wait:<bucket>). */
export type DayCounts = Record<string, number>;

/**
 * Aggregated numbers for staff and funders: counts per day and language, no person in them, so they
 * stay when a person is erased. Memory or Redis (p:stats:<YYYY-MM-DD> hash, field "<lng>|<name>").
 */
export interface StatsStore {
  count(step: FunnelStep, language: string, at: Date): Promise<void>;
  rating(rating: number, language: string, at: Date): Promise<void>;
  waited(seconds: number, language: string, at: Date): Promise<void>;
  /** Every day from `from` to `to` (inclusive, UTC dates) → language → counts. */
  days(from: string, to: string): Promise<Map<string, Map<string, DayCounts>>>;
}

export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); dayOf(d) <= to && days.length < 3700; d = new Date(d.getTime() + 86400000)) days.push(dayOf(d));
  return days;
}

function bucketOf(seconds: number): string {
  return WAIT_BUCKETS.find(([, limit]) => seconds < limit)![0];
}

abstract class FieldStats implements StatsStore {
  protected abstract add(day: string, field: string, by: number): Promise<void>;
  protected abstract read(days: string[]): Promise<Array<Record<string, string>>>;

  count(step: FunnelStep, language: string, at: Date) {
    return this.add(dayOf(at), `${language}|${step}`, 1);
  }

  async rating(rating: number, language: string, at: Date) {
    await this.add(dayOf(at), `${language}|ratingSum`, rating);
  }

  async waited(seconds: number, language: string, at: Date) {
    await this.add(dayOf(at), `${language}|waitSum`, Math.round(seconds));
    await this.add(dayOf(at), `${language}|waitCount`, 1);
    await this.add(dayOf(at), `${language}|wait:${bucketOf(seconds)}`, 1);
  }

  async days(from: string, to: string) {
    const days = daysBetween(from, to);
    const raw = await this.read(days);
    const result = new Map<string, Map<string, DayCounts>>();
    days.forEach((day, i) => {
      const byLanguage = new Map<string, DayCounts>();
      for (const [field, value] of Object.entries(raw[i] ?? {})) {
        const [language, name] = field.split('|');
        const counts = byLanguage.get(language) ?? byLanguage.set(language, {}).get(language)!;
        counts[name] = (counts[name] ?? 0) + Number(value);
      }
      result.set(day, byLanguage);
    });
    return result;
  }
}

export class MemoryStatsStore extends FieldStats {
  private readonly data = new Map<string, Record<string, string>>();

  protected async add(day: string, field: string, by: number) {
    const fields = this.data.get(day) ?? this.data.set(day, {}).get(day)!;
    fields[field] = String(Number(fields[field] ?? 0) + by);
  }

  protected async read(days: string[]) {
    return days.map((d) => this.data.get(d) ?? {});
  }
}

export class RedisStatsStore extends FieldStats {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Aggregates hold no person; they are kept this long (days). */
    private readonly keepDays = 3 * 365,
  ) {
    super();
  }

  protected async add(day: string, field: string, by: number) {
    const key = `${this.prefix}stats:${day}`;
    await this.redis.multi().hincrby(key, field, by).expire(key, this.keepDays * 86400).exec();
  }

  protected async read(days: string[]) {
    // One command per day (each its own slot on a Redis Cluster); auto-pipelining sends them together on a single Redis.
    return Promise.all(days.map((day) => this.redis.hgetall(`${this.prefix}stats:${day}`)));
  }
}
