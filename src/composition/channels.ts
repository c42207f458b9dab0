import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Redis } from 'ioredis';
import { Config, whatsAppEnabled } from '../config';
import { AdmittingCloudAdapter } from '../bot/admittingCloudAdapter';
import { ReusableConnectorAuthentication } from '../bot/reusableConnectorAuthentication';
import { ProactiveMessenger } from '../bot/proactiveMessenger';
import { GraphClient } from '../channels/whatsapp/graphClient';
import { WhatsAppAdapter } from '../channels/whatsapp/whatsAppAdapter';
import { MemoryWhatsAppStore, RedisWhatsAppStore, WhatsAppStore } from '../channels/whatsapp/whatsAppStore';
import { MemoryWhatsAppInbox, RedisWhatsAppInbox, WhatsAppInbox } from '../channels/whatsapp/whatsAppInbox';
import { WhatsAppMedia } from '../channels/whatsapp/whatsAppMedia';
import { TeamsFileMedia } from '../channels/teams/teamsFileMedia';
import { DeliveryReportBus } from '../handoff/deliveryReports';
import { AppOptions, DAY_SECONDS } from './appOptions';
import type { Infrastructure } from './infrastructure';

export interface WhatsAppParts {
  adapter: WhatsAppAdapter;
  store: WhatsAppStore;
  inbox: WhatsAppInbox;
  media: WhatsAppMedia;
}

/** The adapters people talk through, and what the bot needs of them to speak first and to fetch voice notes. */
export interface Channels {
  /** Bot Framework: Teams, the Emulator and the test channel, on /api/messages. */
  adapter: AdmittingCloudAdapter;
  /** Only when WhatsApp is configured. */
  whatsApp?: WhatsAppParts;
  /** Sends to a person proactively, through the adapter of their channel. */
  messenger: ProactiveMessenger;
  /** What became of a mentor's message after it went out (WhatsApp's delivery statuses); the handoffs listen. */
  deliveryReports: DeliveryReportBus;
  /** Where voice notes are fetched from, per channel: files sent in Teams, WhatsApp's Graph API. */
  voiceMedia: { msteams: TeamsFileMedia; whatsapp?: WhatsAppMedia };
}

export function createChannels(config: Config, options: Pick<AppOptions, 'botAuthentication' | 'whatsAppGraph' | 'whatsAppInbox' | 'whatsAppClock'>, infra: Infrastructure): Channels {
  const adapter = createCloudAdapter(config, options.botAuthentication);
  const deliveryReports = new DeliveryReportBus();
  const whatsApp = whatsAppEnabled(config) ? createWhatsApp(config, infra, options, deliveryReports) : undefined;
  return {
    adapter,
    whatsApp,
    messenger: new ProactiveMessenger({ default: adapter, byChannel: whatsApp ? { whatsapp: whatsApp.adapter } : {} }, config.MicrosoftAppId ?? ''),
    deliveryReports,
    voiceMedia: { msteams: new TeamsFileMedia({ logger: infra.logger }), ...(whatsApp ? { whatsapp: whatsApp.media } : {}) },
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
  infra: Pick<Infrastructure, 'redis' | 'translator' | 'logger' | 'idDigest'>,
  options: Pick<AppOptions, 'whatsAppGraph' | 'whatsAppInbox' | 'whatsAppClock'>,
  deliveryReports: DeliveryReportBus,
): WhatsAppParts {
  const { translator, logger } = infra;
  const redis: Redis | undefined = infra.redis;
  const store = redis
    ? new RedisWhatsAppStore(redis, config.REDIS_KEY_PREFIX, config.STATE_RETENTION_DAYS * DAY_SECONDS, infra.idDigest)
    : new MemoryWhatsAppStore();
  const graph = new GraphClient({ baseUrl: config.WHATSAPP_GRAPH_URL, accessToken: config.WHATSAPP_ACCESS_TOKEN!, phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!, ...options.whatsAppGraph });
  const adapter = new WhatsAppAdapter({ graph, store, translator, defaultLanguage: config.DEFAULT_LANGUAGE, templateName: config.WHATSAPP_TEMPLATE_NAME, reminderTemplate: config.WHATSAPP_TEMPLATE_REMINDER, followUpTemplate: config.WHATSAPP_TEMPLATE_FOLLOWUP, logger, deliveryReports, now: options.whatsAppClock });
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
