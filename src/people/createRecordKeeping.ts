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

export interface RecordKeeping {
  stats: StatsStore;
  funnel: Funnel;
  people: PeopleIndex;
  audit: AuditLog;
  /** Each person's selection journey: kept as long as their state, erased with them. */
  journeys: Journeys;
  /** Staff's homework per track (no personal data). */
  homework: HomeworkStore;
}

/** The numbers, the index of people, the audit log and the journeys: in Redis when there is one, else in memory. */
export function createRecordKeeping(config: Config, redis: Redis | undefined, logger: Logger): RecordKeeping {
  const retentionMs = config.STATE_RETENTION_DAYS * 86400 * 1000;
  const stats = redis ? new RedisStatsStore(redis, config.REDIS_KEY_PREFIX) : new MemoryStatsStore();
  return {
    stats,
    funnel: new Funnel(stats, logger),
    people: redis ? new RedisPeopleIndex(redis, config.REDIS_KEY_PREFIX, retentionMs) : new MemoryPeopleIndex(retentionMs),
    audit: redis ? new RedisAuditLog(redis, config.REDIS_KEY_PREFIX) : new MemoryAuditLog(),
    journeys: new Journeys(
      redis ? new RedisJourneyStore(redis, config.REDIS_KEY_PREFIX, idDigestFor(config), retentionMs) : new MemoryJourneyStore(retentionMs),
      { homeworkDays: config.JOURNEY_HOMEWORK_DAYS },
    ),
    homework: redis ? new RedisHomeworkStore(redis, config.REDIS_KEY_PREFIX) : new MemoryHomeworkStore(),
  };
}
