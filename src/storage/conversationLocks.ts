/**
 * One conversation's turns run one at a time, whichever instance receives them: a lease per
 * conversation, taken in the order the messages arrived. Implementations: memory (one process) and
 * Redis (shared by every instance; see src/storage/redisConversationLocks.ts).
 */
export interface ConversationLocks {
  /**
   * Waits for the conversation's lease, behind those who asked earlier (`order`: when the message was
   * sent, in ms since the epoch; earlier goes first). Throws LockWaitTimeoutError after the wait limit.
   */
  acquire(key: string, order: number): Promise<Lease>;

  /** How many turns wait in line for the conversation now (not the holder); 0 when none. */
  waiting(key: string): Promise<number>;
}

/** The lease key of a conversation: the turn lock and erasure take the same one. */
export function conversationLockKey(channelId: string, conversationId: string): string {
  return `${channelId}:${conversationId}`;
}

export interface Lease {
  /** False once the lease could not be renewed in time: another turn may hold it now. */
  readonly held: boolean;
  /** Gives the lease back (only if it is still this one's); safe to call twice. */
  release(): Promise<void>;
  /**
   * True when the lease was granted by the very first command that asked for it: commands sent right
   * behind that one on the same connection ran under the lease (see TurnLockMiddleware's prefetch).
   */
  readonly atOnce?: boolean;
}

export class LockWaitTimeoutError extends Error {
  constructor(waitedMs: number) {
    super(`waited ${waitedMs} ms for the conversation's previous turn to finish`);
    this.name = 'LockWaitTimeoutError';
  }
}

/**
 * The conversation already has as many turns waiting as it may: one person sending hundreds of
 * messages at once would otherwise keep that many turns polling for one lease, at the cost of
 * everyone else's. The message is not handled now; the caller says "slow down" (429) or keeps it.
 */
export class LockBusyError extends Error {
  constructor(readonly waiters: number) {
    super(`the conversation already has ${waiters} turns waiting`);
    this.name = 'LockBusyError';
  }
}

/** How many turns may wait for one conversation's lease, unless the timings say otherwise. */
export const DEFAULT_MAX_WAITERS = 30;

export interface LockTimings {
  /** How long a lease lasts unless renewed; a turn renews it every third of this while it runs. */
  ttlMs: number;
  /** How long a turn waits for the previous one before giving up. */
  waitMs: number;
  /** How many turns may wait for one conversation at once; more get LockBusyError at once (default 30). */
  maxWaiters?: number;
}

interface Waiter {
  order: number;
  seq: number;
  grant: () => void;
}

/** Leases within one process: a queue per conversation, ordered by `order`, then by arrival. */
export class MemoryConversationLocks implements ConversationLocks {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, Waiter[]>();
  private seq = 0;

  constructor(private readonly timings: Pick<LockTimings, 'waitMs' | 'maxWaiters'>) {}

  async acquire(key: string, order: number): Promise<Lease> {
    if (!this.held.has(key)) {
      this.held.add(key);
      return this.lease(key);
    }
    const waiting = this.queues.get(key)?.length ?? 0;
    if (waiting >= (this.timings.maxWaiters ?? DEFAULT_MAX_WAITERS)) throw new LockBusyError(waiting);
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { order, seq: this.seq++, grant: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        const queue = this.queues.get(key) ?? [];
        queue.splice(queue.indexOf(waiter), 1);
        reject(new LockWaitTimeoutError(this.timings.waitMs));
      }, this.timings.waitMs);
      const queue = this.queues.get(key) ?? [];
      queue.push(waiter);
      queue.sort((a, b) => a.order - b.order || a.seq - b.seq);
      this.queues.set(key, queue);
    });
    return this.lease(key);
  }

  async waiting(key: string): Promise<number> {
    return this.queues.get(key)?.length ?? 0;
  }

  private lease(key: string): Lease {
    let held = true;
    return {
      get held() {
        return held;
      },
      release: async () => {
        if (!held) return;
        held = false;
        const next = this.queues.get(key)?.shift();
        if (this.queues.get(key)?.length === 0) this.queues.delete(key);
        if (next) next.grant(); // the lease passes straight on
        else this.held.delete(key);
      },
    };
  }
}
