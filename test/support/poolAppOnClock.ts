import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { FakeGraph, whatsAppEnv } from './fakeGraph';
import { startTestApp } from './testApp';

const WEEK = 7 * 86_400_000;

export interface PoolAppOnClock {
  graph: FakeGraph;
  clock: { now: number };
  jobs: MemoryTimedJobs;
  started: Awaited<ReturnType<typeof startTestApp>>;
  /** Moves the clock `weeks` on and runs the timed jobs then due (the check-ins). */
  due(weeks: number): Promise<void>;
}

/**
 * For a describe block: the real app (memory mode) with WhatsApp newcomers over signed webhooks and a
 * fake Graph API, a check-in every 8 weeks; the timed jobs are the memory ones and the pool's clock is
 * theirs, a clock the test moves (no timers). Started before each test and stopped after it; the
 * fields are set from the first beforeEach on.
 */
export function poolAppOnClock(): PoolAppOnClock {
  const world = {
    due: async (weeks: number) => {
      world.clock.now += weeks * WEEK;
      await world.jobs.runDue();
    },
  } as PoolAppOnClock;
  beforeEach(async () => {
    world.graph = await new FakeGraph().start();
    world.clock = { now: Date.now() };
    world.jobs = new MemoryTimedJobs({ now: () => new Date(world.clock.now) });
    // The pool's clock is the jobs' clock: a check-in planned 8 weeks on is due when the test says so.
    world.started = await startTestApp({ ...whatsAppEnv(world.graph), FOLLOWUP_WEEKS: '8' }, { timedJobs: world.jobs, poolClock: () => new Date(world.clock.now) });
  });
  afterEach(async () => {
    await world.started?.stop();
    await world.graph?.stop();
  });
  return world;
}
