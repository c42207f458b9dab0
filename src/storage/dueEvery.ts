/**
 * Says when upkeep of a key is due again: at most once per `periodMs` per key in this process
 * (trimming a sorted set by age, renewing the expiry of an index shared by everyone, writing an index
 * entry again), instead of on every write. Bounded: past `maxKeys` the oldest marks are forgotten,
 * which only makes a key due sooner. Every instance keeps its own marks, so with n instances a key gets
 * up to n upkeeps a period.
 */
export class DueEvery {
  private readonly last = new Map<string, { at: number; stamp?: string }>();

  constructor(
    private readonly periodMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /**
   * True (and marked done now) when `key` had no upkeep for a period, or when `stamp` differs from the
   * one it was last marked with (what is written changed, e.g. the conversation a journey keeps).
   */
  due(key: string, now = Date.now(), stamp?: string): boolean {
    const mark = this.last.get(key);
    if (mark !== undefined && now - mark.at < this.periodMs && mark.stamp === stamp) return false;
    this.last.delete(key);
    this.last.set(key, { at: now, stamp });
    if (this.last.size > this.maxKeys) this.last.delete(this.last.keys().next().value as string);
    return true;
  }

  /** The key is due at its next check (what the mark stood for was deleted or changed elsewhere in this process). */
  forget(key: string): void {
    this.last.delete(key);
  }
}

/**
 * How often the shared indexes (people, transcripts, the catalog, the journeys' board) and a conversation's handled marks are
 * trimmed and their expiry renewed, and an index entry or a journey's keep-alive is written again.
 */
export const UPKEEP_PERIOD_MS = 60_000;
