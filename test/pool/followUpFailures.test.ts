import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { createLogger } from '../../src/logger';
import { MemoryPoolStore } from '../../src/people/poolStore';
import { FOLLOWUP_JOB, TalentPool } from '../../src/people/talentPool';
import { MemoryOutcomeEvents } from '../../src/reporting/outcomeEvents';
import { DeliveryFailedError } from '../../src/handoff/personMessenger';
import { translator } from '../support/chatDriver';
import { RecordingMessenger } from '../support/recordingMessenger';
import { testDigest } from '../support/testRedis';

const WEEK = 7 * 86_400_000;
const person = { channelId: 'whatsapp', userId: 'NL.31600011122' };
const contact = { conversation: { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: 'whatsapp:NL.31600011122' }, user: { id: 'NL.31600011122' }, bot: { id: 'vit-bot' } }, language: 'nl' as const };
const snapshot = { dutch: 'A1', english: 'none', interested: true, outcome: 'language-first', province: null };

/** When sending fails or an instance stops mid-send, the person's later check-ins still come (on a clock the test moves). */
describe('check-ins when sending fails', () => {
  function setUp(messenger: RecordingMessenger, crash?: (point: 'followup-taken' | 'followup-sent') => void) {
    const clock = { now: Date.parse('2026-12-07T09:00:00Z') };
    const jobs = new MemoryTimedJobs({ now: () => new Date(clock.now) });
    const pool = new TalentPool({ store: new MemoryPoolStore(365 * 86_400_000), jobs, messenger, translator: translator(), digest: testDigest, outcomes: new MemoryOutcomeEvents(), logger: createLogger('silent'), weeks: 8, now: () => new Date(clock.now), crash });
    const planned = async () => {
      const member = await pool.of(person);
      return member?.nextAt ? jobs.when(FOLLOWUP_JOB, `${testDigest('whatsapp:NL.31600011122')}.${Date.parse(member.nextAt)}`) : undefined;
    };
    return { clock, jobs, pool, planned };
  }

  it('a check-in that cannot be delivered after every try still leaves the next one planned', async () => {
    const messenger = new RecordingMessenger();
    let failing = true;
    const send = messenger.send.bind(messenger);
    messenger.send = async (...args) => {
      if (failing) throw new DeliveryFailedError('whatsapp', new Error('the Graph API is away'));
      return send(...args);
    };
    const { clock, jobs, pool, planned } = setUp(messenger);
    await pool.ask(person, contact, 'language-first', snapshot);
    await pool.answer(person, contact, true);
    clock.now += 8 * WEEK;
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await jobs.runDue()).toBe(1);
      clock.now += 3_600_000; // past the back-off
    }
    expect(messenger.sent).toHaveLength(0);
    expect(await pool.of(person)).toMatchObject({ status: 'active', unanswered: 1 });
    expect((await planned())?.getTime()).toBe(Date.parse((await pool.of(person))!.nextAt!));
    failing = false;
    clock.now += 8 * WEEK;
    await jobs.runDue();
    expect(messenger.texts()).toEqual([translator().t('nl', 'pool:followUp.checkIn', { weeks: '8' })]);
  });

  it('an instance that stopped after sending: the check-in is not sent twice, and the next one is planned', async () => {
    const messenger = new RecordingMessenger();
    let stops = true;
    const { clock, jobs, pool, planned } = setUp(messenger, (point) => {
      if (point === 'followup-sent' && stops) {
        stops = false;
        throw new Error('the instance stopped');
      }
    });
    await pool.ask(person, contact, 'language-first', snapshot);
    await pool.answer(person, contact, true);
    clock.now += 8 * WEEK;
    await jobs.runDue(); // sent, then the instance "stops" before it marks it
    clock.now += 3_600_000;
    await jobs.runDue(); // run again elsewhere: the claim says it was being sent
    expect(messenger.sent).toHaveLength(1);
    expect(await pool.of(person)).toMatchObject({ followUpsSent: 1, unanswered: 1 });
    expect(await planned()).toBeDefined();
  });
});
