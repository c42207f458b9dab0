import type { Redis } from 'ioredis';
import { Journeys } from '../../src/people/journeys';
import { RedisJourneyStore } from '../../src/people/journeyStore';
import { JourneyOutcomes } from '../../src/people/journeyOutcomes';
import { MemoryOutcomeEvents } from '../../src/reporting/outcomeEvents';
import { OutcomeSteps } from '../../src/reporting/outcomeSteps';
import { createLogger } from '../../src/logger';
import type { PersonRecord } from '../../src/domain/person';
import { connectTestRedis, keyspace, testDigest, uniquePrefix } from '../support/testRedis';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

const PERSON = { channelId: 'whatsapp', userId: '+31612345678' };
const RECORD: PersonRecord = { startedAt: '2026-11-03T08:00:00.000Z', language: 'fa', intake: { answers: { firstName: 'Reza', municipality: 'Leeuwarden' }, estimated: [], startedAt: '', updatedAt: '' } };
const staff = { kind: 'staff' as const, id: 'acc-noor', firstName: 'Noor' };

function setUp(recordOf: () => Promise<PersonRecord | undefined> = async () => RECORD) {
  let now = new Date('2026-11-10T12:00:00.000Z');
  const events = new MemoryOutcomeEvents();
  const prefix = uniquePrefix();
  const observer = new JourneyOutcomes(new OutcomeSteps(events, createLogger('silent'), () => now), recordOf, createLogger('silent'));
  const journeys = new Journeys(new RedisJourneyStore(redis, prefix, testDigest, 180 * 86400000), { homeworkDays: 14 });
  journeys.listen(observer, (error) => {
    throw error;
  });
  return { journeys, events, prefix, at: (iso: string) => (now = new Date(iso)), now: () => now };
}

describe('the journey’s steps in the outcome funnel, on Redis', () => {
  it('counts the intake once when two turns start the same journey at the same moment', async () => {
    const { journeys, events, now } = setUp();
    await Promise.all([1, 2, 3].map(() => journeys.begin(PERSON, 'eligible', undefined, now(), RECORD)));
    expect(await events.steps('2026-11-01', '2026-11-30')).toEqual([{ step: 'intake', at: '2026-11-10T12:00:00.000Z', cohort: '2026-11', language: 'fa', region: 'Friesland', daysSinceFirstContact: 7 }]);
  });

  it('counts selected once, from the record as saved, when two staff decide at the same moment', async () => {
    const { journeys, events, at, now, prefix } = setUp();
    await journeys.begin(PERSON, 'eligible', undefined, now(), RECORD);
    for (const stage of ['mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake'] as const) {
      expect((await journeys.moveTo(PERSON, stage, staff, 'went well', now())).ok).toBe(true);
    }
    at('2027-02-01T09:00:00.000Z');
    const decided = await Promise.all([1, 2].map(() => journeys.moveTo(PERSON, 'selected', staff, 'selected for VIT', now())));
    expect(decided.filter((d) => d.ok)).toHaveLength(1);
    expect((await events.steps('2027-02-01', '2027-02-01')).map((e) => [e.step, e.cohort, e.daysSinceFirstContact])).toEqual([['selected', '2026-11', 90]]);
    // The journey's keys name nobody, and the numbers hold no more than month, language and province.
    expect(JSON.stringify(await events.steps('2026-11-01', '2027-02-28'))).not.toMatch(/Reza|31612345678|whatsapp/);
    expect((await keyspace(redis, prefix)).map(([key]) => key).join(' ')).not.toContain('31612345678');
  });

  it('moves on when the record cannot be read: the move is made, the number is not counted', async () => {
    const { journeys, events, now } = setUp(async () => {
      throw new Error('storage down');
    });
    await journeys.begin(PERSON, 'eligible', undefined, now());
    expect((await journeys.moveTo(PERSON, 'not-selected', staff, 'not now', now())).ok).toBe(true);
    expect(await events.steps('2026-11-01', '2026-11-30')).toEqual([]);
  });
});
