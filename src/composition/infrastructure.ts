import path from 'node:path';
import { ConversationState, MemoryStorage, Storage, UserState } from 'botbuilder';
import type { Redis } from 'ioredis';
import type { Config } from '../config';
import { createPseudonymizer, Logger, Pseudonymizer } from '../logger';
import { Metrics } from '../metrics';
import { InFlight } from '../inFlight';
import type { ReadinessCheck } from '../readiness';
import { createTranslator, Translator } from '../i18n/translator';
import { readLocaleResources, LocaleResources } from '../i18n/localeResources';
import { PROJECT_ROOT } from '../projectRoot';
import { RedisStorage } from '../storage/redisStorage';
import { createRedisClient } from '../storage/redisClient';
import { MemoryTurnJournal, TurnJournal } from '../storage/turnJournal';
import { RedisTurnJournal } from '../storage/redisTurnJournal';
import { ConversationLocks, MemoryConversationLocks } from '../storage/conversationLocks';
import { RedisConversationLocks } from '../storage/redisConversationLocks';
import { AppendOnlyFileRewrite } from '../storage/appendOnlyFileRewrite';
import { IdDigest, idDigestFor } from '../storage/idDigest';
import { ShutdownGate } from '../bot/shutdownGate';
import { CrashPoints, NO_CRASH_POINTS } from '../bot/crashPoints';
import { AppOptions, DAY_SECONDS } from './appOptions';

/** What every later part stands on: texts, logs and metrics, Redis (or memory), state, leases, the journal. */
export interface Infrastructure {
  logger: Logger;
  metrics: Metrics;
  inFlight: InFlight;
  resources: LocaleResources;
  translator: Translator;
  pseudonym: Pseudonymizer;
  redis?: Redis;
  /** Every Redis key that would name a person or conversation is named by this keyed digest instead. */
  idDigest: IdDigest;
  storage: Storage;
  conversationState: ConversationState;
  userState: UserState;
  /** Each turn's state, handled mark and replies in one write (see ConditionalTurn). */
  journal: TurnJournal;
  /** One turn per conversation at a time, on every instance; erasure takes the same leases. */
  locks: ConversationLocks;
  /** Closed at shutdown: turns not yet written are abandoned at their write. */
  gate: ShutdownGate;
  crashPoints: CrashPoints;
  readinessChecks: ReadinessCheck[];
  /** Rewrites Redis's append-only file after an erasure (none without Redis). */
  appendOnlyFile?: AppendOnlyFileRewrite;
}

export function createInfrastructure(config: Config, options: AppOptions): Infrastructure {
  const { logger } = options;
  const resources = options.resources ?? readLocaleResources(path.join(PROJECT_ROOT, 'locales'));
  const redis = config.REDIS_URL ? createRedisClient({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER }, logger) : undefined;
  const idDigest = idDigestFor(config);
  const redisStorage = redis ? new RedisStorage(redis, { prefix: config.REDIS_KEY_PREFIX, ttlSeconds: config.STATE_RETENTION_DAYS * DAY_SECONDS, digest: idDigest }) : undefined;
  const storage: Storage = redisStorage ?? new MemoryStorage();
  const lockTimings = { ttlMs: config.TURN_LOCK_TTL_MS, waitMs: config.TURN_LOCK_WAIT_MS, maxWaiters: config.TURN_LOCK_MAX_WAITERS };
  return {
    logger,
    metrics: new Metrics({ processMetrics: options.processMetrics }),
    inFlight: new InFlight(),
    resources,
    translator: options.translator ?? createTranslator(resources),
    pseudonym: createPseudonymizer(config.LOG_PSEUDONYM_SECRET),
    redis,
    idDigest,
    storage,
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    journal: redis && redisStorage ? new RedisTurnJournal(redis, redisStorage, config.REDIS_KEY_PREFIX, idDigest) : new MemoryTurnJournal(storage),
    locks: redis ? new RedisConversationLocks(redis, config.REDIS_KEY_PREFIX, lockTimings, idDigest) : new MemoryConversationLocks(lockTimings),
    gate: new ShutdownGate(),
    crashPoints: options.crashPoints ?? NO_CRASH_POINTS,
    readinessChecks: redis ? [{ name: 'redis', check: async () => void (await redis.ping()) }] : [{ name: 'storage', check: async () => undefined }],
    appendOnlyFile: redis ? new AppendOnlyFileRewrite(redis, config.REDIS_KEY_PREFIX, logger) : undefined,
  };
}
