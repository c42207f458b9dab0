import type { Config } from '../config';
import { personCode } from '../console/personCode';
import { BullMqTimedJobs } from '../jobs/bullMqTimedJobs';
import { MemoryTimedJobs, TimedJobs } from '../jobs/timedJobs';
import { MemoryReminderStore, RedisReminderStore } from '../reminders/reminderStore';
import { Reminders } from '../reminders/reminders';
import { AppOptions, DAY_SECONDS } from './appOptions';
import type { Infrastructure } from './infrastructure';
import type { Channels } from './channels';
import type { Records } from './records';
import type { HandoffParts } from './handoffs';
import { MemoryPoolStore, RedisPoolStore } from '../people/poolStore';
import { TalentPool } from '../people/talentPool';

/** Work done at a time, once across instances (BullMQ with Redis, else in memory), and the reminders that use it. */
export interface TimedWork {
  jobs: TimedJobs;
  reminders: Reminders;
  /** The talent pool: consent to follow-up, a check-in every FOLLOWUP_WEEKS, ready people signalled. */
  pool: TalentPool;
}

export function createTimedWork(config: Config, options: Pick<AppOptions, 'timedJobs' | 'poolClock'>, infra: Infrastructure, records: Records, channels: Channels, handoffParts?: HandoffParts): TimedWork {
  const { logger, redis } = infra;
  const jobs =
    options.timedJobs ??
    (config.REDIS_URL
      ? new BullMqTimedJobs({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER, keyPrefix: config.REDIS_KEY_PREFIX, lockMs: config.JOBS_LOCK_MS, concurrency: config.JOBS_CONCURRENCY, logger })
      : new MemoryTimedJobs({ onFailure: (job, error, final) => logger[final ? 'error' : 'warn']({ kind: job.kind, attempt: job.attempt, err: { message: error.message } }, final ? 'timed job failed; given up' : 'timed job failed; tried again later') }));
  const retentionMs = config.STATE_RETENTION_DAYS * DAY_SECONDS * 1000;
  const reminders = new Reminders({
    jobs,
    store: redis ? new RedisReminderStore(redis, config.REDIS_KEY_PREFIX, retentionMs) : new MemoryReminderStore(),
    messenger: channels.messenger,
    translator: infra.translator,
    digest: infra.idDigest,
    logger,
    onSent: (outcome) => infra.metrics.remindersSent.inc({ outcome }),
    crash: (point, id) => infra.crashPoints.reach(point, id),
  });
  // A booked mentor talk (or intake interview) is reminded of a day and an hour before; a cancelled one (by the person or the mentor) is not.
  records.records.talks.listen({
    onBooked: async ({ slot, booking }) => {
      await reminders.forBooking({
        id: slot.id,
        person: { ...booking.person, conversation: booking.conversation, language: booking.language },
        startsAt: new Date(slot.start),
        link: slot.link,
        kind: slot.kind,
      });
    },
    onCancelled: ({ slot, booking }) => reminders.cancelBooking({ id: slot.id, person: booking.person }),
  });
  const teams = handoffParts?.teamsMentors;
  const pool = new TalentPool({
    jobs,
    store: redis ? new RedisPoolStore(redis, config.REDIS_KEY_PREFIX, retentionMs) : new MemoryPoolStore(retentionMs),
    messenger: channels.messenger,
    translator: infra.translator,
    digest: infra.idDigest,
    outcomes: records.records.outcomes,
    logger,
    weeks: config.FOLLOWUP_WEEKS,
    now: options.poolClock,
    // Mentors in Teams hear that someone is ready: a first name (or the short code the console shows) and the language only.
    signal: teams && {
      ready: async ({ person, firstName, language }) => {
        const who = firstName ?? personCode(infra.pseudonym, person.channelId, person.userId) ?? '—';
        await teams.notify((lng) => infra.translator.t(lng, 'pool:teams.ready', { who, language: infra.translator.t(lng, `language:names.${language}`) }));
      },
    },
    onSent: (outcome) => infra.metrics.followUpsSent.inc({ outcome }),
  });
  return { jobs, reminders, pool };
}
