import { Job, Queue, Worker, type ConnectionOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { nodeCredentials, seedNode } from '../storage/redisClient';
import type { Logger } from '../logger';
import { JobHandler, jobName, JobPayload, JOB_ATTEMPTS, JOB_BACKOFF_MS, TimedJob, TimedJobs } from './timedJobs';

/** The one queue every kind of timed work shares. */
export const TIMED_QUEUE = 'timed';

export interface BullMqTimedJobsOptions {
  /** REDIS_URL: BullMQ makes its own connections (its worker blocks on one; the bot's client times commands out). */
  url: string;
  /** REDIS_CLUSTER: `url` is the seed node of a Redis Cluster (the queue's keys share the one hash tag {jobs}). */
  cluster?: boolean;
  /** REDIS_KEY_PREFIX; the queue's keys are `<prefix>{jobs}:timed:…`: one hash tag, one cluster slot, as BullMQ requires. */
  keyPrefix: string;
  /** How long a running job is held by its instance without a word from it (then another instance runs it again). */
  lockMs: number;
  /** Jobs run at once on this instance. */
  concurrency?: number;
  logger: Logger;
  now?: () => Date;
}

interface JobData {
  kind: string;
  id: string;
  at: string;
  payload: JobPayload;
}

/**
 * TimedJobs on BullMQ's delayed jobs in Redis: kept across restarts, each run by one instance at a
 * time. A job's instance renews its lock while the handler runs; when the instance dies, the lock runs
 * out after `lockMs` and a stalled check on another instance puts the job back: at-least-once.
 * Completed jobs are removed at once (their data goes; the same name can be scheduled again); failed
 * ones are kept for a while, for the operator (their payload names no one).
 */
export class BullMqTimedJobs implements TimedJobs {
  private queueMade?: Queue<JobData>;
  private readonly handlers = new Map<string, JobHandler>();
  private worker?: Worker<JobData>;
  private readonly clusters: Cluster[] = [];
  private readonly prefix: string;

  constructor(private readonly options: BullMqTimedJobsOptions) {
    this.prefix = `${options.keyPrefix}{jobs}`;
  }

  /**
   * A connection for the queue or the worker. On a single Redis BullMQ makes (and closes) its own from
   * the URL; on a Redis Cluster it is given a cluster client (BullMQ duplicates it for its blocking
   * reads), closed here after BullMQ is done with it.
   */
  private connection(): ConnectionOptions {
    if (!this.options.cluster) return { url: this.options.url, maxRetriesPerRequest: null, connectionName: 'vit-bot:jobs' };
    const cluster = new Cluster([seedNode(this.options.url)], {
      redisOptions: { maxRetriesPerRequest: null, connectionName: 'vit-bot:jobs', ...nodeCredentials(this.options.url) },
      dnsLookup: (address, callback) => callback(null, address),
    });
    this.clusters.push(cluster);
    return cluster;
  }

  /** Made at first use: an app that never schedules or starts (a test, a CLI command) opens no connection. */
  private get queue(): Queue<JobData> {
    if (!this.queueMade) {
      this.queueMade = new Queue<JobData>(TIMED_QUEUE, { connection: this.connection(), prefix: this.prefix });
      this.queueMade.on('error', (error: Error) => this.options.logger.error({ err: { message: error.message } }, 'timed jobs: queue connection error'));
    }
    return this.queueMade;
  }

  private now(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }

  async schedule(kind: string, id: string, at: Date, payload: JobPayload): Promise<void> {
    const name = jobName(kind, id);
    // A waiting job of that name is replaced; one running now is left to finish (0: it is locked).
    await this.queue.remove(name);
    await this.queue.add(
      kind,
      { kind, id, at: at.toISOString(), payload },
      {
        jobId: name,
        delay: Math.max(0, at.getTime() - this.now()),
        attempts: JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
      },
    );
  }

  async cancel(kind: string, id: string): Promise<boolean> {
    const name = jobName(kind, id);
    // remove() answers 1 for a job that is not there too: ask first.
    if (!(await this.queue.getJob(name))) return false;
    return (await this.queue.remove(name)) === 1;
  }

  async when(kind: string, id: string): Promise<Date | undefined> {
    const job = (await this.queue.getJob(jobName(kind, id))) as Job<JobData> | undefined;
    if (!job) return undefined;
    const state = await job.getState();
    return state === 'delayed' || state === 'waiting' || state === 'prioritized' ? new Date(job.data.at) : undefined;
  }

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async start(): Promise<void> {
    if (this.worker) return;
    const worker = new Worker<JobData>(TIMED_QUEUE, (job) => this.run(job), {
      connection: this.connection(),
      prefix: this.prefix,
      autorun: false,
      concurrency: this.options.concurrency ?? 5,
      lockDuration: this.options.lockMs,
      stalledInterval: this.options.lockMs,
      // A job whose instances keep dying is given up after this many (logged): a crash loop is not retried forever.
      maxStalledCount: 3,
    });
    worker.on('failed', (job, error) => {
      const final = !!job && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.options.logger[final ? 'error' : 'warn']({ kind: job?.data.kind, attempt: job?.attemptsMade, err: { message: error.message } }, final ? 'timed job failed; given up' : 'timed job failed; tried again later');
    });
    worker.on('error', (error) => this.options.logger.error({ err: { message: error.message } }, 'timed jobs: worker error'));
    this.worker = worker;
    void worker.run().catch((error: Error) => this.options.logger.error({ err: { message: error.message } }, 'timed jobs: worker stopped'));
    await worker.waitUntilReady();
  }

  private async run(job: Job<JobData>): Promise<void> {
    const handler = this.handlers.get(job.data.kind);
    if (!handler) throw new Error(`no handler for jobs of kind "${job.data.kind}"`);
    const timed: TimedJob = { kind: job.data.kind, id: job.data.id, at: new Date(job.data.at), payload: job.data.payload, attempt: job.attemptsStarted || job.attemptsMade + 1 };
    await handler(timed);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queueMade?.close();
    await Promise.all(this.clusters.splice(0).map((cluster) => cluster.quit().catch(() => cluster.disconnect())));
  }
}
