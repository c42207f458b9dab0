import {
  MessageFactory,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  Storage,
  TurnContext,
  UserState,
} from 'botbuilder';
import type { Server } from 'restify';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Redis } from 'ioredis';
import { Config, isEmulatorMode, speechEnabled, whatsAppEnabled } from './config';
import { LongTextMiddleware } from './bot/longText';
import { AdmittingCloudAdapter } from './bot/admittingCloudAdapter';
import type { PersonRecord } from './domain/person';
import { createPersonEraser } from './bot/createBot';
import { PERSON_PROPERTY } from './storage/botStateKeys';
import { PersonRecords } from './people/personRecords';
import type { PersonDataHolder } from './domain/personData';
import { LocaleStampMiddleware } from './bot/localeStampMiddleware';
import { GraphClient, GraphClientOptions } from './channels/whatsapp/graphClient';
import { RelayFailure, WhatsAppAdapter } from './channels/whatsapp/whatsAppAdapter';
import { MemoryWhatsAppStore, RedisWhatsAppStore } from './channels/whatsapp/whatsAppStore';
import { registerWhatsAppWebhook } from './channels/whatsapp/whatsAppWebhook';
import { MemoryWhatsAppInbox, RedisWhatsAppInbox } from './channels/whatsapp/whatsAppInbox';
import { TeamsRendering } from './channels/teams/teamsRendering';
import { TeamsInstallation } from './channels/teams/teamsInstallation';
import { createTeamsMentors } from './channels/teams/createTeamsMentors';
import { createPseudonymizer, Logger, Pseudonymizer } from './logger';
import { Metrics } from './metrics';
import { InFlight } from './inFlight';
import { ReadinessCheck } from './readiness';
import { ReusableConnectorAuthentication } from './bot/reusableConnectorAuthentication';
import { createServer } from './server';
import { limitConcurrentRequests } from './requestLimit';
import { createTranslator, Translator } from './i18n/translator';
import { languageFromLocale } from './i18n/languages';
import { RedisStorage } from './storage/redisStorage';
import { connectionState, createRedisClient } from './storage/redisClient';
import { createBot, retentionDays } from './bot/createBot';
import { createLiveRecognizer, createRecognizer } from './nlu/createFaqRecognizer';
import { createUnanswered } from './people/createUnanswered';
import { StoreUnansweredRecorder } from './bot/unansweredRecorder';
import { registerUnansweredConsole } from './console/consoleUnansweredRoutes';
import { registerAnswersConsole } from './console/consoleAnswersRoutes';
import { createFaqAnswers } from './storage/createFaqAnswers';
import { FaqAnswerEditor } from './storage/faqAnswerEditor';
import { refitCheck } from './nlu/refitCheck';
import type { Recognizer } from './nlu/recognizer';
import { TurnMetricsMiddleware } from './bot/turnMetricsMiddleware';
import { HandoffGuardMiddleware } from './bot/handoffGuardMiddleware';
import { markNotice } from './bot/relayMark';
import { isProactive, TurnLockMiddleware } from './bot/turnLockMiddleware';
import { ConversationLocks, LockBusyError, MemoryConversationLocks } from './storage/conversationLocks';
import { RedisConversationLocks } from './storage/redisConversationLocks';
import { SavedTurnMiddleware } from './bot/savedTurnMiddleware';
import { MemoryTurnJournal, TurnJournal } from './storage/turnJournal';
import { RedisTurnJournal } from './storage/redisTurnJournal';
import { ShutdownGate, TurnAbandonedError } from './bot/shutdownGate';
import { CrashPoints, NO_CRASH_POINTS } from './bot/crashPoints';
import { createHandoffs, Handoffs } from './handoff/createHandoffs';
import { ProactiveMessenger } from './bot/proactiveMessenger';
import { createTranscripts, Transcripts } from './bot/transcripts';
import { registerConsole } from './console/consoleRoutes';
import { registerStaffConsole } from './console/consoleStaffRoutes';
import { createConsoleParts, ensureAdmin } from './console/createConsole';
import type { AccountStore } from './accounts/accountStore';
import { readLocaleResources, LocaleResources } from './i18n/localeResources';
import { PROJECT_ROOT } from './projectRoot';
import { createRecordKeeping, RecordKeeping } from './people/createRecordKeeping';
import path from 'node:path';
import { VoiceNoteMiddleware } from './bot/voiceNoteMiddleware';
import { AzureSpeechToText } from './speech/azureSpeechToText';
import type { SpeechToText } from './speech/speechToText';
import { WhatsAppMedia } from './channels/whatsapp/whatsAppMedia';
import { registerConsoleVoice } from './console/consoleVoiceRoute';
import { TeamsFileMedia } from './channels/teams/teamsFileMedia';
import { idDigestFor } from './storage/idDigest';
import { migrateKeyNames } from './storage/keyMigration';
import { AppendOnlyFileRewrite } from './storage/appendOnlyFileRewrite';

export interface App {
  server: Server;
  adapter: AdmittingCloudAdapter;
  storage: Storage;
  metrics: Metrics;
  inFlight: InFlight;
  redis?: Redis;
  handoffs: Handoffs;
  accounts: AccountStore;
  records: RecordKeeping;
  personRecords: PersonRecords;
  transcripts: Transcripts;
  ready(): Promise<void>;
  /**
   * Stops taking work: waits up to the grace period for turns in flight; turns that have not written by
   * then are abandoned at their write (never after it); then closes Redis. Says how many were abandoned.
   */
  close(): Promise<{ abandoned: number }>;
}

export interface AppOptions {
  logger: Logger;
  translator?: Translator;
  /** The FAQ recognizer; by default the embedded one (CLU in front of it when configured). */
  recognizer?: Recognizer;
  /** Locale resources (defaults to locales/ on disk). */
  resources?: LocaleResources;
  /** Also export Node process metrics (off in tests, where many apps share one process). */
  processMetrics?: boolean;
  /** Back-off timings for the Graph API (tests shorten Meta's waits). */
  whatsAppGraph?: Pick<GraphClientOptions, 'baseDelayMs' | 'pairRateDelayMs'>;
  /**
   * How Bot Framework requests are authenticated; by default from the app id in the config. Tests
   * give one that trusts a loopback token issuer, so Teams traffic runs authenticated as in production.
   */
  botAuthentication?: BotFrameworkAuthentication;
  /** How often kept WhatsApp messages are swept and how long one waits before another instance takes it (tests shorten both). */
  whatsAppInbox?: { sweepMs?: number; idleMs?: number; maxDeliveries?: number };
  /** How long fetching and transcribing a voice note may take together (tests shorten it). */
  voiceTimeoutMs?: number;
  /** Speech to text; by default Azure AI Speech when SPEECH_KEY and SPEECH_REGION are set, else none. */
  speech?: SpeechToText;
  /** Test-only points where the process kills itself mid-turn (see crashPointsFromEnv). */
  crashPoints?: CrashPoints;
}

/** After the grace period, how long turns that were stopped at their write get to unwind before Redis closes. */
const ABANDON_WAIT_MS = 2000;

const DAY_SECONDS = 24 * 60 * 60;

/** The composition root's work: builds every service from the config, without listening. */
export function buildApp(config: Config, options: AppOptions): App {
  const { logger } = options;
  const metrics = new Metrics({ processMetrics: options.processMetrics });
  const inFlight = new InFlight();
  const resources = options.resources ?? readLocaleResources(path.join(PROJECT_ROOT, 'locales'));
  const translator = options.translator ?? createTranslator(resources);
  const pseudonym = createPseudonymizer(config.LOG_PSEUDONYM_SECRET);

  const redis = config.REDIS_URL ? createRedisClient(config.REDIS_URL, logger) : undefined;
  // Every Redis key that would name a person or conversation is named by this keyed digest instead.
  const idDigest = idDigestFor(config);
  const redisStorage = redis ? new RedisStorage(redis, { prefix: config.REDIS_KEY_PREFIX, ttlSeconds: config.STATE_RETENTION_DAYS * DAY_SECONDS, digest: idDigest }) : undefined;
  const storage: Storage = redisStorage ?? new MemoryStorage();
  // Each turn's state, handled mark and replies in one write (see ConditionalTurn).
  const journal: TurnJournal = redis && redisStorage ? new RedisTurnJournal(redis, redisStorage, config.REDIS_KEY_PREFIX, idDigest) : new MemoryTurnJournal(storage);
  const gate = new ShutdownGate();
  const crashPoints = options.crashPoints ?? NO_CRASH_POINTS;
  const readinessChecks: ReadinessCheck[] = redis
    ? [{ name: 'redis', check: async () => void (await redis.ping()) }]
    : [{ name: 'storage', check: async () => undefined }];

  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  // The embedded recognizer learns the examples staff add to the unanswered questions (not a recognizer a test gives).
  const embedded = options.recognizer ? undefined : createLiveRecognizer(resources);
  const recognizer = options.recognizer ?? createRecognizer(config, logger, embedded);
  const unanswered = createUnanswered({ config, redis, logger, recognizer: embedded, pseudonym });
  // Answers staff edited in the console, over the seed in locales/: the bot speaks with this translator.
  const faqAnswers = createFaqAnswers({ config, redis, logger, translator });

  const adapter = createCloudAdapter(config, options.botAuthentication);
  // A mentor message WhatsApp reports as failed later is marked on its handoff, as not delivered or as
  // waiting behind the template (the service is built below; this runs only once the app does).
  const onRelayDelivery = async ({ handoffId, at, text }: RelayFailure, delivery: 'template' | 'failed') => {
    if (handoffId && at) await handoffs.service.markDelivery(handoffId, { at, text }, delivery);
  };
  const whatsApp = whatsAppEnabled(config) ? createWhatsApp(config, redis, translator, logger, options, onRelayDelivery) : undefined;
  const records = createRecordKeeping(config, redis, logger);
  const messenger = new ProactiveMessenger({ default: adapter, byChannel: whatsApp ? { whatsapp: whatsApp.adapter } : {} }, config.MicrosoftAppId ?? '');
  const handoffs = createHandoffs({
    config,
    redis,
    subscriber: config.REDIS_URL ? () => createRedisClient(config.REDIS_URL!, logger, 'events') : undefined,
    messenger,
    translator,
    logger,
    funnel: records.funnel,
    // Read when a handoff starts, after everything here is built: the conversation so far rides on handoff.initiate.
    transcripts: () => transcripts.store,
  });
  const transcripts = createTranscripts({ storage, redis, prefix: config.REDIS_KEY_PREFIX, retentionDays: config.TRANSCRIPT_RETENTION_DAYS, digest: idDigest });
  const holders: PersonDataHolder[] = [
    transcripts.holder,
    unanswered.holder,
    { erase: (p) => journal.erase(p.conversationIds.map((id) => journal.name(p.channelId, id))) }, // unsent replies hold what they said
  ];
  if (whatsApp) {
    holders.push({
      erase: async (p) => {
        if (p.channelId !== 'whatsapp') return;
        // Kept messages name the person by whichever key Meta sent then: the lasting key, phone or BSUID.
        const address = (await whatsApp.store.person(p.userId))?.address;
        await whatsApp.inbox.erase([p.userId, address?.phone, address?.bsuid].filter((id): id is string => !!id));
        await whatsApp.store.erase(p.userId);
      },
    });
  }
  // Mentors in Teams: handoff cards, Accept, personal chats. The console's accounts are read at turn time (made below).
  const teamsMentors = createTeamsMentors({ config, redis, adapter, handoffs, accounts: () => consoleParts.accounts, translator, logger });
  holders.push(teamsMentors.holder);
  const lockTimings = { ttlMs: config.TURN_LOCK_TTL_MS, waitMs: config.TURN_LOCK_WAIT_MS, maxWaiters: config.TURN_LOCK_MAX_WAITERS };
  const locks: ConversationLocks = redis
    ? new RedisConversationLocks(redis, config.REDIS_KEY_PREFIX, lockTimings, idDigest)
    : new MemoryConversationLocks(lockTimings);
  // Erasure takes the leases of the person's conversations, so no running turn writes their state back.
  const appendOnlyFile = redis ? new AppendOnlyFileRewrite(redis, config.REDIS_KEY_PREFIX, logger) : undefined;
  const eraser = createPersonEraser(storage, handoffs.service, records.people, holders, locks, appendOnlyFile && (() => appendOnlyFile.afterErasure()));
  // Replies of a saved turn that could not go out now: they stay in the outbox and go out with the next delivery.
  const onUndelivered = (context: TurnContext, error?: Error) => {
    const channel = context.activity.channelId ?? 'unknown';
    metrics.turnsUndelivered.inc({ channel });
    logger.warn({ channel, conversation: pseudonym(context.activity.conversation?.id), err: error && { message: error.message } }, 'replies of a saved turn are not all delivered yet; kept for the next delivery');
  };
  const bot = createBot({
    storage,
    conversationState,
    userState,
    translator: faqAnswers.translator,
    config,
    recognizer,
    handoffs: handoffs.service,
    eraser,
    funnel: records.funnel,
    people: records.people,
    onTurnRetry: () => metrics.turnRetries.inc(),
    journal,
    gate,
    crashPoints,
    onUndelivered,
    installation: new TeamsInstallation({ handoffs: handoffs.service, translator, mentorLanguage: config.DEFAULT_LANGUAGE, logger, pseudonym }),
    unanswered: new StoreUnansweredRecorder({ store: unanswered.store, person: userState.createProperty<PersonRecord>(PERSON_PROPERTY), pseudonym, logger, now: () => new Date() }),
  });
  const personRecords = new PersonRecords({
    storage,
    people: records.people,
    catalog: transcripts.catalog,
    transcripts: transcripts.store,
    queue: handoffs.service.queue,
    eraser,
    whatsApp: whatsApp?.store,
  });

  const person = userState.createProperty<PersonRecord>(PERSON_PROPERTY);
  const onTurnError = turnErrorHandler({ logger, metrics, translator, config, pseudonym });
  // Where voice notes are fetched from, per channel: WhatsApp's Graph API, files sent in Teams.
  const voiceMedia = { msteams: new TeamsFileMedia({ logger }), ...(whatsApp ? { whatsapp: whatsApp.media } : {}) };
  const speech = options.speech ?? (speechEnabled(config) ? new AzureSpeechToText({ key: config.SPEECH_KEY!, region: config.SPEECH_REGION!, endpoint: config.SPEECH_ENDPOINT, logger }) : undefined);
  // Each adapter fetches only its own channel's media: an activity on /api/messages that calls itself
  // "whatsapp" must not make the server fetch WhatsApp media with the Graph API token.
  const voiceNotesFor = (channelAdapter: unknown) =>
    new VoiceNoteMiddleware({
      speech,
      media: channelAdapter === adapter ? { msteams: voiceMedia.msteams } : { whatsapp: whatsApp?.media },
      storage,
      timeoutMs: options.voiceTimeoutMs,
      metrics,
    });
  for (const channelAdapter of [adapter, ...(whatsApp ? [whatsApp.adapter] : [])]) {
    channelAdapter.use(new TurnMetricsMiddleware(metrics));
    // First after the metrics: one turn per conversation at a time, and its outbox before anyone else's handlers.
    channelAdapter.use(new TurnLockMiddleware(locks, metrics));
    // Under the lease: a saved turn's unsent replies go out first; an activity already handled ends there.
    channelAdapter.use(new SavedTurnMiddleware(journal, onUndelivered, (context) => metrics.turnsRepeated.inc({ channel: context.activity.channelId ?? 'unknown' })));
    // Before the transcript logger, so a voice note is logged with its transcript (the audio never is).
    channelAdapter.use(voiceNotesFor(channelAdapter));
    // The transcript logger comes before the guard, so what the guard holds back is not logged either.
    channelAdapter.use(transcripts.middleware);
    channelAdapter.use(new HandoffGuardMiddleware(handoffs.service.queue));
    channelAdapter.use(new LocaleStampMiddleware(person));
    channelAdapter.use(new LongTextMiddleware(translator, config.DEFAULT_LANGUAGE, person));
    channelAdapter.onTurnError = onTurnError;
  }
  adapter.use(new TeamsRendering()); // Teams only: its cards, text format and locale; other channels pass through
  adapter.use(teamsMentors.middleware); // Teams only: the mentors' channel and linked mentors' chats, never the newcomer side

  const server = createServer({ adapter, bot, metrics, logger, inFlight, readinessChecks, authenticated: !isEmulatorMode(config) });
  limitConcurrentRequests(server, config.MAX_CONCURRENT_REQUESTS);
  const whatsAppWebhook = registerWhatsAppWebhook(server, {
    channel: whatsApp && {
      adapter: whatsApp.adapter,
      store: whatsApp.store,
      inbox: whatsApp.inbox,
      appSecret: config.WHATSAPP_APP_SECRET!,
      verifyToken: config.WHATSAPP_VERIFY_TOKEN!,
      botId: config.WHATSAPP_PHONE_NUMBER_ID!,
      logic: (context) => bot.run(context),
      crashPoints,
    },
    inFlight,
    metrics,
    logger,
    storeAvailable: redis ? connectionState(redis) : undefined,
  });
  // Every instance takes over the kept WhatsApp messages of an instance that died before their turn ran.
  const inboxSweep = whatsApp?.inbox.durable
    ? setInterval(() => {
        whatsAppWebhook.recover().catch((error: Error) => logger.warn({ channel: 'whatsapp', err: { message: error.message } }, 'could not sweep the kept WhatsApp messages'));
      }, options.whatsAppInbox?.sweepMs ?? config.WHATSAPP_INBOX_SWEEP_MS)
    : undefined;
  inboxSweep?.unref();
  const consoleParts = createConsoleParts(config, redis);
  const endStreams = registerConsole(server, {
    auth: consoleParts.auth,
    handoffs: handoffs.service,
    events: handoffs.events,
    transcripts: transcripts.store,
    resources,
    logger,
    now: () => new Date(),
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    audit: records.audit,
    pseudonym,
  });

  registerConsoleVoice(server, { auth: consoleParts.auth, queue: handoffs.service.queue, media: voiceMedia, logger });

  registerStaffConsole(server, {
    auth: consoleParts.auth,
    people: personRecords,
    catalog: transcripts.catalog,
    transcripts: transcripts.store,
    queue: handoffs.service.queue,
    stats: records.stats,
    audit: records.audit,
    translator,
    pseudonym,
    logger,
    unanswered: unanswered.store,
  });
  registerUnansweredConsole(server, { auth: consoleParts.auth, store: unanswered.store, examplesChanged: () => unanswered.examplesChanged(), audit: records.audit, logger });
  registerAnswersConsole(server, {
    auth: consoleParts.auth,
    editor: new FaqAnswerEditor({ store: faqAnswers.store, resources, vars: { ...retentionDays(config) }, now: () => new Date() }),
    answersChanged: () => faqAnswers.changed(),
    translator,
    unanswered: unanswered.store,
    refit: refitCheck(resources),
    audit: records.audit,
    logger,
  });

  return {
    server,
    adapter,
    storage,
    metrics,
    inFlight,
    redis,
    handoffs,
    accounts: consoleParts.accounts,
    records,
    personRecords,
    transcripts,
    /** Moves keys from old names (see migrateKeyNames), then creates the configured first admin if it does not exist yet. */
    ready: async () => {
      if (redis) await migrateKeyNames({ redis, prefix: config.REDIS_KEY_PREFIX, digest: idDigest, logger });
      await unanswered.ready();
      await faqAnswers.ready();
      await ensureAdmin(config, consoleParts.accounts, logger);
    },
    close: async () => {
      clearInterval(inboxSweep);
      appendOnlyFile?.close();
      let abandoned = 0;
      if (!(await inFlight.drain(config.SHUTDOWN_GRACE_MS))) {
        // Turns not yet written stop at their write; those past it only deliver, and their outbox outlives us.
        gate.close();
        logger.warn({ inFlight: inFlight.size }, 'shutdown grace period passed: turns not yet written are abandoned at their write');
        const unwound = await inFlight.drain(ABANDON_WAIT_MS);
        // Still running at exit and not past their write (e.g. waiting for the conversation's lease): abandoned too.
        abandoned = gate.abandoned + (unwound ? 0 : Math.max(0, inFlight.size - gate.runningPastWrite));
      }
      endStreams();
      await teamsMentors.close();
      await unanswered.close();
      await faqAnswers.close();
      await handoffs.close();
      await whatsApp?.inbox.close().catch(() => undefined);
      if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis?.disconnect();
      return { abandoned };
    },
  };
}

/**
 * Created once per process: re-creating it per request would throw away its token cache. Its
 * Bot Connector clients are kept and reused across turns (per app id, audience and serviceUrl)
 * instead of being built anew, with a fresh HTTP pipeline and connection, for every turn.
 */
function createCloudAdapter(config: Config, injected?: BotFrameworkAuthentication): AdmittingCloudAdapter {
  const authentication =
    injected ??
    new ConfigurationBotFrameworkAuthentication(
      config.MicrosoftAppId
        ? {
            MicrosoftAppId: config.MicrosoftAppId,
            MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
            MicrosoftAppType: config.MicrosoftAppType,
            MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
          }
        : {}, // no app id: authentication off, as the Emulator expects
    );
  return new AdmittingCloudAdapter(new ReusableConnectorAuthentication(authentication));
}

function createWhatsApp(
  config: Config,
  redis: Redis | undefined,
  translator: Translator,
  logger: Logger,
  options: Pick<AppOptions, 'whatsAppGraph' | 'whatsAppInbox'>,
  onRelayDelivery: (failure: RelayFailure, delivery: 'template' | 'failed') => Promise<void>,
) {
  const store = redis
    ? new RedisWhatsAppStore(redis, config.REDIS_KEY_PREFIX, config.STATE_RETENTION_DAYS * DAY_SECONDS, idDigestFor(config))
    : new MemoryWhatsAppStore();
  const graph = new GraphClient({ baseUrl: config.WHATSAPP_GRAPH_URL, accessToken: config.WHATSAPP_ACCESS_TOKEN!, phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!, ...options.whatsAppGraph });
  const adapter = new WhatsAppAdapter({ graph, store, translator, defaultLanguage: config.DEFAULT_LANGUAGE, templateName: config.WHATSAPP_TEMPLATE_NAME, logger, onRelayDelivery });
  const inbox = redis
    ? new RedisWhatsAppInbox(redis, {
        prefix: config.REDIS_KEY_PREFIX,
        deadSeconds: config.STATE_RETENTION_DAYS * DAY_SECONDS,
        sweepMs: config.WHATSAPP_INBOX_SWEEP_MS,
        idleMs: config.WHATSAPP_INBOX_IDLE_MS,
        ...options.whatsAppInbox,
      })
    : new MemoryWhatsAppInbox();
  const media = new WhatsAppMedia({ baseUrl: config.WHATSAPP_GRAPH_URL, accessToken: config.WHATSAPP_ACCESS_TOKEN!, phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!, logger });
  return { adapter, store, inbox, media };
}

function turnErrorHandler(deps: {
  logger: Logger;
  metrics: Metrics;
  translator: Translator;
  config: Config;
  pseudonym: Pseudonymizer;
}) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    // Too many turns already wait for this conversation: no reply, the channel's edge answers 429
    // (the Bot Framework) or keeps the message for later (WhatsApp's inbox).
    if (error instanceof LockBusyError) throw error;
    const channel = context.activity.channelId ?? 'unknown';
    // Stopped before its write at shutdown: nothing to say; the failure makes the channel (or the inbox) deliver it again.
    if (error instanceof TurnAbandonedError) {
      deps.logger.info({ channel }, 'turn abandoned at shutdown before its write');
      throw error;
    }
    deps.metrics.turnErrors.inc({ channel });
    deps.logger.error(
      { channel, conversation: deps.pseudonym(context.activity.conversation?.id), err: { message: error.message, stack: error.stack } },
      'turn failed',
    );
    // A turn the bot started itself: the caller learns of the failure; the person asked nothing.
    if (isProactive(context)) return;
    const lng = languageFromLocale(context.activity.locale) ?? deps.config.DEFAULT_LANGUAGE;
    try {
      await context.sendActivity(markNotice(MessageFactory.text(deps.translator.t(lng, 'errors.tryAgain'))));
    } catch (sendError) {
      deps.logger.warn({ channel, err: { message: (sendError as Error).message } }, 'could not tell the person the turn failed');
    }
  };
}
