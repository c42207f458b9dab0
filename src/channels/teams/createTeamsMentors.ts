import type { Middleware } from 'botbuilder';
import type { Redis } from 'ioredis';
import { idDigestFor } from '../../storage/idDigest';
import type { Config } from '../../config';
import type { Account, AccountStore } from '../../accounts/accountStore';
import type { TeamsLinkRequests } from '../../accounts/teamsLinkRequests';
import type { Handoffs } from '../../handoff/createHandoffs';
import type { PersonDataHolder } from '../../domain/personData';
import type { Translator } from '../../i18n/translator';
import type { Language } from '../../i18n/languages';
import type { Logger } from '../../logger';
import { HandoffCards } from './handoffCards';
import { MentorChannel, MemoryMentorChannelStore, RedisMentorChannelStore } from './mentorChannelStore';
import { MemoryMentorChatStore, RedisMentorChatStore } from './mentorChatStore';
import { MentorChannelActions } from './mentorChannelActions';
import { MentorChats } from './mentorChats';
import { TeamsAdapter, TeamsConversations } from './teamsConversations';
import { TeamsMentorMiddleware } from './teamsMentorMiddleware';
import { talkNoticesInTeams } from './talkNoticesInTeams';
import type { BookingEvents } from '../../people/mentorTalks';
import type { SlotPerson } from '../../people/slotStore';

const DAY_SECONDS = 24 * 60 * 60;

export interface TeamsMentors {
  /** Goes on the CloudAdapter: takes mentors' Teams traffic before the newcomer side. */
  middleware: Middleware;
  /** Empties a person's handoff cards in Teams when their data is erased. */
  holder: PersonDataHolder;
  cards: HandoffCards;
  /** Tells a mentor linked to Teams of a booking of their slot (and of a cancellation by the person), in their chat with the bot. */
  bookingNotices(who: (person: SlotPerson) => Promise<string>, told: (account: Account, person: SlotPerson) => Promise<void>): BookingEvents;
  /** Posts a short notice in the mentors' channel, in its language (false when no channel is known). No personal data beyond a first name or a pseudonym. */
  notify(text: (language: Language) => string): Promise<boolean>;
  /** Stops listening to handoff events; resolves when the work already started is done. */
  close(): Promise<void>;
}

/**
 * Mentors in Microsoft Teams: handoff cards in the mentors' channel (posted and kept up to date from
 * the handoff events, one instance per event), Accept, and the mentor's personal chat with the bot.
 * Stores in Redis when there is one, else in memory.
 */
export function createTeamsMentors(deps: {
  config: Config;
  redis?: Redis;
  adapter: TeamsAdapter;
  handoffs: Handoffs;
  /** The console's accounts: which Teams user is which mentor. */
  accounts: AccountStore;
  /** Runs a take within the mentor's cap (Accept is refused at the cap). */
  withinCap?: <T>(account: Account, take: () => Promise<T>) => Promise<T | 'at-capacity' | 'busy'>;
  /** Where a mentor's "link me" goes, for an admin on the accounts page. */
  linkRequests?: TeamsLinkRequests;
  translator: Translator;
  logger: Logger;
}): TeamsMentors {
  const { config, redis, logger, translator } = deps;
  const ttlSeconds = config.STATE_RETENTION_DAYS * DAY_SECONDS;
  const channelStore = redis ? new RedisMentorChannelStore(redis, config.REDIS_KEY_PREFIX, ttlSeconds, idDigestFor(config)) : new MemoryMentorChannelStore();
  const chatStore = redis ? new RedisMentorChatStore(redis, config.REDIS_KEY_PREFIX, ttlSeconds) : new MemoryMentorChatStore();
  const conversations = new TeamsConversations(deps.adapter, config.MicrosoftAppId ?? '');
  const service = deps.handoffs.service;

  const cards = new HandoffCards({ store: channelStore, conversations, queue: service.queue, translator, configuredChannel: configuredChannel(config), logger });
  const chats = new MentorChats({ handoffs: service, chats: chatStore, channelStore, conversations, accounts: () => deps.accounts, translator, defaultLanguage: config.DEFAULT_LANGUAGE, consoleUrl: config.CONSOLE_PUBLIC_URL, logger });
  const actions = new MentorChannelActions({ handoffs: service, cards, chats, store: channelStore, translator, defaultLanguage: config.DEFAULT_LANGUAGE, logger, withinCap: deps.withinCap });

  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  const unsubscribe = deps.handoffs.events.subscribe((event) => {
    track(cards.onEvent(event));
    track(chats.onEvent(event).catch((error: Error) => logger.warn({ handoff: event.id, err: { message: error.message } }, 'could not tell a mentor in Teams about their conversation')));
  });

  return {
    middleware: new TeamsMentorMiddleware({ accounts: () => deps.accounts, actions, chats, logger, linkRequests: deps.linkRequests, translator, defaultLanguage: config.DEFAULT_LANGUAGE }),
    holder: cards,
    cards,
    bookingNotices: (who, told) => talkNoticesInTeams({ accounts: () => deps.accounts, chats, who, told, consoleUrl: config.CONSOLE_PUBLIC_URL, logger }),
    notify: async (text) => {
      const channel = await cards.channel();
      if (!channel) return false;
      const language = channel.language;
      await conversations.postToChannel(channel, { type: 'message', text: text(language), locale: language });
      return true;
    },
    close: async () => {
      unsubscribe();
      await Promise.all([...pending]);
    },
  };
}

/** TEAMS_MENTOR_CHANNEL_ID, when set: the channel until an admin chooses one with "/mentors-here". */
function configuredChannel(config: Config): MentorChannel | undefined {
  if (!config.TEAMS_MENTOR_CHANNEL_ID) return undefined;
  return {
    channelId: config.TEAMS_MENTOR_CHANNEL_ID,
    tenantId: config.MicrosoftAppTenantId,
    serviceUrl: config.TEAMS_SERVICE_URL,
    bot: { id: `28:${config.MicrosoftAppId ?? ''}` },
    language: config.DEFAULT_LANGUAGE,
  };
}
