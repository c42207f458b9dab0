import { ActivityHandler, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { PersonRecord } from '../domain/person';
import type { MainDialog } from '../../dialogs/mainDialog';
import { PersonEraser } from './personEraser';
import type { HandoffRelay } from './handoffRelay';

/** How many conversation ids a person's record remembers for erasure. */
const MAX_TRACKED_CONVERSATIONS = 50;

/**
 * The bot's entry point, a thin router: a person with an open mentor handoff talks to the mentor
 * (the relay); everyone else, and new members, go to the main dialog. At the end of the turn state
 * is saved, or, when the person asked for it, everything about them is erased.
 */
export class VitBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly person: StatePropertyAccessor<PersonRecord>,
    private readonly dialog: MainDialog,
    private readonly eraser: PersonEraser,
    private readonly relay: HandoffRelay,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');

    this.onMessage(async (context, next) => {
      const language = (await this.person.get(context, {})).language;
      const relayed = await this.relay.handle(context, language);
      if (!relayed.handled) {
        if (relayed.continueWith) await this.dialogState.delete(context); // after the mentor: a fresh start at the menu
        await this.dialog.run(context, this.dialogState, relayed.continueWith);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== botId)) await this.dialog.run(context, this.dialogState);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    const record = await this.person.get(context, {});
    if (this.eraser.isRequested(context)) {
      await this.eraser.erase(PersonEraser.personOf(context, record));
      return;
    }
    const conversationId = context.activity.conversation?.id;
    if (conversationId && !record.conversations?.includes(conversationId)) {
      record.conversations = [conversationId, ...(record.conversations ?? [])].slice(0, MAX_TRACKED_CONVERSATIONS);
    }
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}
