import { Queue } from 'bullmq';
import { BullMqTimedJobs, TIMED_QUEUE } from '../../src/jobs/bullMqTimedJobs';
import { createLogger } from '../../src/logger';
import { RedisPoolStore } from '../../src/people/poolStore';
import { FOLLOWUP_JOB, TalentPool } from '../../src/people/talentPool';
import { MemoryOutcomeEvents } from '../../src/reporting/outcomeEvents';
import { waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';
import { RecordingMessenger } from '../support/recordingMessenger';
import { connectTestRedis, keyspace, namesAnyOf, testDigest, testRedisUrl, uniquePrefix } from '../support/testRedis';

const logger = createLogger('silent');
const WEEK = 7 * 86_400_000;
const person = { channelId: 'whatsapp', userId: 'NL.31687654321' };
const contact = {
  conversation: { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: 'whatsapp:NL.31687654321' }, user: { id: 'NL.31687654321' }, bot: { id: 'vit-bot' } },
  language: 'tr' as const,
};
const snapshot = { dutch: 'A1', english: 'A1', interested: true, outcome: 'language-first', province: 'Drenthe' };

/**
 * Two instances of the talent pool over one real redis-server, each with its own BullMQ worker, on a
 * clock the test moves: a check-in due is promoted in BullMQ (its delay was reckoned on that clock),
 * and the test waits until no due job is waiting or running.
 */
describe('talent-pool check-ins on Redis with BullMQ, the clock moved', () => {
  const redis = connectTestRedis();
  let prefix: string;
  let clock: { now: number };
  let messenger: RecordingMessenger;
  let outcomes: MemoryOutcomeEvents;
  let instances: Array<{ jobs: BullMqTimedJobs; pool: TalentPool }>;
  let watch: Queue;

  beforeEach(async () => {
    prefix = uniquePrefix();
    clock = { now: Date.now() };
    messenger = new RecordingMessenger();
    outcomes = new MemoryOutcomeEvents();
    instances = [];
    for (let i = 0; i < 2; i++) {
      const jobs = new BullMqTimedJobs({ url: testRedisUrl(), keyPrefix: prefix, lockMs: 5000, logger, now: () => new Date(clock.now) });
      const pool = new TalentPool({ store: new RedisPoolStore(redis, prefix, 365 * 86_400_000), jobs, messenger, translator: translator(), digest: testDigest, outcomes, logger, weeks: 8, now: () => new Date(clock.now) });
      await jobs.start();
      instances.push({ jobs, pool });
    }
    watch = new Queue(TIMED_QUEUE, { connection: { url: testRedisUrl() }, prefix: `${prefix}{jobs}` });
  });
  afterEach(async () => {
    for (const { jobs } of instances) await jobs.close();
    await watch.close();
  });
  afterAll(() => redis.disconnect());

  const planned = async () => (await watch.getDelayed()).filter((job) => job.data.kind === FOLLOWUP_JOB);

  /** Moves the clock on; the check-ins due by then run (on whichever instance takes them). */
  async function moveClock(weeks: number) {
    clock.now += weeks * WEEK;
    for (const job of await planned()) if (Date.parse(job.data.at) <= clock.now) await job.promote();
    await waitFor(async () => {
      const counts = await watch.getJobCounts('wait', 'active', 'prioritized');
      const due = (await planned()).filter((job) => Date.parse(job.data.at) <= clock.now);
      return counts.wait + counts.active + counts.prioritized + due.length === 0;
    }, 'every due check-in run');
  }

  async function joined() {
    const [a] = instances;
    expect(await a.pool.ask(person, contact, 'language-first', snapshot)).toBe(true);
    expect(await a.pool.answer(person, contact, true)).toBe(true);
  }

  it('sends each check-in once across two instances, then after two without an answer the last message, then nothing', async () => {
    await joined();
    const [job] = await planned();
    // The job names no one: the person's keyed digest only.
    expect(job.data.payload).toEqual({ person: testDigest('whatsapp:NL.31687654321') });
    expect(namesAnyOf(JSON.stringify(job.data), ['31687654321'])).toBe(false);
    await moveClock(4);
    expect(messenger.sent).toHaveLength(0);
    await moveClock(4);
    expect(messenger.texts()).toEqual([translator().t('tr', 'pool:followUp.checkIn', { weeks: '8' })]);
    await moveClock(8);
    await moveClock(8);
    expect(messenger.texts().slice(1)).toEqual([translator().t('tr', 'pool:followUp.checkIn', { weeks: '8' }), translator().t('tr', 'pool:followUp.last')]);
    expect(await planned()).toEqual([]);
    await moveClock(8);
    expect(messenger.sent).toHaveLength(3);
    expect(await instances[1].pool.of(person)).toMatchObject({ status: 'quiet', followUpsSent: 2 });
    expect((await outcomes.pool('2020-01-01', '2029-12-31')).map((e) => e.kind)).toEqual(['joined', 'left']);
    // Quiet has left the pool's numbers already: stopping follow-ups now, or erasure, does not count her leaving twice.
    expect(await instances[0].pool.withdraw(person)).toBe(true);
    await instances[1].pool.holder.erase({ ...person, conversationIds: [] });
    expect((await outcomes.pool('2020-01-01', '2029-12-31')).map((e) => e.kind)).toEqual(['joined', 'left']);
  });

  it('an answer to a check-in counts: the next one still comes, and the count of unanswered ones starts again', async () => {
    await joined();
    await moveClock(8);
    await instances[1].pool.replied(person);
    await moveClock(8);
    await moveClock(8);
    expect(messenger.sent).toHaveLength(3);
    expect(messenger.texts().every((text) => text === translator().t('tr', 'pool:followUp.checkIn', { weeks: '8' }))).toBe(true);
  });

  it('withdrawn consent takes the planned check-in out of Redis at once, on any instance: nothing goes out when its time comes', async () => {
    await joined();
    await moveClock(8);
    expect(messenger.sent).toHaveLength(1);
    expect(await planned()).toHaveLength(1);
    expect(await instances[1].pool.withdraw(person)).toBe(true);
    expect(await planned()).toEqual([]);
    await moveClock(8);
    await moveClock(8);
    expect(messenger.sent).toHaveLength(1);
    expect(await instances[0].pool.of(person)).toMatchObject({ status: 'withdrawn' });
  });

  it('erasure takes the planned check-in and every key of the person out of Redis', async () => {
    await joined();
    await instances[0].pool.holder.erase({ ...person, conversationIds: [] });
    expect(await planned()).toEqual([]);
    expect((await keyspace(redis, prefix)).filter(([key]) => key.includes('pool:'))).toEqual([]);
    await moveClock(8);
    expect(messenger.sent).toHaveLength(0);
  });
});
