import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { Funnel } from '../reporting/funnel';
import { MemoryStatsStore, RedisStatsStore, StatsStore } from '../reporting/statsStore';
import { AuditLog, MemoryAuditLog, RedisAuditLog } from './auditLog';
import { MemoryPeopleIndex, PeopleIndex, RedisPeopleIndex } from './peopleIndex';
import { MemoryJourneyStore, RedisJourneyStore } from './journeyStore';
import { Journeys } from './journeys';
import { HomeworkStore, MemoryHomeworkStore, RedisHomeworkStore } from './homeworkStore';
import { idDigestFor } from '../storage/idDigest';
import { MemorySlotStore, RedisSlotStore } from './slotStore';
import { MentorTalks } from './mentorTalks';
import { MemorySlotPublishLock, RedisSlotPublishLock } from './slotPublishLock';
import { MentorTalkNotices } from './mentorTalkNotices';
import { MemoryTalkNoticeStore, RedisTalkNoticeStore } from './talkNoticeStore';
import { MemoryOutcomeEvents, OutcomeEvents } from '../reporting/outcomeEvents';
import { RedisOutcomeEvents } from '../reporting/redisOutcomeEvents';
import { OutcomeSteps } from '../reporting/outcomeSteps';
import { JourneyOutcomes } from './journeyOutcomes';
import type { JourneyPerson } from './journeyStore';
import type { PersonRecord } from '../domain/person';
import { MemoryPartnerStore, PartnerStore, RedisPartnerStore } from './partnerStore';

export interface RecordKeeping {
  stats: StatsStore;
  funnel: Funnel;
  people: PeopleIndex;
  audit: AuditLog;
  /** Each person's selection journey: kept as long as their state, erased with them. */
  journeys: Journeys;
  /** Mentors' time slots and the talks booked in them: personal data kept and erased as the journey is. */
  talks: MentorTalks;
  /** Staff's homework per track (no personal data). */
  homework: HomeworkStore;
  /** What each mentor is told in the console about bookings of their slots (no person in them). */
  talkNotices: MentorTalkNotices;
  /** The outcome funnel and the talent pool's movement, with no person in them (they outlive erasure). */
  outcomes: OutcomeEvents;
  /** Records a person's step of the outcome funnel (the event made from their record; never fails a turn or a move). */
  outcomeSteps: OutcomeSteps;
  /** Each person's consent to share with a partner, their referral and the partner's steps: kept and erased as the journey is. */
  partnerFiles: PartnerStore;
}

/**
 * The numbers, the index of people, the audit log and the journeys: in Redis when there is one, else in
 * memory. `recordOf` reads a person's record (user state), for the numbers of a journey's moves made
 * outside a turn (staff's decision in the console); without it those are not counted.
 */
export function createRecordKeeping(config: Config, redis: Redis | undefined, logger: Logger, recordOf?: (person: JourneyPerson) => Promise<PersonRecord | undefined>): RecordKeeping {
  const retentionMs = config.STATE_RETENTION_DAYS * 86400 * 1000;
  const stats = redis ? new RedisStatsStore(redis, config.REDIS_KEY_PREFIX) : new MemoryStatsStore();
  const outcomes = redis ? new RedisOutcomeEvents(redis, config.REDIS_KEY_PREFIX) : new MemoryOutcomeEvents();
  const outcomeSteps = new OutcomeSteps(outcomes, logger);
  const journeys = new Journeys(
    redis ? new RedisJourneyStore(redis, config.REDIS_KEY_PREFIX, idDigestFor(config), retentionMs) : new MemoryJourneyStore(retentionMs),
    { homeworkDays: config.JOURNEY_HOMEWORK_DAYS },
  );
  // JourneyOutcomes logs its own failures; a journey's change never fails for the numbers.
  journeys.listen(new JourneyOutcomes(outcomeSteps, recordOf ?? (async () => undefined), logger), () => undefined);
  const talks = new MentorTalks(
    redis ? new RedisSlotStore(redis, config.REDIS_KEY_PREFIX, idDigestFor(config), retentionMs) : new MemorySlotStore(retentionMs),
    journeys,
    (error, where) => logger.warn({ err: error instanceof Error ? error.message : String(error), where }, 'mentor talk: a step after the booking failed'),
    redis ? new RedisSlotPublishLock(redis, config.REDIS_KEY_PREFIX) : new MemorySlotPublishLock(),
  );
  const talkNotices = new MentorTalkNotices(redis ? new RedisTalkNoticeStore(redis, config.REDIS_KEY_PREFIX, retentionMs) : new MemoryTalkNoticeStore());
  talks.listen(talkNotices);
  return {
    stats,
    funnel: new Funnel(stats, logger),
    people: redis ? new RedisPeopleIndex(redis, config.REDIS_KEY_PREFIX, retentionMs) : new MemoryPeopleIndex(retentionMs),
    audit: redis ? new RedisAuditLog(redis, config.REDIS_KEY_PREFIX) : new MemoryAuditLog(),
    journeys,
    talks,
    talkNotices,
    homework: redis ? new RedisHomeworkStore(redis, config.REDIS_KEY_PREFIX) : new MemoryHomeworkStore(),
    outcomes,
    outcomeSteps,
    partnerFiles: redis ? new RedisPartnerStore(redis, config.REDIS_KEY_PREFIX, idDigestFor(config), retentionMs) : new MemoryPartnerStore(retentionMs),
  };
}
