/**
 * Says when upkeep of a key is due again: at most once per `periodMs` per key in this process
 * (trimming a sorted set by age, renewing the expiry of an index shared by everyone), instead of on
 * every write. Bounded: past `maxKeys` the oldest marks are forgotten, which only makes a key due
 * sooner. Every instance keeps its own marks, so with n instances a key gets up to n upkeeps a period.
 */
export class DueEvery {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly periodMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** True (and marked done now) when `key` had no upkeep for a period. */
  due(key: string, now = Date.now()): boolean {
    const at = this.last.get(key);
    if (at !== undefined && now - at < this.periodMs) return false;
    this.last.delete(key);
    this.last.set(key, now);
    if (this.last.size > this.maxKeys) this.last.delete(this.last.keys().next().value as string);
    return true;
  }
}

/** How often the shared indexes (people, transcripts, the catalog) and a conversation's handled marks are trimmed and their expiry renewed. */
export const UPKEEP_PERIOD_MS = 60_000;
