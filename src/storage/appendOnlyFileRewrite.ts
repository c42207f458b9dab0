import type { Redis } from 'ioredis';
import { clusterMasters } from './redisClient';
import type { Logger } from '../logger';

/** What happens to Redis's append-only file after an erasure, as the erasure result says it. */
export type AppendOnlyFilePlan =
  | { appendOnlyFile: 'not-in-use' }
  | { appendOnlyFile: 'rewriting' }
  | { appendOnlyFile: 'rewrite-scheduled'; at: string }
  | { appendOnlyFile: 'rewrite-not-allowed' }
  | { appendOnlyFile: 'rewrite-failed' };

const DEFAULT_INTERVAL_MS = 10 * 60 * 1000;
const RETRY_WHILE_RUNNING_MS = 5000;

/**
 * After an erasure the append-only file still holds every write the person's data went through (one
 * number was there 919 times) until Redis rewrites it. This asks for a rewrite (BGREWRITEAOF) after
 * each erasure, at most once per interval across all instances (a key with that expiry says when the
 * last one started); an erasure inside the interval gets a rewrite at its end. Where the server
 * refuses the command (some managed services), the operator's duty is in the README.
 */
export class AppendOnlyFileRewrite {
  private scheduled: { at: number; timer: NodeJS.Timeout } | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
  ) {}

  private get key(): string {
    return `${this.prefix}aof-rewrite:last`;
  }

  /** Called once an erasure is done; says whether the file is rewritten now, later, or needs none. Never throws: the erasure itself is done. */
  async afterErasure(): Promise<AppendOnlyFilePlan> {
    try {
      return await this.plan();
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'could not ask Redis to rewrite its append-only file after an erasure');
      return { appendOnlyFile: 'rewrite-failed' };
    }
  }

  private async plan(): Promise<AppendOnlyFilePlan> {
    if (this.scheduled) return { appendOnlyFile: 'rewrite-scheduled', at: new Date(this.scheduled.at).toISOString() };
    // On a cluster every master keeps a file of its own.
    const nodes = clusterMasters(this.redis);
    const persistence = await nodes[0].info('persistence');
    if (!/^aof_enabled:1\r?$/m.test(persistence)) return { appendOnlyFile: 'not-in-use' };
    const started = await this.redis.set(this.key, new Date().toISOString(), 'PX', this.intervalMs, 'NX');
    if (started !== 'OK') return this.schedule(Math.max(1, await this.redis.pttl(this.key)));
    try {
      for (const node of nodes) await node.bgrewriteaof();
    } catch (error) {
      const message = (error as Error).message;
      // One already running started before this erasure: ask again shortly, once it is done.
      if (/in progress/i.test(message)) {
        await this.redis.del(this.key);
        return this.schedule(RETRY_WHILE_RUNNING_MS);
      }
      this.logger.warn({ err: { message } }, 'Redis refused BGREWRITEAOF: rewrite the append-only file as the README says');
      return { appendOnlyFile: 'rewrite-not-allowed' };
    }
    this.logger.info('rewriting the Redis append-only file after an erasure');
    return { appendOnlyFile: 'rewriting' };
  }

  private schedule(waitMs: number): AppendOnlyFilePlan {
    const at = Date.now() + waitMs;
    const timer = setTimeout(() => {
      this.scheduled = undefined;
      this.afterErasure().catch((error: Error) => this.logger.warn({ err: { message: error.message } }, 'could not rewrite the Redis append-only file after an erasure'));
    }, waitMs);
    timer.unref();
    this.scheduled = { at, timer };
    return { appendOnlyFile: 'rewrite-scheduled', at: new Date(at).toISOString() };
  }

  close(): void {
    clearTimeout(this.scheduled?.timer);
    this.scheduled = undefined;
  }
}
