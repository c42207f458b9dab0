import { ConversationLocks, LockBusyError, LockTimings, LockWaitTimeoutError } from '../../src/storage/conversationLocks';
import { waitFor } from '../support/consoleClient';

/** Waits until `count` turns stand in line for the conversation. */
const inLine = (locks: ConversationLocks, key: string, count: number) =>
  waitFor(async () => (await locks.waiting(key)) === count, `${count} waiting for "${key}"`);

/**
 * What every ConversationLocks must do: one holder per conversation, others wait in `order`, the
 * lease passes on at release, a wait has a limit, conversations do not block each other.
 * `make` returns fresh locks with the given timings.
 */
export function conversationLocksContract(make: (timings: LockTimings) => ConversationLocks): void {
  const timings = { ttlMs: 2000, waitMs: 3000 };

  it('lets at most maxWaiters turns wait for one conversation; one more is refused at once, and others are not affected', async () => {
    const locks = make({ ...timings, maxWaiters: 3 });
    const holder = await locks.acquire('busy', 0);
    const waiting = [1, 2, 3].map((order) => locks.acquire('busy', order));
    await new Promise((r) => setTimeout(r, 100));
    await expect(locks.acquire('busy', 4)).rejects.toBeInstanceOf(LockBusyError);
    const other = await locks.acquire('quiet', 1);
    await other.release();
    await holder.release();
    for (const next of waiting) await (await next).release();
    // Once the line is empty again, a turn waits as usual.
    const again = await locks.acquire('busy', 5);
    await again.release();
  });

  it('gives a free conversation at once, and a second conversation does not wait for the first', async () => {
    const locks = make(timings);
    const a = await locks.acquire('c1', 1);
    const b = await locks.acquire('c2', 1);
    expect(a.held && b.held).toBe(true);
    await a.release();
    await b.release();
  });

  it('lets one turn hold a conversation; the next gets it only after release', async () => {
    const locks = make(timings);
    const first = await locks.acquire('c', 1);
    let secondHas = false;
    const second = locks.acquire('c', 2).then((lease) => ((secondHas = true), lease));
    await inLine(locks, 'c', 1); // it asked and was told to wait
    expect(secondHas).toBe(false);
    await first.release();
    const lease = await second;
    expect(secondHas).toBe(true);
    expect(first.held).toBe(false);
    expect(lease.held).toBe(true);
    await lease.release();
    await lease.release(); // twice is harmless
  });

  it('hands the conversation to waiters in the order their messages were sent, not the order they asked', async () => {
    const locks = make(timings);
    const holder = await locks.acquire('c', 0);
    const got: number[] = [];
    const waiting: Array<Promise<void>> = [];
    for (const [i, order] of [5, 3, 4, 1, 2].entries()) {
      // They ask in this order: 5, 3, 4, 1, 2, each once the one before is in line.
      waiting.push(
        locks.acquire('c', order).then(async (lease) => {
          got.push(order);
          await lease.release();
        }),
      );
      await inLine(locks, 'c', i + 1);
    }
    await holder.release();
    await Promise.all(waiting);
    expect(got).toEqual([1, 2, 3, 4, 5]);
  });

  it('runs 30 overlapping critical sections on one conversation one at a time', async () => {
    const locks = make({ ...timings, maxWaiters: 30 });
    let inside = 0;
    let most = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const lease = await locks.acquire('busy', i);
        inside++;
        most = Math.max(most, inside);
        // Not a wait for anything: the section lasts a little, as a turn does, so a second holder would overlap it.
        await new Promise((r) => setTimeout(r, 2));
        inside--;
        done++;
        await lease.release();
      }),
    );
    expect(done).toBe(30);
    expect(most).toBe(1);
  });

  it('gives up waiting after the wait limit with a clear error and leaves the line, and the conversation still works after', async () => {
    const locks = make({ ttlMs: 5000, waitMs: 200 });
    const holder = await locks.acquire('slow', 1);
    await expect(locks.acquire('slow', 2)).rejects.toBeInstanceOf(LockWaitTimeoutError);
    expect(await locks.waiting('slow')).toBe(0);
    await holder.release();
    const next = await locks.acquire('slow', 3);
    expect(next.held).toBe(true);
    await next.release();
  });
}
