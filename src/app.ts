import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { AdmittingCloudAdapter } from './bot/admittingCloudAdapter';
import type { Metrics } from './metrics';
import type { InFlight } from './inFlight';
import type { Handoffs } from './handoff/createHandoffs';
import type { Handover } from './handover/createHandover';
import type { AccountStore } from './accounts/accountStore';
import type { RecordKeeping } from './people/createRecordKeeping';
import type { PersonRecords } from './people/personRecords';
import type { Transcripts } from './bot/transcripts';
import { ensureAdmin } from './console/createConsole';
import { migrateKeyNames } from './storage/keyMigration';
import type { AppOptions } from './composition/appOptions';
import { createInfrastructure } from './composition/infrastructure';
import { createRecords } from './composition/records';
import { createChannels } from './composition/channels';
import { createHandoffParts } from './composition/handoffs';
import { createTimedWork } from './composition/timedWork';
import type { Reminders } from './reminders/reminders';
import type { TalentPool } from './people/talentPool';
import type { TimedJobs } from './jobs/timedJobs';
import { createTurnPipeline } from './composition/turnPipeline';
import { createHttp } from './composition/http';

export type { AppOptions } from './composition/appOptions';

export interface App {
  server: Server;
  adapter: AdmittingCloudAdapter;
  storage: Storage;
  metrics: Metrics;
  inFlight: InFlight;
  redis?: Redis;
  handoffs: Handoffs;
  /** Mentors' status and caps, and the canned replies. */
  handover: Handover;
  accounts: AccountStore;
  records: RecordKeeping;
  personRecords: PersonRecords;
  transcripts: Transcripts;
  /** Work done at a time, once across instances (started by ready()). */
  timedJobs: TimedJobs;
  /** Reminders to people (the mentor talk's: forBooking). */
  reminders: Reminders;
  /** The talent pool: consent to follow-up, check-ins every FOLLOWUP_WEEKS, ready people. */
  pool: TalentPool;
  ready(): Promise<void>;
  /**
   * Stops taking work: waits up to the grace period for turns in flight; turns that have not written by
   * then are abandoned at their write (never after it); then closes Redis. Says how many were abandoned.
   */
  close(): Promise<{ abandoned: number }>;
}

/** After the grace period, how long turns that were stopped at their write get to unwind before Redis closes. */
const ABANDON_WAIT_MS = 2000;

/**
 * The composition root's work: builds every service from the config, without listening. Each step
 * (src/composition/) uses only what the steps before it made; where a lower part must hear from a
 * higher one, a port stands between them (WhatsApp's delivery reports → the handoffs).
 */
export function buildApp(config: Config, options: AppOptions): App {
  const infra = createInfrastructure(config, options);
  const records = createRecords(config, options, infra);
  const channels = createChannels(config, options, infra);
  const handoffParts = createHandoffParts(config, infra, records, channels, options);
  const timedWork = createTimedWork(config, options, infra, records, channels, handoffParts);
  const pipeline = createTurnPipeline(config, options, infra, records, channels, handoffParts, timedWork);
  const http = createHttp(config, infra, records, channels, handoffParts, pipeline, timedWork);

  const { logger, inFlight, gate, redis } = infra;
  return {
    server: http.server,
    adapter: channels.adapter,
    storage: infra.storage,
    metrics: infra.metrics,
    inFlight,
    redis,
    handoffs: handoffParts.handoffs,
    handover: handoffParts.handover,
    accounts: records.accounts,
    records: records.records,
    personRecords: pipeline.personRecords,
    transcripts: records.transcripts,
    timedJobs: timedWork.jobs,
    reminders: timedWork.reminders,
    pool: timedWork.pool,
    /** Moves keys from old names (see migrateKeyNames), then creates the configured first admin if it does not exist yet. */
    ready: async () => {
      if (redis) await migrateKeyNames({ redis, prefix: config.REDIS_KEY_PREFIX, digest: infra.idDigest, logger });
      await records.unanswered.ready();
      await records.faqAnswers.ready();
      await ensureAdmin(config, records.accounts, logger);
      // Every instance runs due jobs; each job runs on one of them at a time.
      await timedWork.jobs.start();
      // Not awaited: an unreachable provider is logged and tried again at the first sign-in; password sign-in works meanwhile.
      void http.oidc?.warmUp();
    },
    close: async () => {
      pipeline.whatsAppWorker?.stop();
      // Takes no new job; a reminder being sent finishes (before Redis goes, below).
      const jobsClosed = timedWork.jobs.close().catch((error: Error) => logger.warn({ err: { message: error.message } }, 'timed jobs did not close cleanly'));
      infra.appendOnlyFile?.close();
      let abandoned = 0;
      if (!(await inFlight.drain(config.SHUTDOWN_GRACE_MS))) {
        // Turns not yet written stop at their write; those past it only deliver, and their outbox outlives us.
        gate.close();
        logger.warn({ inFlight: inFlight.size }, 'shutdown grace period passed: turns not yet written are abandoned at their write');
        const unwound = await inFlight.drain(ABANDON_WAIT_MS);
        // Still running at exit and not past their write (e.g. waiting for the conversation's lease): abandoned too.
        abandoned = gate.abandoned + (unwound ? 0 : Math.max(0, inFlight.size - gate.runningPastWrite));
      }
      await jobsClosed;
      http.endStreams();
      await handoffParts.teamsMentors.close();
      await records.unanswered.close();
      await records.faqAnswers.close();
      await handoffParts.handoffs.close();
      await channels.whatsApp?.inbox.close().catch(() => undefined);
      if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis?.disconnect();
      return { abandoned };
    },
  };
}
