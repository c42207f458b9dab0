import { ActivityHandler, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { PersonRecord } from '../domain/person';
import type { MainDialog } from '../../dialogs/mainDialog';
import { PersonEraser } from './personEraser';

/** How many conversation ids a person's record remembers for erasure. */
const MAX_TRACKED_CONVERSATIONS = 50;

/**
 * The bot's entry point, a thin router: messages and new members go to the main dialog; at the end
 * of the turn state is saved, or, when the person asked for it, everything about them is erased.
 */
export class VitBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly person: StatePropertyAccessor<PersonRecord>,
    private readonly dialog: MainDialog,
    private readonly eraser: PersonEraser,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');

    this.onMessage(async (context, next) => {
      await this.dialog.run(context, this.dialogState);
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
