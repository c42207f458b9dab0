import { Queue } from 'bullmq';
import { BullMqTimedJobs, TIMED_QUEUE } from '../../src/jobs/bullMqTimedJobs';
import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { createLogger } from '../../src/logger';
import { testRedisUrl, uniquePrefix, connectTestRedis } from '../support/testRedis';
import { waitFor } from '../support/consoleClient';
import { timedJobsContract } from '../contracts/timedJobs.contract';

const logger = createLogger('silent');

describe('MemoryTimedJobs', () => {
  timedJobsContract(async () => {
    const clock = { now: new Date('2026-12-07T09:00:00Z') };
    const jobs = new MemoryTimedJobs({ now: () => clock.now });
    return { jobs, now: () => clock.now, settle: async () => void (await jobs.runDue()), close: () => jobs.close() };
  });

  it('runs a job when the clock reaches its time, not before', async () => {
    const clock = { now: new Date('2026-12-07T09:00:00Z') };
    const jobs = new MemoryTimedJobs({ now: () => clock.now });
    const ran: string[] = [];
    jobs.handle('remind', async (job) => void ran.push(job.id));
    await jobs.schedule('remind', 'x', new Date('2026-12-07T10:00:00Z'), {});
    expect(await jobs.runDue()).toBe(0);
    clock.now = new Date('2026-12-07T09:59:59Z');
    expect(await jobs.runDue()).toBe(0);
    clock.now = new Date('2026-12-07T10:00:00Z');
    expect(await jobs.runDue()).toBe(1);
    expect(ran).toEqual(['x']);
  });
});

describe('BullMqTimedJobs on a real redis-server', () => {
  const redis = connectTestRedis();
  const prefixes: string[] = [];
  afterAll(() => redis.disconnect());

  timedJobsContract(async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const jobs = new BullMqTimedJobs({ url: testRedisUrl(), keyPrefix: prefix, lockMs: 5000, logger });
    await jobs.start();
    const watch = new Queue(TIMED_QUEUE, { connection: { url: testRedisUrl() }, prefix: `${prefix}{jobs}` });
    const settle = async () => {
      // Due jobs are moved from delayed to waiting by the worker; settled when none is due, waiting or running.
      await waitFor(async () => {
        const counts = await watch.getJobCounts('wait', 'active', 'prioritized');
        const delayed = (await watch.getDelayed()).filter((j) => j.timestamp + (j.delay ?? 0) <= Date.now());
        return counts.wait + counts.active + counts.prioritized + delayed.length === 0;
      }, 'every due job run');
    };
    return { jobs, now: () => new Date(), settle, close: async () => { await jobs.close(); await watch.close(); } };
  });

  it('keeps its keys under the key prefix with one hash tag, {jobs}', async () => {
    const keys = (await Promise.all(prefixes.map((p) => redis.keys(`${p}*`)))).flat();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^t[0-9a-f]{8}:\{jobs\}:timed:/);
  });
});
