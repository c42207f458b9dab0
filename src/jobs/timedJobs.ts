/**
 * Work to be done at a time, once, by whichever instance is up then: reminders now; homework
 * deadlines and talent-pool follow-ups later. A job is named by its kind and an id the caller makes
 * deterministic (the booking's id and "day-before", …): scheduling it again replaces it, and it can be
 * cancelled by that name. Its payload names no one: at most a keyed-digest person reference, which the
 * handler looks up.
 *
 * Delivery is at least once: a job whose instance died while running it is run again elsewhere (after
 * its lock ran out). A handler with a side effect makes it idempotent itself (see Reminders' claim).
 */
export interface TimedJobs {
  /** Runs `payload` through the kind's handler at `at` (at once when `at` has passed); replaces a job of the same kind and id that has not started. */
  schedule(kind: string, id: string, at: Date, payload: JobPayload): Promise<void>;
  /** Forgets the job; nothing happens when there is none or it already ran. Says whether one was waiting. */
  cancel(kind: string, id: string): Promise<boolean>;
  /** The job's time, when it is waiting. */
  when(kind: string, id: string): Promise<Date | undefined>;
  /** The handler of a kind; register every kind before start(). A handler that throws is tried again later (a few times). */
  handle(kind: string, handler: JobHandler): void;
  /** Starts running due jobs on this instance. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish; then the connection may go. */
  close(): Promise<void>;
}

/** Only plain values: ids, digests, keys of texts. Never a name, a number or a message. */
export type JobPayload = Record<string, string | number | boolean | null>;

export interface TimedJob {
  kind: string;
  id: string;
  /** The time the job was scheduled for. */
  at: Date;
  payload: JobPayload;
  /** 1 on the first run, more when it is run again (after a failure or its instance died). */
  attempt: number;
}

export type JobHandler = (job: TimedJob) => Promise<void>;

/** How often a failing job is tried before it is given up (logged). */
export const JOB_ATTEMPTS = 5;
/** Wait before the second try; doubled for each next one. */
export const JOB_BACKOFF_MS = 30_000;

/** The job's name in the store: kind and id, with no separator a store reserves (BullMQ: ':'). */
export function jobName(kind: string, id: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(kind)) throw new Error(`TimedJobs: a job kind is lower-case letters, digits and dashes, not "${kind}"`);
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(id)) throw new Error('TimedJobs: a job id is 1–200 of A–Z a–z 0–9 _ . - (use a digest for anything else)');
  return `${kind}.${id}`;
}

interface Waiting {
  kind: string;
  id: string;
  at: number;
  scheduledAt: number;
  payload: JobPayload;
  attempt: number;
}

/**
 * One process's jobs, in memory (no Redis: for trying it out; lost on restart). Driven by its clock:
 * `runDue()` runs what is due now; `start()` calls it every `tickMs`. Tests move the clock and call
 * `runDue()` themselves, with no timer.
 */
export class MemoryTimedJobs implements TimedJobs {
  private readonly waiting = new Map<string, Waiting>();
  private readonly handlers = new Map<string, JobHandler>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private closed = false;

  constructor(private readonly options: { now?: () => Date; tickMs?: number; onFailure?: (job: TimedJob, error: Error, final: boolean) => void } = {}) {}

  private now(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }

  async schedule(kind: string, id: string, at: Date, payload: JobPayload): Promise<void> {
    const name = jobName(kind, id);
    this.waiting.set(name, { kind, id, at: at.getTime(), scheduledAt: at.getTime(), payload: { ...payload }, attempt: 1 });
  }

  async cancel(kind: string, id: string): Promise<boolean> {
    return this.waiting.delete(jobName(kind, id));
  }

  async when(kind: string, id: string): Promise<Date | undefined> {
    const job = this.waiting.get(jobName(kind, id));
    return job && new Date(job.scheduledAt);
  }

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async start(): Promise<void> {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.runDue(), this.options.tickMs ?? 1000);
    this.timer.unref();
  }

  /** Runs every job due by the clock, one after the other; one run at a time. Says how many ran. */
  async runDue(): Promise<number> {
    if (this.running) await this.running;
    let count = 0;
    const run = (async () => {
      const now = this.now();
      const due = [...this.waiting.entries()].filter(([, j]) => j.at <= now).sort((a, b) => a[1].at - b[1].at);
      for (const [name, job] of due) {
        if (this.closed) return;
        if (this.waiting.get(name) !== job) continue; // cancelled or replaced meanwhile
        this.waiting.delete(name);
        const handler = this.handlers.get(job.kind);
        const timed: TimedJob = { kind: job.kind, id: job.id, at: new Date(job.scheduledAt), payload: { ...job.payload }, attempt: job.attempt };
        count++;
        try {
          if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
          await handler(timed);
        } catch (error) {
          const final = job.attempt >= JOB_ATTEMPTS;
          this.options.onFailure?.(timed, error as Error, final);
          if (!final && !this.waiting.has(name)) this.waiting.set(name, { ...job, at: now + JOB_BACKOFF_MS * 2 ** (job.attempt - 1), attempt: job.attempt + 1 });
        }
      }
    })();
    this.running = run;
    try {
      await run;
    } finally {
      if (this.running === run) this.running = undefined;
    }
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
