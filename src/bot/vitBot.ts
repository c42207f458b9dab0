import { ActivityHandler, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { ConversationRef } from '../domain/handoff';
import type { DialogState } from 'botbuilder-dialogs';
import type { PersonRecord } from '../domain/person';
import { Language, languageFromLocale } from '../i18n/languages';
import type { FunnelRecorder } from '../reporting/funnel';
import type { PeopleIndex } from '../people/peopleIndex';
import type { Journeys } from '../people/journeys';
import type { MainDialog } from '../../dialogs/mainDialog';
import { PersonEraser } from './personEraser';
import { HANDOFF_REQUESTED, HandoffRelay } from './handoffRelay';
import type { ConditionalTurn } from './conditionalTurn';
import type { VoiceConfirmation } from './voiceConfirmation';
import { TurnOutbox } from './turnOutbox';

/** How many conversation ids a person's record remembers for erasure. */
const MAX_TRACKED_CONVERSATIONS = 50;

export interface VitBotParts {
  conversationState: ConversationState;
  userState: UserState;
  person: StatePropertyAccessor<PersonRecord>;
  dialog: MainDialog;
  eraser: PersonEraser;
  relay: HandoffRelay;
  funnel: FunnelRecorder;
  people: PeopleIndex;
  /** Touched with the people index: a journey is kept as long as the person's state. */
  journeys?: Journeys;
  defaultLanguage: Language;
  now: () => Date;
  /** Runs the turn and saves its state conditionally (see ConditionalTurn). */
  turns: ConditionalTurn;
  /** Install and removal events of channels that send them (Teams); without, the Emulator's rule only. */
  installation?: InstallationEvents;
  /** Asks "I heard: «…» — is that right?" about a transcribed voice note before it counts. */
  voice?: VoiceConfirmation;
}

/** What an activity says about the bot in the person's chat: installed, removed, or neither. */
export type InstallationChange = 'installed' | 'removed' | 'none';

/** A channel's own signs that the bot was installed for a person or removed (Teams, personal chat). */
export interface InstallationEvents {
  /** Undefined when the activity's channel sends no such events: a person joining is the sign then. */
  change(context: TurnContext): InstallationChange | undefined;
  /** The bot was removed: the person can no longer be reached in this chat. Sends nothing. */
  removed(context: TurnContext): Promise<void>;
}

/**
 * The bot's entry point, a thin router: a person with an open mentor handoff talks to the mentor
 * (the relay); everyone else, and new members, go to the main dialog. At the end of the turn state
 * is saved, or, when the person asked for it, everything about them is erased.
 */
export class VitBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /** The handoff open during (or asked for in) the person's last message turn: a rating is taken only right after it. */
  private readonly lastHandoff: StatePropertyAccessor<string | undefined>;

  constructor(private readonly parts: VitBotParts) {
    super();
    this.dialogState = parts.conversationState.createProperty<DialogState>('dialogState');
    this.lastHandoff = parts.conversationState.createProperty<string | undefined>('lastHandoff');

    this.onMessage(async (context, next) => {
      const language = (await parts.person.get(context, {})).language;
      if (await parts.voice?.handle(context, language ?? languageFromLocale(context.activity.locale) ?? parts.defaultLanguage)) {
        await this.lastHandoff.delete(context); // this was the person's next message: a rating can no longer follow
        return next();
      }
      const previous = await this.lastHandoff.get(context);
      const relayed = await parts.relay.handle(context, language, previous);
      if (!relayed.handled) {
        if (relayed.continueWith) await this.dialogState.delete(context); // after the mentor: a fresh start at the menu
        await parts.dialog.run(context, this.dialogState, relayed.continueWith);
      }
      const seen = relayed.handoff ?? (context.turnState.get(HANDOFF_REQUESTED) as string | undefined);
      if (seen) await this.lastHandoff.set(context, seen);
      else if (previous !== undefined) await this.lastHandoff.delete(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.greetNewcomer(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greetNewcomer(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      await this.forgetChat(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forgetChat(context);
      await next();
    });
  }

  /** Starts the conversation when a person joins (Emulator), or once when the channel says the bot was installed for them. */
  private async greetNewcomer(context: TurnContext): Promise<void> {
    const change = this.parts.installation?.change(context);
    if (change === undefined) {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== botId)) await this.parts.dialog.run(context, this.dialogState);
      return;
    }
    // Teams tells of one install twice (conversationUpdate and installationUpdate): greet while nothing is under way.
    if (change === 'installed' && !(await this.dialogState.get(context))?.dialogStack?.length) await this.parts.dialog.run(context, this.dialogState);
  }

  /** The bot was removed from the person's chat: no more turns come from it; a new install starts afresh. */
  private async forgetChat(context: TurnContext): Promise<void> {
    const installation = this.parts.installation;
    if (installation?.change(context) !== 'removed') return;
    await installation.removed(context);
    await this.dialogState.delete(context);
  }

  override async run(context: TurnContext): Promise<void> {
    await this.parts.turns.run(context, async () => {
      const record = await this.parts.person.get(context, {});
      // "started" is counted when the person first chooses a language, in that language (LanguageDialog).
      if (!record.startedAt && context.activity.type === 'message') record.startedAt = this.parts.now().toISOString();
      await super.run(context);
      if (this.parts.eraser.isRequested(context)) {
        await this.parts.eraser.erase(PersonEraser.personOf(context, record), context.activity.conversation?.id, context);
        return false;
      }
      const conversationId = context.activity.conversation?.id;
      if (conversationId && !record.conversations?.includes(conversationId)) {
        record.conversations = [conversationId, ...(record.conversations ?? [])].slice(0, MAX_TRACKED_CONVERSATIONS);
      }
      // Before the write, so nothing after it needs Redis; a rerun only touches again.
      if (context.activity.from?.id) {
        // Their conversation is kept with the journey: the homework, a review and the decision reach them there.
        const ref = TurnContext.getConversationReference(context.activity) as unknown as ConversationRef;
        const person = { channelId: context.activity.channelId, userId: context.activity.from.id };
        const touch = async () => {
          await Promise.all([this.parts.people.touch(person.channelId, person.userId, this.parts.now()), this.parts.journeys?.touch(person, this.parts.now(), ref)]);
        };
        // Sent with the turn's write (one round trip) and waited for with it; without an outbox, now.
        const outbox = TurnOutbox.of(context);
        if (outbox) outbox.beforeSave(touch);
        else await touch();
      }
      return true;
    });
  }
}
