import type { TimedJob, TimedJobs } from '../../src/jobs/timedJobs';

export interface TimedJobsHarness {
  jobs: TimedJobs;
  /** The instance's clock now. */
  now(): Date;
  /** Lets every due job run to its end (memory: runDue; BullMQ: waits until none is waiting or running). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const MINUTE = 60_000;

/** What every TimedJobs must do. `make()` returns a fresh, empty, started set of jobs over its own store. */
export function timedJobsContract(make: () => Promise<TimedJobsHarness>): void {
  let h: TimedJobsHarness;
  let ran: TimedJob[];

  beforeEach(async () => {
    h = await make();
    ran = [];
    h.jobs.handle('remind', async (job) => void ran.push(job));
  });
  afterEach(async () => h.close());

  it('runs a job that is due, once, with its payload and time', async () => {
    const at = new Date(h.now().getTime() - MINUTE);
    await h.jobs.schedule('remind', 'b1.day', at, { person: 'tagA', text: 'reminders:dayBefore' });
    await h.settle();
    expect(ran.map((j) => [j.kind, j.id, j.at.toISOString(), j.payload, j.attempt])).toEqual([['remind', 'b1.day', at.toISOString(), { person: 'tagA', text: 'reminders:dayBefore' }, 1]]);
    await h.settle();
    expect(ran).toHaveLength(1);
  });

  it('keeps a job for later until its time, and tells when', async () => {
    const at = new Date(h.now().getTime() + 60 * MINUTE);
    await h.jobs.schedule('remind', 'b2.hour', at, { person: 'tagB' });
    await h.settle();
    expect(ran).toEqual([]);
    expect((await h.jobs.when('remind', 'b2.hour'))?.toISOString()).toBe(at.toISOString());
    expect(await h.jobs.when('remind', 'other')).toBeUndefined();
  });

  it('scheduling the same kind and id again replaces the job: it runs once, at the new time', async () => {
    const later = new Date(h.now().getTime() + 60 * MINUTE);
    await h.jobs.schedule('remind', 'b3.day', later, { n: 1 });
    await h.jobs.schedule('remind', 'b3.day', new Date(later.getTime() + MINUTE), { n: 2 });
    expect((await h.jobs.when('remind', 'b3.day'))?.toISOString()).toBe(new Date(later.getTime() + MINUTE).toISOString());
    // Due at once: it replaces the waiting one. (Scheduled twice while due, a worker that runs it
    // between the two calls may run it again: the second call finds nothing waiting to replace.)
    await h.jobs.schedule('remind', 'b3.day', new Date(h.now().getTime() - 1000), { n: 3 });
    await h.settle();
    expect(ran.map((j) => j.payload)).toEqual([{ n: 3 }]);
  });

  it('a cancelled job does not run; cancelling says whether one was waiting', async () => {
    await h.jobs.schedule('remind', 'b4.day', new Date(h.now().getTime() + MINUTE * 5), {});
    expect(await h.jobs.cancel('remind', 'b4.day')).toBe(true);
    expect(await h.jobs.cancel('remind', 'b4.day')).toBe(false);
    expect(await h.jobs.when('remind', 'b4.day')).toBeUndefined();
    await h.jobs.schedule('remind', 'b5.day', new Date(h.now().getTime() - 1000), {});
    await h.settle();
    expect(ran.map((j) => j.id)).toEqual(['b5.day']); // the cancelled one is not among them
  });

  it('tries a failing job again, as a later attempt', async () => {
    let calls = 0;
    h.jobs.handle('flaky', async (job) => {
      calls++;
      if (job.attempt === 1) throw new Error('the channel was away');
      ran.push(job);
    });
    await h.jobs.schedule('flaky', 'f1', new Date(h.now().getTime() - 1000), {});
    await h.settle();
    expect(calls).toBe(1);
    expect(await h.jobs.when('flaky', 'f1')).toBeDefined(); // waiting for its next try
    expect(await h.jobs.cancel('flaky', 'f1')).toBe(true);
  });

  it('refuses a kind or id a store could misread', async () => {
    await expect(h.jobs.schedule('Remind:x', 'a', new Date(), {})).rejects.toThrow(/kind/);
    await expect(h.jobs.schedule('remind', 'a:b', new Date(), {})).rejects.toThrow(/id/);
  });
}
