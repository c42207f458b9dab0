import type { Server } from 'restify';
import { Config, isEmulatorMode } from '../config';
import { createServer } from '../server';
import { limitConcurrentRequests } from '../requestLimit';
import { connectionState } from '../storage/redisClient';
import { registerWhatsAppWebhook } from '../channels/whatsapp/whatsAppWebhook';
import { registerConsole } from '../console/consoleRoutes';
import { registerStaffConsole } from '../console/consoleStaffRoutes';
import { registerUnansweredConsole } from '../console/consoleUnansweredRoutes';
import { registerConsoleVoice } from '../console/consoleVoiceRoute';
import { registerNoticeRoutes } from '../console/consoleNoticeRoutes';
import { registerAnswersConsole } from '../console/consoleAnswersRoutes';
import { registerOidcRoutes } from '../console/consoleOidcRoutes';
import { createOidcParts } from '../console/createOidc';
import type { OidcSignIn } from '../console/oidcSignIn';
import { registerTranslationConsole } from '../console/consoleTranslationRoutes';
import { registerJourneyConsole } from '../console/consoleJourneyRoutes';
import { personCode } from '../console/personCode';
import { registerTalkConsole } from '../console/consoleTalkRoutes';
import { registerPartnerConsole } from '../console/consolePartnerRoutes';
import { slotNotice } from '../bot/slotNotice';
import { registerHomeworkConsole } from '../console/consoleHomeworkRoutes';
import { registerOutcomeConsole } from '../console/consoleOutcomeRoutes';
import { JourneyMessages } from '../people/journeyMessages';
import { registerHandoverConsole } from '../console/consoleHandoverRoutes';
import { CloseFollowUp, registerNotesConsole } from '../console/consoleNotesRoutes';
import { registerAccountConsole } from '../console/consoleAccountRoutes';
import { FaqAnswerEditor } from '../storage/faqAnswerEditor';
import { refitCheck } from '../nlu/refitCheck';
import { retentionDays } from '../bot/createBot';
import type { Infrastructure } from './infrastructure';
import type { Records } from './records';
import type { Channels } from './channels';
import type { HandoffParts } from './handoffs';
import type { TurnPipeline } from './turnPipeline';
import type { TimedWork } from './timedWork';
import { registerPoolConsole } from '../console/consolePoolRoutes';

/** The routes: /api/messages, health and metrics, the WhatsApp webhook, the console. */
export interface Http {
  server: Server;
  /** Ends the console's live-update streams (once the turns in flight are done). */
  endStreams(): void;
  /** Sign in with Microsoft, when configured. */
  oidc?: OidcSignIn;
}

export function createHttp(
  config: Config,
  infra: Infrastructure,
  records: Records,
  channels: Channels,
  handoffParts: HandoffParts,
  pipeline: TurnPipeline,
  timedWork?: TimedWork,
): Http {
  const { metrics, logger, inFlight, redis, pseudonym, translator } = infra;
  const { whatsApp } = channels;
  const handoffs = handoffParts.handoffs;
  const auth = records.consoleAuth;
  const { audit, stats } = records.records;

  const server = createServer({ adapter: channels.adapter, bot: pipeline.bot, metrics, logger, inFlight, readinessChecks: infra.readinessChecks, authenticated: !isEmulatorMode(config) });
  limitConcurrentRequests(server, config.MAX_CONCURRENT_REQUESTS);
  registerWhatsAppWebhook(server, {
    channel: whatsApp &&
      pipeline.whatsAppWorker && {
        inbox: whatsApp.inbox,
        worker: pipeline.whatsAppWorker,
        appSecret: config.WHATSAPP_APP_SECRET!,
        verifyToken: config.WHATSAPP_VERIFY_TOKEN!,
        botId: config.WHATSAPP_PHONE_NUMBER_ID!,
      },
    metrics,
    logger,
    storeAvailable: redis ? connectionState(redis) : undefined,
  });

  const notesDeps = {
    auth,
    queue: handoffs.service.queue,
    notes: handoffs.notes,
    pseudonym,
    logger,
    now: () => new Date(),
    timeZone: config.MENTOR_TIMEZONE,
    retentionDays: config.STATE_RETENTION_DAYS,
    audit,
  };
  const endStreams = registerConsole(server, {
    auth,
    handoffs: handoffs.service,
    events: handoffs.events,
    transcripts: records.transcripts.store,
    resources: infra.resources,
    logger,
    now: () => new Date(),
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    audit,
    pseudonym,
    readMarkers: handoffs.readMarkers,
    maxWaitMinutes: config.HANDOFF_MAX_WAIT_MINUTES,
    desk: handoffParts.handover.desk,
    followUps: new CloseFollowUp(notesDeps),
  });
  registerNotesConsole(server, notesDeps);
  registerHandoverConsole(server, {
    auth,
    accounts: records.accounts,
    desk: handoffParts.handover.desk,
    handoffs: handoffs.service,
    replies: handoffParts.handover.replies,
    audit,
    pseudonym,
    logger,
    now: () => new Date(),
  });
  const oidcParts = createOidcParts(config, redis, records.accounts, logger);
  registerOidcRoutes(server, { auth, ...oidcParts, secureCookie: config.CONSOLE_SECURE_COOKIE, trustedProxyHops: config.TRUSTED_PROXY_HOPS, logger });
  registerTranslationConsole(server, { auth, handoffs: handoffs.service, transcripts: records.transcripts.store, translation: records.translation.service, logger });
  registerAccountConsole(server, { auth, service: records.accountService, require2fa: config.CONSOLE_REQUIRE_2FA, logger });
  registerConsoleVoice(server, { auth, queue: handoffs.service.queue, media: channels.voiceMedia, logger });
  registerNoticeRoutes(server, { auth, queue: handoffs.service.queue, readMarkers: handoffs.readMarkers, typing: handoffs.typing, logger });
  registerStaffConsole(server, {
    auth,
    people: pipeline.personRecords,
    catalog: records.transcripts.catalog,
    transcripts: records.transcripts.store,
    queue: handoffs.service.queue,
    stats,
    audit,
    translator,
    pseudonym,
    logger,
    unanswered: records.unanswered.store,
    notes: handoffs.notes,
  });
  const journeyRecords = (people: Array<{ channelId: string; userId: string }>) => pipeline.personRecords.records(people);
  registerJourneyConsole(server, {
    auth,
    journeys: records.records.journeys,
    records: journeyRecords,
    queue: handoffs.service.queue,
    catalog: records.transcripts.catalog,
    audit,
    pseudonym,
    logger,
    now: () => new Date(),
    messages: new JourneyMessages({
      journeys: records.records.journeys,
      homework: records.records.homework,
      record: async (person) => (await journeyRecords([person]))[0],
      messenger: channels.messenger,
      translator,
      defaultLanguage: config.DEFAULT_LANGUAGE,
      logger,
      interviews: (seeker, now, limit) => records.records.talks.offer(seeker, now, limit, 'interview'),
      pool: timedWork?.pool,
    }),
    bookings: (person) => records.records.talks.store.bookingsOf(person),
    translation: records.translation.service,
  });
  registerPartnerConsole(server, {
    auth,
    partners: pipeline.partners,
    journeys: records.records.journeys,
    record: async (person) => (await journeyRecords([person]))[0],
    queue: handoffs.service.queue,
    catalog: records.transcripts.catalog,
    translator,
    audit,
    pseudonym,
    logger,
    now: () => new Date(),
  });
  if (timedWork) {
    registerPoolConsole(server, {
      auth,
      pool: timedWork.pool,
      records: journeyRecords,
      journey: (person) => records.records.journeys.of(person),
      upcomingTalk: (person) => records.records.talks.upcomingOf(person, new Date()),
      audit,
      pseudonym,
      logger,
      now: () => new Date(),
    });
  }
  const talks = records.records.talks;
  const personRecord = (p: { channelId: string; userId: string }) => pipeline.personRecords.record(p.channelId, p.userId);
  const slotNoticeDeps = { messenger: channels.messenger, translator, talks, record: personRecord, logger, now: () => new Date() };
  registerTalkConsole(server, {
    auth,
    talks,
    notices: records.records.talkNotices,
    record: personRecord,
    tellCancelled: slotNotice(slotNoticeDeps, 'cancelled'),
    tellMissed: slotNotice(slotNoticeDeps, 'missed'),
    audit,
    pseudonym,
    logger,
    now: () => new Date(),
  });
  // A mentor's open console (on any instance) hears of a new notice at once: the "My slots" tab's count follows.
  records.records.talkNotices.whenAdded(async (notice, mentorId) => {
    await handoffs.events.publish({ type: 'talk-notice', id: notice.slotId, at: notice.at, mentorId }).catch((error: Error) => logger.warn({ err: { message: error.message } }, 'could not tell an open console of a talk notice'));
  });
  // A mentor linked to Teams hears of bookings of their slots in their chat with the bot (the console shows them to every mentor).
  talks.listen(
    handoffParts.teamsMentors.bookingNotices(async (p) => {
      const name = (await personRecord(p))?.intake?.answers?.firstName;
      return typeof name === 'string' && name ? name : (personCode(pseudonym, p.channelId, p.userId) ?? '?');
    }, (account, p) => audit.record({ at: new Date().toISOString(), actor: account.username, role: account.role, action: 'notify-talk', target: pseudonym(`${p.channelId}/${p.userId}`) ?? '-' })),
  );
  registerOutcomeConsole(server, { auth, outcomes: records.records.outcomes, audit, logger, now: () => new Date() });
  registerHomeworkConsole(server, { auth, store: records.records.homework, defaultDays: config.JOURNEY_HOMEWORK_DAYS, audit, logger, now: () => new Date() });
  registerUnansweredConsole(server, { auth, store: records.unanswered.store, examplesChanged: () => records.unanswered.examplesChanged(), audit, logger, translator });
  registerAnswersConsole(server, {
    auth,
    editor: new FaqAnswerEditor({ store: records.faqAnswers.store, resources: infra.resources, vars: { ...retentionDays(config) }, now: () => new Date() }),
    answersChanged: () => records.faqAnswers.changed(),
    translator,
    unanswered: records.unanswered.store,
    refit: refitCheck(infra.resources),
    audit,
    logger,
  });

  return {
    server,
    endStreams,
    oidc: oidcParts.oidc,
  };
}
