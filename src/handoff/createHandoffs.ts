import type { Redis } from 'ioredis';
import type { TranscriptStore } from 'botbuilder';
import { transcriptActivities } from '../storage/transcriptMessages';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Translator } from '../i18n/translator';
import { parseMentorHours } from '../domain/mentorHours';
import { HandoffService } from './handoffService';
import { MemoryHandoffQueue } from './memoryHandoffQueue';
import { RedisHandoffQueue } from './redisHandoffQueue';
import { idDigestFor } from '../storage/idDigest';
import { HandoffEvents, MemoryHandoffEvents, RedisHandoffEvents } from './handoffEvents';
import type { PersonMessenger } from './personMessenger';
import type { FunnelRecorder } from '../reporting/funnel';
import type { DeliveryReportBus } from './deliveryReports';
import { MemoryReadMarkers, ReadMarkers, RedisReadMarkers } from './readMarkers';
import { MentorTyping } from './mentorTyping';
import { HandoffNotes, MemoryHandoffNotes } from './handoffNotes';
import { RedisHandoffNotes } from './redisHandoffNotes';

const DAY_SECONDS = 24 * 60 * 60;
const OFFER_SWEEP_MS = 30_000;

export interface Handoffs {
  service: HandoffService;
  events: HandoffEvents;
  /** How far each mentor read each conversation (the console's unread badges). */
  readMarkers: ReadMarkers;
  /** "The mentor is typing", shown to the person on their channel. */
  typing: MentorTyping;
  /** Mentors' private notes and follow-up days, kept with each handoff. */
  notes: HandoffNotes;
  /** Stops the background sweep and the event subscription. */
  close(): Promise<void>;
}

/** The queue, events and service for the configuration: in Redis when there is one, else in memory. */
export function createHandoffs(deps: {
  config: Config;
  redis?: Redis;
  /** A new connection for the event subscription (a subscribed connection can do nothing else). */
  subscriber?: () => Redis;
  messenger: PersonMessenger;
  translator: Translator;
  logger: Logger;
  funnel?: FunnelRecorder;
  /** Where the conversation so far is read for the handoff.initiate event. */
  transcripts?: TranscriptStore;
  /** Channels report here what became of a mentor's message after it went out; it is marked on its handoff. */
  deliveryReports?: Pick<DeliveryReportBus, 'subscribe'>;
  now?: () => Date;
}): Handoffs {
  const { config, redis, logger } = deps;
  const queue = redis
    ? new RedisHandoffQueue(redis, { prefix: config.REDIS_KEY_PREFIX, endedTtlSeconds: config.STATE_RETENTION_DAYS * DAY_SECONDS, digest: idDigestFor(config) })
    : new MemoryHandoffQueue();
  const notes: HandoffNotes = redis
    ? new RedisHandoffNotes(redis, { prefix: config.REDIS_KEY_PREFIX, ttlSeconds: config.STATE_RETENTION_DAYS * DAY_SECONDS, digest: idDigestFor(config) })
    : new MemoryHandoffNotes();
  const events: HandoffEvents = redis
    ? new RedisHandoffEvents(redis, (deps.subscriber ?? (() => redis.duplicate()))(), `${config.REDIS_KEY_PREFIX}handoff-events`, logger)
    : new MemoryHandoffEvents();
  const hours = parseMentorHours(config.MENTOR_HOURS);
  if (!hours.ok) throw new Error(`createHandoffs(): MENTOR_HOURS: ${hours.problem}`); // the config schema already refused it
  const readMarkers = redis ? new RedisReadMarkers(redis, config.REDIS_KEY_PREFIX, config.STATE_RETENTION_DAYS * DAY_SECONDS) : new MemoryReadMarkers();
  const service = new HandoffService({
    queue,
    events,
    messenger: deps.messenger,
    translator: deps.translator,
    hours: { windows: hours.windows, timeZone: config.MENTOR_TIMEZONE },
    maxWaitMinutes: config.HANDOFF_MAX_WAIT_MINUTES,
    now: deps.now ?? (() => new Date()),
    logger,
    funnel: deps.funnel,
    history: deps.transcripts && ((conversation) => transcriptActivities(deps.transcripts!, conversation.channelId, conversation.conversation.id)),
    readMarkers,
  });
  const typing = new MentorTyping({ queue, messenger: deps.messenger, now: deps.now ?? (() => new Date()), logger });
  // What mentors noted on a handoff lives as long as the handoff: once it ends (however: console, Teams, the person leaving), from then on.
  const stopRetaining = events.subscribe((event) => {
    if (event.type !== 'closed' && event.type !== 'abandoned') return;
    void queue
      .get(event.id)
      .then((handoff) => handoff && notes.retain(handoff.id, handoff.person))
      .catch((error: Error) => logger.warn({ handoff: event.id, err: { message: error.message } }, 'could not keep the notes of an ended handoff as long as it'));
  });
  const stopReports = deps.deliveryReports?.subscribe(async ({ handoffId, at, text, delivery }) => void (await service.markDelivery(handoffId, { at, text }, delivery)));
  const sweep = setInterval(() => {
    service.offerMessages().catch((error: Error) => logger.warn({ err: { message: error.message } }, 'could not offer waiting people to leave a message'));
  }, OFFER_SWEEP_MS);
  sweep.unref();
  return {
    service,
    events,
    readMarkers,
    typing,
    notes,
    close: async () => {
      clearInterval(sweep);
      stopRetaining();
      stopReports?.();
      await events.close();
    },
  };
}
