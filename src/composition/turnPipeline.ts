import { MessageFactory, TurnContext } from 'botbuilder';
import { Config, speechEnabled } from '../config';
import type { PersonRecord } from '../domain/person';
import type { PersonDataHolder } from '../domain/personData';
import { PERSON_PROPERTY, userStateKey } from '../storage/botStateKeys';
import { PartnerReferrals } from '../people/partnerReferrals';
import { LockBusyError } from '../storage/conversationLocks';
import { createBot, createPersonEraser } from '../bot/createBot';
import type { VitBot } from '../bot/vitBot';
import type { PersonEraser } from '../bot/personEraser';
import { LongTextMiddleware } from '../bot/longText';
import { LocaleStampMiddleware } from '../bot/localeStampMiddleware';
import { TurnMetricsMiddleware } from '../bot/turnMetricsMiddleware';
import { HandoffGuardMiddleware } from '../bot/handoffGuardMiddleware';
import { markNotice } from '../bot/relayMark';
import { isProactive, TurnLockMiddleware } from '../bot/turnLockMiddleware';
import { SavedTurnMiddleware } from '../bot/savedTurnMiddleware';
import { prefetchOpenHandoff } from '../bot/openHandoffPrefetch';
import { TurnAbandonedError } from '../bot/shutdownGate';
import { StoreUnansweredRecorder } from '../bot/unansweredRecorder';
import { VoiceNoteMiddleware } from '../bot/voiceNoteMiddleware';
import { TeamsRendering } from '../channels/teams/teamsRendering';
import { WhatsAppInboxWorker } from '../channels/whatsapp/whatsAppInboxWorker';
import { TeamsInstallation } from '../channels/teams/teamsInstallation';
import { PersonRecords } from '../people/personRecords';
import { AzureSpeechToText } from '../speech/azureSpeechToText';
import { homeworkReminders } from '../reminders/homeworkReminders';
import { languageFromLocale } from '../i18n/languages';
import type { AppOptions } from './appOptions';
import type { Infrastructure } from './infrastructure';
import type { Records } from './records';
import type { Channels } from './channels';
import type { HandoffParts } from './handoffs';
import type { TimedWork } from './timedWork';

/**
 * The bot and the middleware every channel's turn runs through, with erasure over everything that
 * holds a person's data, and the WhatsApp inbox worker that feeds the bot its kept messages.
 */
export interface TurnPipeline {
  bot: VitBot;
  eraser: PersonEraser;
  /** A person's records for staff: export, erasure, what is kept. */
  personRecords: PersonRecords;
  /** The referral of selected people to partners (consent in the chat, the partner's steps, the person told). */
  partners: PartnerReferrals;
  /** Runs the turns of kept WhatsApp messages after the webhook's 200, and sweeps up what others left. */
  whatsAppWorker?: WhatsAppInboxWorker;
}

export function createTurnPipeline(
  config: Config,
  options: Pick<AppOptions, 'speech' | 'voiceTimeoutMs' | 'whatsAppInbox'>,
  infra: Infrastructure,
  records: Records,
  channels: Channels,
  handoffParts: HandoffParts,
  timedWork: TimedWork,
): TurnPipeline {
  const { storage, userState, journal, metrics, logger, pseudonym, translator } = infra;
  const { transcripts, unanswered } = records;
  const { whatsApp } = channels;
  const handoffs = handoffParts.handoffs.service;

  const personRecord = async (p: { channelId: string; userId: string }) => (await storage.read([userStateKey(p.channelId, p.userId)]))[userStateKey(p.channelId, p.userId)]?.[PERSON_PROPERTY] as PersonRecord | undefined;
  const partners = new PartnerReferrals({
    store: records.records.partnerFiles,
    partners: config.PARTNERS,
    journey: (p) => records.records.journeys.of(p),
    record: personRecord,
    reach: (p) => records.records.journeys.reach(p),
    messenger: channels.messenger,
    translator,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    outcomes: records.records.outcomeSteps,
    logger,
  });
  const holders: PersonDataHolder[] = [
    partners.holder, // their consent to share, referral and the partner's steps
    transcripts.holder,
    unanswered.holder,
    records.records.journeys.holder,
    timedWork.reminders.holder, // their planned reminders, their "stop reminders", how to reach them
    timedWork.pool.holder, // their consent to follow-up, their check-ins (the planned one cancelled)
    records.records.talks.holder,
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
  holders.push(handoffParts.teamsMentors.holder);
  holders.push(records.translation.holder); // the translations of their messages kept for the console
  // Mentors' private notes and follow-ups on the person's handoffs go with them.
  holders.push({ erase: async (p) => void (await handoffParts.handoffs.notes.erasePerson(p)) });
  // Erasure takes the leases of the person's conversations, so no running turn writes their state back.
  const appendOnlyFile = infra.appendOnlyFile;
  const eraser = createPersonEraser(storage, handoffs, records.records.people, holders, infra.locks, appendOnlyFile && (() => appendOnlyFile.afterErasure()));
  // Replies of a saved turn that could not go out now: they stay in the outbox and go out with the next delivery.
  const onUndelivered = (context: TurnContext, error?: Error) => {
    const channel = context.activity.channelId ?? 'unknown';
    metrics.turnsUndelivered.inc({ channel });
    logger.warn({ channel, conversation: pseudonym(context.activity.conversation?.id), err: error && { message: error.message } }, 'replies of a saved turn are not all delivered yet; kept for the next delivery');
  };
  const person = userState.createProperty<PersonRecord>(PERSON_PROPERTY);
  const bot = createBot({
    storage,
    conversationState: infra.conversationState,
    userState,
    translator: records.faqAnswers.translator,
    config,
    recognizer: records.recognizer,
    handoffs,
    eraser,
    funnel: records.records.funnel,
    outcomes: records.records.outcomeSteps,
    people: records.records.people,
    journeys: records.records.journeys,
    reminders: timedWork.reminders,
    talks: records.records.talks,
    partners,
    pool: timedWork.pool,
    onTurnRetry: () => metrics.turnRetries.inc(),
    journal,
    gate: infra.gate,
    crashPoints: infra.crashPoints,
    onUndelivered,
    installation: new TeamsInstallation({ handoffs, translator, mentorLanguage: config.DEFAULT_LANGUAGE, logger, pseudonym }),
    unanswered: new StoreUnansweredRecorder({ store: unanswered.store, person, pseudonym, logger, now: () => new Date() }),
  });
  const personRecords = new PersonRecords({
    storage,
    people: records.records.people,
    catalog: transcripts.catalog,
    transcripts: transcripts.store,
    queue: handoffs.queue,
    eraser,
    whatsApp: whatsApp?.store,
    translations: records.translation,
    journeys: records.records.journeys,
    talks: records.records.talks.store,
    handoffNotes: handoffParts.handoffs.notes,
    reminders: timedWork.reminders,
    partners: records.records.partnerFiles,
    pool: timedWork.pool,
  });
  // The homework's deadline reminders follow the journey (given, handed in, a new date), in the person's language.
  records.records.journeys.listen(
    homeworkReminders({
      reminders: timedWork.reminders,
      reach: (p) => records.records.journeys.reach(p),
      language: async (p) => (await personRecords.record(p.channelId, p.userId))?.language,
      defaultLanguage: config.DEFAULT_LANGUAGE,
    }),
    (error) => logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'the homework\u2019s reminders could not be planned'),
  );

  const onTurnError = turnErrorHandler(config, infra);
  const speech = options.speech ?? (speechEnabled(config) ? new AzureSpeechToText({ key: config.SPEECH_KEY!, region: config.SPEECH_REGION!, endpoint: config.SPEECH_ENDPOINT, logger }) : undefined);
  // Each adapter fetches only its own channel's media: an activity on /api/messages that calls itself
  // "whatsapp" must not make the server fetch WhatsApp media with the Graph API token.
  const voiceNotesFor = (media: ConstructorParameters<typeof VoiceNoteMiddleware>[0]['media']) =>
    new VoiceNoteMiddleware({ speech, media, storage, timeoutMs: options.voiceTimeoutMs, metrics });
  // A person's message: their states and open handoff are read with the journal's look-up (one round trip).
  // `again`: what a prefetch read before the lease was this turn's is replaced.
  const preloadTurn = (context: TurnContext, again: boolean) =>
    context.activity.type === 'message'
      ? Promise.all([infra.conversationState.load(context, again), userState.load(context, again), prefetchOpenHandoff(context, handoffs.queue)])
      : Promise.resolve();
  const adapters = [
    { adapter: channels.adapter, media: { msteams: channels.voiceMedia.msteams } },
    ...(whatsApp ? [{ adapter: whatsApp.adapter, media: { whatsapp: whatsApp.media } }] : []),
  ];
  for (const { adapter, media } of adapters) {
    adapter.use(new TurnMetricsMiddleware(metrics));
    // First after the metrics: one turn per conversation at a time, and its outbox before anyone else's handlers.
    // Under the lease: a saved turn's unsent replies go out first; an activity already handled ends there.
    const savedTurns = new SavedTurnMiddleware(journal, onUndelivered, (context) => metrics.turnsRepeated.inc({ channel: context.activity.channelId ?? 'unknown' }), preloadTurn);
    // On one Redis the turn's first reads go right behind the lease's first try (one round trip); a
    // cluster sends each slot's commands to its own node, so there they wait for the lease (and in memory there is no trip to save).
    const prefetch = config.REDIS_URL && !config.REDIS_CLUSTER ? (context: TurnContext) => savedTurns.prefetch(context) : undefined;
    adapter.use(new TurnLockMiddleware(infra.locks, metrics, prefetch));
    adapter.use(savedTurns);
    // Before the transcript logger, so a voice note is logged with its transcript (the audio never is).
    adapter.use(voiceNotesFor(media));
    // The transcript logger comes before the guard, so what the guard holds back is not logged either.
    adapter.use(transcripts.middleware);
    adapter.use(new HandoffGuardMiddleware(handoffs.queue));
    adapter.use(new LocaleStampMiddleware(person));
    adapter.use(new LongTextMiddleware(translator, config.DEFAULT_LANGUAGE, person));
    adapter.onTurnError = onTurnError;
  }
  channels.adapter.use(new TeamsRendering()); // Teams only: its cards, text format and locale; other channels pass through
  channels.adapter.use(handoffParts.teamsMentors.middleware); // Teams only: the mentors' channel and linked mentors' chats, never the newcomer side

  // After the webhook's 200: the kept messages' turns, their acknowledgement, and every instance
  // taking over what an instance that died left behind.
  const whatsAppWorker =
    whatsApp &&
    new WhatsAppInboxWorker({
      adapter: whatsApp.adapter,
      store: whatsApp.store,
      inbox: whatsApp.inbox,
      logic: (context) => bot.run(context),
      inFlight: infra.inFlight,
      metrics,
      logger,
      sweepMs: options.whatsAppInbox?.sweepMs ?? config.WHATSAPP_INBOX_SWEEP_MS,
      crashPoints: infra.crashPoints,
    });
  whatsAppWorker?.start();

  return { bot, eraser, personRecords, partners, whatsAppWorker };
}

function turnErrorHandler(config: Config, deps: Pick<Infrastructure, 'logger' | 'metrics' | 'translator' | 'pseudonym'>) {
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
    const lng = languageFromLocale(context.activity.locale) ?? config.DEFAULT_LANGUAGE;
    try {
      await context.sendActivity(markNotice(MessageFactory.text(deps.translator.t(lng, 'errors.tryAgain'))));
    } catch (sendError) {
      deps.logger.warn({ channel, err: { message: (sendError as Error).message } }, 'could not tell the person the turn failed');
    }
  };
}
