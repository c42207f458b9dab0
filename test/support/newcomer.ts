import { FakeConnector, emulatorMessage } from './fakeConnector';
import { postActivity } from './testApp';
import { waitFor } from './consoleClient';
import { translator } from './chatDriver';
import type { Language } from '../../src/i18n/languages';

/** A newcomer talking to the bot over the Emulator protocol, replies arriving at a fake connector. */
export class Newcomer {
  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeConnector,
    readonly conversationId: string,
  ) {}

  /** How many replies had arrived when the person last wrote. */
  private repliesBeforeLastSay = 0;

  async say(text: string): Promise<void> {
    this.repliesBeforeLastSay = this.connector.repliesIn(this.conversationId).length;
    const response = await postActivity(this.botUrl, emulatorMessage(this.connector.url, text, { conversation: { id: this.conversationId }, from: { id: `user-${this.conversationId}`, name: 'Amina', role: 'user' } }));
    expect(response.status).toBe(200);
  }

  /** Waits until a reply with exactly this text has arrived in the conversation; returns all replies. */
  async hears(text: string) {
    await waitFor(() => this.connector.repliesIn(this.conversationId).some((a) => a.text === text), `the newcomer hearing "${text}"`);
    return this.connector.repliesIn(this.conversationId);
  }

  /** Waits for a reply with exactly this text sent after the person last wrote (the same text earlier in the conversation does not count). */
  async hearsAgain(text: string) {
    await waitFor(() => this.connector.repliesIn(this.conversationId).slice(this.repliesBeforeLastSay).some((a) => a.text === text), `the newcomer hearing "${text}" again`);
    return this.connector.repliesIn(this.conversationId);
  }

  /** From "hi" to the menu in `lng`: the greeting (in the channel's locale, Dutch), the language, consent. */
  async startAndConsent(lng: Language): Promise<void> {
    const t = (key: string) => translator().t(lng, key);
    await this.say('hi');
    await this.hears(translator().t('nl', 'common:greeting'));
    await this.say(t(`language:names.${lng}`));
    await this.hears(t('consent:question'));
    await this.say(t('consent:agree'));
    await this.hears(t('common:menu.prompt'));
  }

  /** From "hi" to the mentor line in `lng`: the start and consent, then "talk to a mentor" from the menu. */
  async asksForMentor(lng: Language): Promise<void> {
    await this.startAndConsent(lng);
    await this.say(translator().t(lng, 'common:menu.mentor'));
    await this.hears(translator().t(lng, 'handoff:howToWait'));
  }

  /** What the person was sent to read: messages only (a "typing" activity while the mentor writes is not one). */
  texts() {
    return this.connector
      .repliesIn(this.conversationId)
      .filter((a) => a.type === undefined || a.type === 'message')
      .map((a) => a.text);
  }
}

