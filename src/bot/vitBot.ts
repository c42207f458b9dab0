import { ActivityHandler, ConversationState, MessageFactory, TurnContext, UserState, StatePropertyAccessor } from 'botbuilder';
import type { Translator } from '../i18n/translator';
import { Language, languageFromLocale } from '../i18n/languages';

export interface PersonSettings {
  language?: Language;
}

const MENU_ITEMS = ['intake', 'faq', 'mentor', 'language', 'delete'] as const;

/**
 * The bot's entry point: greets in the person's language and shows the main menu.
 * A thin router; the conversation itself lives in dialogs.
 */
export class VitBot extends ActivityHandler {
  private readonly settings: StatePropertyAccessor<PersonSettings>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly translator: Translator,
    private readonly defaultLanguage: Language,
  ) {
    super();
    this.settings = userState.createProperty<PersonSettings>('settings');

    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.greet(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.greet(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  private async greet(context: TurnContext): Promise<void> {
    const settings = await this.settings.get(context, {});
    const lng = settings.language ?? languageFromLocale(context.activity.locale) ?? this.defaultLanguage;
    settings.language = lng;
    const t = (key: string) => this.translator.t(lng, key);
    await context.sendActivity(MessageFactory.text(t('greeting')));
    const buttons = MENU_ITEMS.map((item) => ({ type: 'imBack', title: t(`menu.${item}`), value: t(`menu.${item}`) }));
    await context.sendActivity(MessageFactory.suggestedActions(buttons, t('menu.prompt')));
  }
}
