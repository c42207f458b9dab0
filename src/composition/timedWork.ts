import type { Config } from '../config';
import { BullMqTimedJobs } from '../jobs/bullMqTimedJobs';
import { MemoryTimedJobs, TimedJobs } from '../jobs/timedJobs';
import { MemoryReminderStore, RedisReminderStore } from '../reminders/reminderStore';
import { Reminders } from '../reminders/reminders';
import { AppOptions, DAY_SECONDS } from './appOptions';
import type { Infrastructure } from './infrastructure';
import type { Channels } from './channels';
import type { Records } from './records';

/** Work done at a time, once across instances (BullMQ with Redis, else in memory), and the reminders that use it. */
export interface TimedWork {
  jobs: TimedJobs;
  reminders: Reminders;
}

export function createTimedWork(config: Config, options: Pick<AppOptions, 'timedJobs'>, infra: Infrastructure, records: Records, channels: Channels): TimedWork {
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
  return { jobs, reminders };
}
