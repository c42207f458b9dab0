/**
 * Moves the clock that Date reads, and only that: Redis, timers and I/O run as usual. `set(ms)` puts it
 * at that time; call `restore()` (afterEach) to go back to the real clock.
 */
export function movedClock() {
  return {
    set(ms: number): number {
      jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
      jest.setSystemTime(ms);
      return ms;
    },
    restore(): void {
      jest.useRealTimers();
    },
  };
}
