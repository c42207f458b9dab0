import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { FakeConnector } from './fakeConnector';
import { postActivity } from './testApp';
import { waitFor } from './consoleClient';

/*
 * Activities shaped as Microsoft documents what Teams sends to a bot in a personal chat
 * (learn.microsoft.com/microsoftteams/platform: "Conversation events in your Teams bot" for
 * conversationUpdate and installationUpdate, "Card actions" for messageBack): personal conversation
 * "a:…" with the tenant, the person as "29:…" with an AAD object id, the bot as "28:<app id>",
 * channelData.tenant, a clientInfo entity with the locale.
 */
export const TENANT = 'b28fdbfd-2b78-4f93-b0f8-8881793f0f8f';
export const BOT = { id: '28:6a1d7a4e-3c2b-4f0e-9d8a-5b7c2e1f0a9d', name: 'VIT Wegwijzer' };
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export type Reply = Partial<Activity> & { conversationId: string };
export interface CardButton {
  type: string;
  title: string;
  data: { choice?: string; msteams: { type: string; displayText: string; text: string; value: unknown } };
}

/** The buttons of a reply's choice card, in order. */
export function cardButtons(reply: Reply | undefined): CardButton[] {
  const card = reply?.attachments?.find((a) => a.contentType === ADAPTIVE_CARD)?.content as { body?: Array<{ actions?: CardButton[] }> } | undefined;
  return (card?.body ?? []).flatMap((element) => element.actions ?? []);
}

let counter = 0;

/** A newcomer in their personal Teams chat with the bot. */
export class TeamsPerson {
  readonly userId = `29:1${randomUUID().replace(/-/g, '')}`;
  readonly aadObjectId = randomUUID();
  readonly conversationId = `a:1${randomUUID().replace(/-/g, '')}`;

  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeConnector,
    readonly locale: string,
  ) {}

  private base(type: string): Record<string, unknown> {
    counter++;
    return {
      type,
      id: type === 'message' ? `17${Date.now()}${counter}` : `f:${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: this.userId, name: 'Amina Yusuf', aadObjectId: this.aadObjectId },
      recipient: BOT,
      conversation: { conversationType: 'personal', tenantId: TENANT, id: this.conversationId },
      channelData: { tenant: { id: TENANT } },
      entities: [{ type: 'clientInfo', locale: this.locale, country: 'NL', platform: 'Android', timezone: 'Europe/Amsterdam' }],
      locale: this.locale,
    };
  }

  private async post(activity: Record<string, unknown>): Promise<void> {
    const response = await postActivity(this.botUrl, activity);
    expect(response.status).toBe(200);
  }

  /** The person adds the app: Teams' conversationUpdate with the bot as the member added (no top-level locale, only clientInfo). */
  async addsTheApp(): Promise<void> {
    const { locale: _none, ...activity } = this.base('conversationUpdate');
    await this.post({ ...activity, membersAdded: [{ id: BOT.id }] });
  }

  /** Teams' installationUpdate for the same install ("add") or for the removal ("remove"). */
  async installationUpdate(action: 'add' | 'remove'): Promise<void> {
    const base = this.base('installationUpdate');
    await this.post({ ...base, action, channelData: { tenant: { id: TENANT }, source: { name: 'message' } } });
  }

  /** Teams' conversationUpdate telling that the bot left the chat. */
  async botRemovedFromChat(): Promise<void> {
    await this.post({ ...this.base('conversationUpdate'), membersRemoved: [{ id: BOT.id }] });
  }

  /** A typed message, as Teams sends it (plain text plus its HTML rendering as an attachment). */
  async types(text: string): Promise<void> {
    await this.post({ ...this.base('message'), text, textFormat: 'plain', attachments: [{ contentType: 'text/html', content: `<p>${text}</p>` }] });
  }

  /** Sends a file in the personal chat (the app supports files): Teams hands over a short-lived, pre-authorised download URL. */
  async sendsFile(name: string, fileType: string, downloadUrl: string): Promise<void> {
    await this.post({
      ...this.base('message'),
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', contentUrl: 'https://contoso-my.sharepoint.com/personal/amina/Documents/' + name, name, content: { downloadUrl, uniqueId: randomUUID(), fileType } }],
    });
  }

  /** Presses a button of the newest choice card: the messageBack Teams sends for an Action.Submit with msteams data. */
  async presses(title: string): Promise<void> {
    const { button, reply } = this.button(title);
    expect(button.data.msteams.displayText).toBe(title); // what the chat shows as the person's message
    await this.post({ ...this.base('message'), text: button.data.msteams.text, value: button.data.msteams.value, replyToId: reply.id ?? '1700000000000' });
  }

  /** Presses a button in a client that sends an Action.Submit's data as the value, without text. */
  async pressesSendingDataOnly(title: string): Promise<void> {
    const { button } = this.button(title);
    await this.post({ ...this.base('message'), value: button.data });
  }

  private button(title: string): { button: CardButton; reply: Reply } {
    const reply = [...this.replies()].reverse().find((r) => cardButtons(r).length > 0);
    const button = cardButtons(reply).find((b) => b.title === title);
    if (!reply || !button) throw new Error(`TeamsPerson: no card button "${title}" among ${JSON.stringify(cardButtons(reply).map((b) => b.title))}`);
    return { button, reply };
  }

  replies(): Reply[] {
    return this.connector.repliesIn(this.conversationId);
  }

  /** Waits for a reply (after the first `from` replies) with this text, alone or as a paragraph of a merged reply; returns it. */
  async hears(text: string, from = 0): Promise<Reply> {
    const said = (r: Reply) => (r.text ?? '').includes(text);
    return waitFor(() => this.replies().slice(from).find(said), `the Teams person hearing ${JSON.stringify(text)}`);
  }
}
