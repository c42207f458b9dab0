import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { createLogger } from '../../src/logger';
import { MemoryPoolStore, PoolChange, PoolStore, RedisPoolStore } from '../../src/people/poolStore';
import { TalentPool } from '../../src/people/talentPool';
import { MemoryOutcomeEvents } from '../../src/reporting/outcomeEvents';
import { translator } from '../support/chatDriver';
import { RecordingMessenger } from '../support/recordingMessenger';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';

const WEEK = 7 * 86_400_000;
const RETENTION = 365 * 86_400_000;
const person = { channelId: 'whatsapp', userId: 'NL.31611223344' };
const contact = { conversation: { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: 'whatsapp:NL.31611223344' }, user: { id: 'NL.31611223344' }, bot: { id: 'vit-bot' } }, language: 'nl' as const };
const snapshot = { dutch: 'A1', english: 'none', interested: true, outcome: 'language-first', province: 'Drenthe' };
const checkInText = translator().t('nl', 'pool:followUp.checkIn', { weeks: '8' });

/** A messenger whose next send waits at a gate the test opens: the job has read the record and is sending when the person's turn writes. */
class GatedMessenger extends RecordingMessenger {
  private gate?: { reached: () => void; open: Promise<void> };

  /** The next send stops before it is recorded; resolves `sending` when the job gets there, and goes on at `open()`. */
  holdNext(): { sending: Promise<void>; open: () => void } {
    let reached!: () => void;
    let open!: () => void;
    const sending = new Promise<void>((resolve) => (reached = resolve));
    this.gate = { reached, open: new Promise<void>((resolve) => (open = resolve)) };
    return { sending, open };
  }

  override async send(...args: Parameters<RecordingMessenger['send']>) {
    const gate = this.gate;
    this.gate = undefined;
    if (gate) {
      gate.reached();
      await gate.open;
    }
    return super.send(...args);
  }
}

/** The job instance's store, whose next claim waits at a gate: the job has read the record and not yet claimed the check-in. */
class GatedClaims implements PoolStore {
  private gate?: { reached: () => void; open: Promise<void> };

  constructor(private readonly store: PoolStore) {}

  holdNextClaim(): { claiming: Promise<void>; open: () => void } {
    let reached!: () => void;
    let open!: () => void;
    const claiming = new Promise<void>((resolve) => (reached = resolve));
    this.gate = { reached, open: new Promise<void>((resolve) => (open = resolve)) };
    return { claiming, open };
  }

  async claim(who: string, at: string) {
    const gate = this.gate;
    this.gate = undefined;
    if (gate) {
      gate.reached();
      await gate.open;
    }
    return this.store.claim(who, at);
  }

  get = (who: string) => this.store.get(who);
  update = (who: string, change: PoolChange, now: Date) => this.store.update(who, change, now);
  release = (who: string, at: string) => this.store.release(who, at);
  sent = (who: string, at: string) => this.store.sent(who, at);
  list = (limit: number, now: Date) => this.store.list(limit, now);
  erase = (who: string) => this.store.erase(who);
}

/**
 * Two instances of the talent pool over one store (on Redis: each with its own connection) and one
 * queue of timed jobs: the check-in job runs on one while the person's turn, on the other, writes the
 * same person's record between the job's read and its write.
 */
describe.each([
  ['memory', () => {
    const store = new MemoryPoolStore(RETENTION);
    return { stores: [store, store] as PoolStore[], close: () => undefined };
  }],
  ['Redis (a real redis-server, a connection per instance)', () => {
    const prefix = uniquePrefix();
    const connections = [connectTestRedis(), connectTestRedis()];
    return { stores: connections.map((redis) => new RedisPoolStore(redis, prefix, RETENTION)) as PoolStore[], close: () => connections.forEach((c) => c.disconnect()) };
  }],
])('a check-in job and a turn writing one person\'s pool record at once (%s)', (_name, makeStores) => {
  let clock: { now: number };
  let jobs: MemoryTimedJobs;
  let messenger: GatedMessenger;
  let turn: TalentPool;
  let jobStore: GatedClaims;
  let close: () => void;

  beforeEach(() => {
    clock = { now: Date.parse('2026-12-07T09:00:00Z') };
    jobs = new MemoryTimedJobs({ now: () => new Date(clock.now) });
    messenger = new GatedMessenger();
    const made = makeStores();
    close = made.close;
    const pool = (store: PoolStore) => new TalentPool({ store, jobs, messenger, translator: translator(), digest: testDigest, outcomes: new MemoryOutcomeEvents(), logger: createLogger('silent'), weeks: 8, now: () => new Date(clock.now) });
    turn = pool(made.stores[0]);
    jobStore = new GatedClaims(made.stores[1]);
    pool(jobStore); // the jobs' handler: the second instance runs every check-in
  });
  afterEach(() => close());

  async function joined() {
    expect(await turn.ask(person, contact, 'language-first', snapshot)).toBe(true);
    expect(await turn.answer(person, contact, true)).toBe(true);
  }

  /** Moves the clock on; the check-in due then is held in its send while `during` runs on the other instance. */
  async function checkInWhile(weeks: number, during: () => Promise<unknown>) {
    clock.now += weeks * WEEK;
    const held = messenger.holdNext();
    const job = jobs.runDue();
    await held.sending;
    await during();
    held.open();
    await job;
  }

  it('"stop follow-ups" while the job sends stays stopped: the job does not undo the withdrawn consent or plan another check-in', async () => {
    await joined();
    await checkInWhile(8, async () => expect(await turn.withdraw(person)).toBe(true));
    const member = await turn.of(person);
    expect(member).toMatchObject({ status: 'withdrawn', consent: { given: true } });
    expect(member?.consent?.withdrawnAt).toBeDefined();
    expect(member?.nextAt).toBeUndefined();
    clock.now += 8 * WEEK;
    await jobs.runDue();
    clock.now += 8 * WEEK;
    await jobs.runDue();
    expect(messenger.texts()).toEqual([checkInText]);
  });

  it('"stop follow-ups" after the job read the record but before it claimed the check-in: nothing is sent', async () => {
    await joined();
    clock.now += 8 * WEEK;
    const held = jobStore.holdNextClaim();
    const job = jobs.runDue();
    await held.claiming;
    expect(await turn.withdraw(person)).toBe(true);
    held.open();
    await job;
    expect(messenger.texts()).toEqual([]);
    expect(await turn.of(person)).toMatchObject({ status: 'withdrawn' });
  });

  it('an answer to the last check-in while the next one is sent is kept: one unanswered, not two, so check-ins go on', async () => {
    await joined();
    clock.now += 8 * WEEK;
    await jobs.runDue();
    expect(await turn.of(person)).toMatchObject({ unanswered: 1, awaitingCheckIn: true });
    await checkInWhile(8, () => turn.replied(person));
    expect(await turn.of(person)).toMatchObject({ status: 'active', unanswered: 1, awaitingCheckIn: true, followUpsSent: 2 });
    clock.now += 8 * WEEK;
    await jobs.runDue();
    // With the answer lost, this would have been the last message.
    expect(messenger.texts()).toEqual([checkInText, checkInText, checkInText]);
  });

  it('a check-in\'s answers recorded while the next check-in is sent are kept; ready stays ready and nothing more is planned', async () => {
    await joined();
    await checkInWhile(8, () => turn.checkedIn(person, contact, { dutch: 'B1', english: 'none', interested: true, outcome: 'eligible' }, 'Amina'));
    const member = await turn.of(person);
    expect(member?.levels.map((l) => [l.dutch, l.outcome])).toEqual([['A1', 'language-first'], ['B1', 'eligible']]);
    expect(member).toMatchObject({ status: 'ready' });
    expect(member?.nextAt).toBeUndefined();
    clock.now += 8 * WEEK;
    await jobs.runDue();
    expect(messenger.texts()).toEqual([checkInText]);
  });

  it('an erasure while the job sends leaves nothing behind: the job\'s write does not bring the record back', async () => {
    await joined();
    await checkInWhile(8, () => turn.holder.erase({ ...person, conversationIds: [] }));
    expect(await turn.of(person)).toBeUndefined();
    clock.now += 8 * WEEK;
    await jobs.runDue();
    expect(messenger.texts()).toEqual([checkInText]);
  });
});
