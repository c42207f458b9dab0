import { Activity, ActivityTypes, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';
import { SelfHostedAdapter } from '../../bot/selfHostedAdapter';
import type { Translator } from '../../i18n/translator';
import { Language, languageFromLocale } from '../../i18n/languages';
import type { Logger } from '../../logger';
import { GraphApiError, GraphClient } from './graphClient';
import type { InboundMessage, WhatsAppAddress } from './inbound';
import { GraphMessage, splitText, toGraphMessages } from './outbound';
import type { WhatsAppStore } from './whatsAppStore';
import { DELIVERY_NOTE, DeliveryNote } from '../../bot/deliveryNote';


const WINDOW_MS = 24 * 60 * 60 * 1000;
/** WhatsApp template language codes for ours; there are no Tigrinya templates, so English stands in. */
const TEMPLATE_LANGUAGE: Record<Language, string> = { nl: 'nl', en: 'en', ar: 'ar', tr: 'tr', fa: 'fa', ti: 'en' };

export interface WhatsAppAdapterDeps {
  graph: GraphClient;
  store: WhatsAppStore;
  translator: Translator;
  defaultLanguage: Language;
  /** An approved template ("a mentor answered you, reply to read it") sent when the window is closed. */
  templateName: string;
  logger: Logger;
  now?: () => Date;
}

const conversationIdOf = (personKey: string) => `whatsapp:${personKey}`;
const personKeyOf = (conversationId: string) => conversationId.replace(/^whatsapp:/, '');

/**
 * A Bot Framework adapter for the WhatsApp Business Cloud API. Incoming webhook messages become
 * turns; outgoing activities become Graph API messages (long text split, choices as reply buttons or
 * a list). Outside the 24-hour window, what the bot sends is held and an approved template tells the
 * person there is something to read; their next message opens the window and delivers it.
 */
export class WhatsAppAdapter extends SelfHostedAdapter {
  private readonly now: () => Date;

  constructor(private readonly deps: WhatsAppAdapterDeps) {
    super();
    this.now = deps.now ?? (() => new Date());
  }

  /** Runs the turn for one incoming message (dedupe and ordering are the webhook's job). */
  async process(message: InboundMessage, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.deps.store.touch(message.personKey, message.address, this.now());
    this.deps.graph.markRead(message.id, true).catch((error: Error) => this.warn('could not mark a message read', error));
    await this.deliverHeld(message.personKey, message.address);
    const activity = { ...message.activity, serviceUrl: 'whatsapp://graph' } as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const personKey = personKeyOf(context.activity.conversation.id);
    const person = await this.deps.store.person(personKey);
    if (!person) throw new Error('WhatsAppAdapter.sendActivities(): no WhatsApp address known for this conversation');
    const open = !!person.lastInboundAt && this.now().getTime() - Date.parse(person.lastInboundAt) < WINDOW_MS;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message) {
        responses.push({ id: '' }); // typing and the like: WhatsApp shows typing with the read receipt
        continue;
      }
      if (!open) {
        responses.push(await this.holdAndNotify(context, personKey, person.address, activity));
        continue;
      }
      try {
        let id = '';
        for (const message of toGraphMessages(activity, this.chooseLabel(activity))) id = await this.deps.graph.send(person.address, message);
        responses.push({ id });
      } catch (error) {
        if (!(error instanceof GraphApiError && error.windowClosed)) throw error;
        responses.push(await this.holdAndNotify(context, personKey, person.address, activity));
      }
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('WhatsAppAdapter.updateActivity(): WhatsApp messages cannot be changed once sent');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('WhatsAppAdapter.deleteActivity(): WhatsApp messages cannot be deleted by the bot');
  }

  /** The conversation reference for a person, for proactive messages. */
  static reference(personKey: string): Partial<ConversationReference> {
    return {
      channelId: 'whatsapp',
      serviceUrl: 'whatsapp://graph',
      conversation: { id: conversationIdOf(personKey), isGroup: false, conversationType: 'personal', name: '' },
      user: { id: personKey, name: '' },
      bot: { id: 'vit-bot', name: 'VIT Wegwijzer' },
    };
  }

  /** Holds the text until the person writes again; the first held message of a closed window sends the template. */
  private async holdAndNotify(context: TurnContext, personKey: string, address: WhatsAppAddress, activity: Partial<Activity>): Promise<ResourceResponse> {
    const held = await this.deps.store.hold(personKey, activity.text ?? '');
    context.turnState.set(DELIVERY_NOTE, 'template' satisfies DeliveryNote);
    if (held > 1) return { id: '' }; // the template already went out for this closed window
    const language = TEMPLATE_LANGUAGE[this.languageOf(activity)];
    const template: GraphMessage = { type: 'template', template: { name: this.deps.templateName, language: { code: language } } };
    return { id: await this.deps.graph.send(address, template) };
  }

  /** Sends what was held while the window was closed, now that the person wrote. */
  private async deliverHeld(personKey: string, address: WhatsAppAddress): Promise<void> {
    const held = await this.deps.store.takeHeld(personKey);
    for (const [i, text] of held.entries()) {
      try {
        for (const body of splitText(text)) await this.deps.graph.send(address, { type: 'text', text: { body, preview_url: false } });
      } catch (error) {
        for (const rest of held.slice(i)) await this.deps.store.hold(personKey, rest);
        this.warn('could not deliver held messages; kept for the next message', error as Error);
        return;
      }
    }
  }

  private languageOf(activity: Partial<Activity>): Language {
    return languageFromLocale(activity.locale) ?? this.deps.defaultLanguage;
  }

  private chooseLabel(activity: Partial<Activity>): string {
    return this.deps.translator.t(this.languageOf(activity), 'common:buttons.choose');
  }

  private warn(message: string, error: Error): void {
    this.deps.logger.warn({ channel: 'whatsapp', err: { message: error.message } }, message);
  }
}
