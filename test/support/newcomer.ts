import { FakeConnector, emulatorMessage } from './fakeConnector';
import { postActivity } from './testApp';
import { waitFor } from './consoleClient';

/** A newcomer talking to the bot over the Emulator protocol, replies arriving at a fake connector. */
export class Newcomer {
  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeConnector,
    readonly conversationId: string,
  ) {}

  async say(text: string): Promise<void> {
    const response = await postActivity(this.botUrl, emulatorMessage(this.connector.url, text, { conversation: { id: this.conversationId }, from: { id: `user-${this.conversationId}`, name: 'Amina', role: 'user' } }));
    expect(response.status).toBe(200);
  }

  /** Waits until a reply with exactly this text has arrived in the conversation; returns all replies. */
  async hears(text: string) {
    await waitFor(() => this.connector.repliesIn(this.conversationId).some((a) => a.text === text), `the newcomer hearing "${text}"`);
    return this.connector.repliesIn(this.conversationId);
  }

  texts() {
    return this.connector.repliesIn(this.conversationId).map((a) => a.text);
  }
}

