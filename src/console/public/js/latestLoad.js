// @ts-check

/**
 * Loads of which only the newest answer counts: a filter changed, another person was opened, the
 * page was left. Each start() makes the loads before it stale, drop() the one under way; the caller
 * asks the check start() gave it before using an answer, and drops a stale one.
 */
export class LatestLoad {
  #count = 0;

  /**
   * Starts a load.
   * @returns {() => boolean} whether this load is still the newest
   */
  start() {
    const mine = ++this.#count;
    return () => mine === this.#count;
  }

  /** Makes the load under way stale (what it was for is gone). */
  drop() {
    this.#count++;
  }
}
