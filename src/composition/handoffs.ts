import type { Config } from '../config';
import { createRedisClient } from '../storage/redisClient';
import { createHandoffs, Handoffs } from '../handoff/createHandoffs';
import { createTeamsMentors, TeamsMentors } from '../channels/teams/createTeamsMentors';
import type { Infrastructure } from './infrastructure';
import type { Records } from './records';
import type { Channels } from './channels';
import type { AppOptions } from './appOptions';
import { createHandover, Handover } from '../handover/createHandover';

/** Handing a person to a mentor: the queue, its events and service, and the mentors' side in Teams. */
export interface HandoffParts {
  handoffs: Handoffs;
  /** Handoff cards in the mentors' channel, Accept, and mentors' personal chats with the bot. */
  teamsMentors: TeamsMentors;
  /** Mentors' status and caps, and the canned replies staff write for them. */
  handover: Handover;
}

export function createHandoffParts(config: Config, infra: Infrastructure, records: Records, channels: Channels, options: Pick<AppOptions, 'mentorClock'> = {}): HandoffParts {
  const { redis, logger, translator } = infra;
  const handoffs = createHandoffs({
    config,
    redis,
    subscriber: config.REDIS_URL ? () => createRedisClient({ url: config.REDIS_URL!, cluster: config.REDIS_CLUSTER }, logger, 'events') : undefined,
    messenger: channels.messenger,
    translator,
    logger,
    funnel: records.records.funnel,
    // The conversation so far rides on handoff.initiate.
    transcripts: records.transcripts.store,
    // A mentor message WhatsApp reports as failed later is marked on its handoff (not delivered, or waiting behind the template).
    deliveryReports: channels.deliveryReports,
  });
  const handover = createHandover({ redis, prefix: config.REDIS_KEY_PREFIX, accounts: records.accounts, queue: handoffs.service.queue, now: options.mentorClock ?? (() => new Date()) });
  const teamsMentors = createTeamsMentors({ config, redis, adapter: channels.adapter, handoffs, accounts: records.accounts, linkRequests: records.teamsLinkRequests, translator, logger, withinCap: (account, take) => handover.desk.takeWithinCap(account, take) });
  return { handoffs, teamsMentors, handover };
}
