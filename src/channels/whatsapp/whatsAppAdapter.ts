import { Activity, ActivityTypes, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';
import { SelfHostedAdapter } from '../../bot/selfHostedAdapter';
import type { Translator } from '../../i18n/translator';
import { Language, languageFromLocale } from '../../i18n/languages';
import type { Logger } from '../../logger';
import { GRAPH_ERRORS, GraphApiError, GraphClient } from './graphClient';
import type { InboundMessage, InboundStatus, WhatsAppAddress } from './inbound';
import { GraphMessage, splitText, toGraphMessages } from './outbound';
import type { SentRelay, WhatsAppStore } from './whatsAppStore';
import { DELIVERY_NOTE, DeliveryNote, handoffMessageOf } from '../../handoff/deliveryNote';
import type { DeliveryReports } from '../../handoff/deliveryReports';
import type { HandoffDelivery } from '../../domain/handoff';
import { isRelay } from '../../bot/relayMark';
import { TurnOutbox } from '../../bot/turnOutbox';
import { reminderTemplateOf, reminderValuesOf } from '../../reminders/reminderMark';

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
  /** An approved utility template for a reminder (body: {{1}} the time, {{2}} the link), sent instead of a reminder's text when the window is closed. */
  reminderTemplate?: string;
  /** The approved utility template of a talent-pool check-in outside the window (WHATSAPP_TEMPLATE_FOLLOWUP). */
  followUpTemplate?: string;
  logger: Logger;
  now?: () => Date;
  /**
   * Where a mentor's message WhatsApp accepted but then could not deliver (a failed delivery status)
   * is reported, so the mentors can see it: 'template' when the window had closed (it is held here
   * and the template sent), 'failed' for anything else.
   */
  deliveryReports?: DeliveryReports;
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

  /**
   * Runs the turn for one incoming message (ordering is the conversation lease's job, in the
   * middleware; handling a message once the turn journal's). `delivered` is false when replies of a
   * saved turn are still in its outbox: the message is to be delivered again later, which sends them
   * and runs nothing again. Before the lease only the person's window is noted, the same step for
   * every message, so a person's messages ask for the lease in the order they were started.
   */
  async process(message: InboundMessage, logic: (context: TurnContext) => Promise<void>): Promise<{ delivered: boolean }> {
    await this.deps.store.touch(message.personKey, message.address, this.now());
    const activity = { ...message.activity, serviceUrl: 'whatsapp://graph' } as Activity;
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, async (ctx) => {
      // Under the lease, and only when the turn really runs (not for a message handled before): what
      // was held while the window was closed goes out first, then the message is read (WhatsApp
      // shows typing) and answered.
      await this.deliverHeld(message.personKey, message.address);
      this.deps.graph.markRead(message.id, true).catch((error: Error) => this.warn('could not mark a message read', error));
      await logic(ctx);
    });
    return { delivered: !TurnOutbox.of(context)?.undelivered };
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const personKey = personKeyOf(context.activity.conversation.id);
    const person = await this.deps.store.person(personKey);
    if (!person) throw new Error('WhatsAppAdapter.sendActivities(): no WhatsApp address known for this conversation');
    const open = !!person.lastInboundAt && this.now().getTime() - Date.parse(person.lastInboundAt) < WINDOW_MS;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message) {
        // A mentor typing in the console: WhatsApp shows typing with the read receipt of the person's last message.
        const readMessageId = (activity.channelData as { readMessageId?: unknown } | undefined)?.readMessageId;
        if (activity.type === ActivityTypes.Typing && isRelay(activity) && typeof readMessageId === 'string' && open) await this.deps.graph.markRead(readMessageId, true);
        responses.push({ id: '' }); // typing and the like: WhatsApp shows typing with the read receipt
        continue;
      }
      const reminder = reminderValuesOf(activity);
      if (!open && reminder && this.deps.reminderTemplate) {
        responses.push({ id: await this.sendReminderTemplate(person.address, activity, reminder) });
        continue;
      }
      if (!open) {
        responses.push(await this.holdAndNotify(context, personKey, person.address, activity));
        continue;
      }
      try {
        let id = '';
        for (const message of toGraphMessages(activity, this.chooseLabel(activity))) {
          id = await this.deps.graph.send(person.address, message);
          // A mentor's message can still fail after the Graph API took it: keep what it was until the status comes.
          if (isRelay(activity) && id) await this.remember(id, { personKey, text: activity.text ?? '', locale: activity.locale, ...handoffMessageOf(activity) });
        }
        responses.push({ id });
      } catch (error) {
        if (!(error instanceof GraphApiError && error.windowClosed)) throw error;
        if (reminder && this.deps.reminderTemplate) {
          responses.push({ id: await this.sendReminderTemplate(person.address, activity, reminder) });
          continue;
        }
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

  /**
   * A delivery status from the webhook. A mentor's message that failed because the window had closed
   * is held and the template sent, as if the send itself had failed; other failures are reported.
   */
  async onStatus(status: InboundStatus): Promise<void> {
    if (status.status === 'sent') return;
    const sent = await this.deps.store.takeSent(status.messageId);
    if (!sent || status.status !== 'failed') return;
    this.deps.logger.warn({ channel: 'whatsapp', code: status.errorCode }, 'WhatsApp could not deliver a mentor message');
    if (status.errorCode === GRAPH_ERRORS.windowClosed) {
      const person = await this.deps.store.person(sent.personKey);
      if (person) {
        try {
          await this.hold(sent.personKey, person.address, sent.text, sent.locale);
          await this.report(sent, 'template');
          return;
        } catch (error) {
          this.warn('could not send the template for a message that failed', error as Error);
        }
      }
    }
    await this.report(sent, 'failed');
  }

  private async report(sent: SentRelay, delivery: HandoffDelivery): Promise<void> {
    const { handoffId, at } = sent;
    if (!handoffId || !at) return; // not sent for a handoff: nothing to mark
    try {
      await this.deps.deliveryReports?.report({ handoffId, at, text: sent.text, delivery });
    } catch (error) {
      this.warn('could not record what became of a mentor message', error as Error);
    }
  }

  private async remember(id: string, sent: SentRelay): Promise<void> {
    try {
      await this.deps.store.rememberSent(id, sent);
    } catch (error) {
      this.warn('could not remember a sent message for its delivery status', error as Error);
    }
  }

  /** Holds the text until the person writes again and notes it in the turn, for the handoff to record. */
  private async holdAndNotify(context: TurnContext, personKey: string, address: WhatsAppAddress, activity: Partial<Activity>): Promise<ResourceResponse> {
    const id = await this.hold(personKey, address, activity.text ?? '', activity.locale);
    context.turnState.set(DELIVERY_NOTE, 'template' satisfies DeliveryNote);
    return { id };
  }

  /**
   * The template goes out once per closed window, before the first text is held: a text counts as
   * held only when the person was told there is something to read. If the template fails, nothing is
   * held, the send fails, and the next message tries the template again.
   */
  private async hold(personKey: string, address: WhatsAppAddress, text: string, locale: string | undefined): Promise<string> {
    let id = '';
    if ((await this.deps.store.heldCount(personKey)) === 0) {
      const language = TEMPLATE_LANGUAGE[this.languageOf({ locale })];
      const template: GraphMessage = { type: 'template', template: { name: this.deps.templateName, language: { code: language } } };
      id = await this.deps.graph.send(address, template);
    }
    await this.deps.store.hold(personKey, text);
    return id;
  }

  /** A reminder outside the window: the approved template in the person's language, with the reminder's values; nothing is held. */
  private sendReminderTemplate(address: WhatsAppAddress, activity: Partial<Activity>, values: string[]): Promise<string> {
    const template: GraphMessage = {
      type: 'template',
      template: {
        name: reminderTemplateOf(activity) === 'followup' && this.deps.followUpTemplate ? this.deps.followUpTemplate : this.deps.reminderTemplate,
        language: { code: TEMPLATE_LANGUAGE[this.languageOf(activity)] },
        components: [{ type: 'body', parameters: values.map((text) => ({ type: 'text', text })) }],
      },
    };
    return this.deps.graph.send(address, template);
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
