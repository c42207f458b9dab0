import { ActivityHandler, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { PersonRecord } from '../domain/person';
import { Language, languageFromLocale } from '../i18n/languages';
import type { FunnelRecorder } from '../reporting/funnel';
import type { PeopleIndex } from '../people/peopleIndex';
import type { MainDialog } from '../../dialogs/mainDialog';
import { PersonEraser } from './personEraser';
import type { HandoffRelay } from './handoffRelay';
import type { ConditionalTurn } from './conditionalTurn';

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
  defaultLanguage: Language;
  now: () => Date;
  /** Runs the turn and saves its state conditionally (see ConditionalTurn). */
  turns: ConditionalTurn;
}

/**
 * The bot's entry point, a thin router: a person with an open mentor handoff talks to the mentor
 * (the relay); everyone else, and new members, go to the main dialog. At the end of the turn state
 * is saved, or, when the person asked for it, everything about them is erased.
 */
export class VitBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly parts: VitBotParts) {
    super();
    this.dialogState = parts.conversationState.createProperty<DialogState>('dialogState');

    this.onMessage(async (context, next) => {
      const language = (await parts.person.get(context, {})).language;
      const relayed = await parts.relay.handle(context, language);
      if (!relayed.handled) {
        if (relayed.continueWith) await this.dialogState.delete(context); // after the mentor: a fresh start at the menu
        await parts.dialog.run(context, this.dialogState, relayed.continueWith);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== botId)) await parts.dialog.run(context, this.dialogState);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await this.parts.turns.run(context, async () => {
      const record = await this.parts.person.get(context, {});
      if (!record.startedAt && context.activity.type === 'message') {
        record.startedAt = this.parts.now().toISOString();
        await this.parts.funnel.record('started', record.language ?? languageFromLocale(context.activity.locale) ?? this.parts.defaultLanguage);
      }
      await super.run(context);
      if (this.parts.eraser.isRequested(context)) {
        await this.parts.eraser.erase(PersonEraser.personOf(context, record));
        return false;
      }
      const conversationId = context.activity.conversation?.id;
      if (conversationId && !record.conversations?.includes(conversationId)) {
        record.conversations = [conversationId, ...(record.conversations ?? [])].slice(0, MAX_TRACKED_CONVERSATIONS);
      }
      return true;
    });
    if (context.activity.from?.id && !this.parts.eraser.isRequested(context)) {
      await this.parts.people.touch(context.activity.channelId, context.activity.from.id, this.parts.now());
    }
  }
}
