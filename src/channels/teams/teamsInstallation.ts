import type { Activity, TurnContext } from 'botbuilder';
import type { HandoffService } from '../../handoff/handoffService';
import type { Language } from '../../i18n/languages';
import type { Translator } from '../../i18n/translator';
import type { Logger, Pseudonymizer } from '../../logger';
import type { InstallationChange, InstallationEvents } from '../../bot/vitBot';
import { TEAMS_CHANNEL } from './teamsRendering';

/**
 * What a Teams activity says about the bot in a person's personal chat (undefined on other channels).
 * Installed: conversationUpdate with the bot among membersAdded (Teams may list the person too), or
 * installationUpdate "add". Removed: installationUpdate "remove" (or "remove-upgrade": an app update
 * took the bot out), or conversationUpdate with the bot among membersRemoved. "add-upgrade" is an app
 * update, not a new person. Team channels and group chats are never a newcomer's install.
 */
export function installationChange(activity: Partial<Activity>): InstallationChange | undefined {
  if (activity.channelId !== TEAMS_CHANNEL) return undefined;
  if (activity.conversation?.conversationType !== 'personal') return 'none';
  const botId = activity.recipient?.id;
  const isBot = (member: { id: string }) => member.id === botId;
  if (activity.type === 'installationUpdate') {
    if (activity.action === 'add') return 'installed';
    if (activity.action === 'remove' || activity.action === 'remove-upgrade') return 'removed';
    return 'none';
  }
  if (activity.type === 'conversationUpdate') {
    if (activity.membersRemoved?.some(isBot)) return 'removed';
    if (activity.membersAdded?.some(isBot)) return 'installed';
  }
  return 'none';
}

export interface TeamsInstallationDeps {
  handoffs: HandoffService;
  translator: Translator;
  /** The language of the note mentors read on the abandoned handoff. */
  mentorLanguage: Language;
  logger: Logger;
  pseudonym: Pseudonymizer;
}

/**
 * A newcomer's Teams personal chat coming and going. When the person removes the bot, it can no
 * longer write to them there: if they wait for a mentor (or talk with one), they leave the line, and
 * the handoff says why. Nothing else of theirs changes: their data is kept, and expires, as always.
 */
export class TeamsInstallation implements InstallationEvents {
  constructor(private readonly deps: TeamsInstallationDeps) {}

  change(context: TurnContext): InstallationChange | undefined {
    return installationChange(context.activity);
  }

  async removed(context: TurnContext): Promise<void> {
    const { activity } = context;
    const open = await this.deps.handoffs.queue.openFor(activity.channelId, activity.from.id);
    const left = open ? await this.deps.handoffs.leave(open, this.deps.translator.t(this.deps.mentorLanguage, 'teams:removedNote')) : undefined;
    this.deps.logger.info(
      {
        channel: activity.channelId,
        conversation: this.deps.pseudonym(activity.conversation?.id),
        person: this.deps.pseudonym(activity.from.id),
        handoff: open?.id,
        leftQueue: left?.ok === true,
      },
      'the bot was removed from a personal Teams chat',
    );
  }
}
