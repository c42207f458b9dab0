import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { Funnel } from '../reporting/funnel';
import { MemoryStatsStore, RedisStatsStore, StatsStore } from '../reporting/statsStore';
import { AuditLog, MemoryAuditLog, RedisAuditLog } from './auditLog';
import { MemoryPeopleIndex, PeopleIndex, RedisPeopleIndex } from './peopleIndex';

export interface RecordKeeping {
  stats: StatsStore;
  funnel: Funnel;
  people: PeopleIndex;
  audit: AuditLog;
}

/** The numbers, the index of people and the audit log: in Redis when there is one, else in memory. */
export function createRecordKeeping(config: Config, redis: Redis | undefined, logger: Logger): RecordKeeping {
  const retentionMs = config.STATE_RETENTION_DAYS * 86400 * 1000;
  const stats = redis ? new RedisStatsStore(redis, config.REDIS_KEY_PREFIX) : new MemoryStatsStore();
  return {
    stats,
    funnel: new Funnel(stats, logger),
    people: redis ? new RedisPeopleIndex(redis, config.REDIS_KEY_PREFIX, retentionMs) : new MemoryPeopleIndex(retentionMs),
    audit: redis ? new RedisAuditLog(redis, config.REDIS_KEY_PREFIX) : new MemoryAuditLog(),
  };
}
