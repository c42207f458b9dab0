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
import { MemoryOutcomeEvents, OutcomeEvents } from '../reporting/outcomeEvents';
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
  /** The outcome funnel and the talent pool's movement, with no person in them (they outlive erasure). */
  outcomes: OutcomeEvents;
  /** Each person's consent to share with a partner, their referral and the partner's steps: kept and erased as the journey is. */
  partnerFiles: PartnerStore;
}

/** The numbers, the index of people, the audit log and the journeys: in Redis when there is one, else in memory. */
export function createRecordKeeping(config: Config, redis: Redis | undefined, logger: Logger): RecordKeeping {
  const retentionMs = config.STATE_RETENTION_DAYS * 86400 * 1000;
  const stats = redis ? new RedisStatsStore(redis, config.REDIS_KEY_PREFIX) : new MemoryStatsStore();
  const journeys = new Journeys(
    redis ? new RedisJourneyStore(redis, config.REDIS_KEY_PREFIX, idDigestFor(config), retentionMs) : new MemoryJourneyStore(retentionMs),
    { homeworkDays: config.JOURNEY_HOMEWORK_DAYS },
  );
  return {
    stats,
    funnel: new Funnel(stats, logger),
    people: redis ? new RedisPeopleIndex(redis, config.REDIS_KEY_PREFIX, retentionMs) : new MemoryPeopleIndex(retentionMs),
    audit: redis ? new RedisAuditLog(redis, config.REDIS_KEY_PREFIX) : new MemoryAuditLog(),
    journeys,
    talks: new MentorTalks(
      redis ? new RedisSlotStore(redis, config.REDIS_KEY_PREFIX, idDigestFor(config), retentionMs) : new MemorySlotStore(retentionMs),
      journeys,
      (error, where) => logger.warn({ err: error instanceof Error ? error.message : String(error), where }, 'mentor talk: a step after the booking failed'),
    ),
    homework: redis ? new RedisHomeworkStore(redis, config.REDIS_KEY_PREFIX) : new MemoryHomeworkStore(),
    outcomes: new MemoryOutcomeEvents(),
    partnerFiles: redis ? new RedisPartnerStore(redis, config.REDIS_KEY_PREFIX, idDigestFor(config), retentionMs) : new MemoryPartnerStore(retentionMs),
  };
}
