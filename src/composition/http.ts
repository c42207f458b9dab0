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
import { registerAnswersConsole } from '../console/consoleAnswersRoutes';
import { registerAccountConsole } from '../console/consoleAccountRoutes';
import { FaqAnswerEditor } from '../storage/faqAnswerEditor';
import { refitCheck } from '../nlu/refitCheck';
import { retentionDays } from '../bot/createBot';
import type { Infrastructure } from './infrastructure';
import type { Records } from './records';
import type { Channels } from './channels';
import type { HandoffParts } from './handoffs';
import type { TurnPipeline } from './turnPipeline';

/** The routes: /api/messages, health and metrics, the WhatsApp webhook, the console. */
export interface Http {
  server: Server;
  /** Ends the console's live-update streams (once the turns in flight are done). */
  endStreams(): void;
}

export function createHttp(
  config: Config,
  infra: Infrastructure,
  records: Records,
  channels: Channels,
  handoffParts: HandoffParts,
  pipeline: TurnPipeline,
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
  });
  registerAccountConsole(server, { auth, service: records.accountService, require2fa: config.CONSOLE_REQUIRE_2FA, logger });
  registerConsoleVoice(server, { auth, queue: handoffs.service.queue, media: channels.voiceMedia, logger });
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
  });
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
  };
}
