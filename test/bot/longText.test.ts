import { Activity, BotAdapter, ConversationReference, ConversationState, MemoryStorage, MessageFactory, ResourceResponse, TurnContext } from 'botbuilder';
import { ConditionalTurn } from '../../src/bot/conditionalTurn';
import { LongTextMiddleware, MAX_TEXT_CHARS } from '../../src/bot/longText';
import { TurnOutbox } from '../../src/bot/turnOutbox';
import { translator } from '../support/chatDriver';

/** An adapter that keeps what goes out, with the outbox and the long-text middleware as the app installs them. */
class CapturingAdapter extends BotAdapter {
  readonly sent: Array<Partial<Activity>> = [];
  constructor() {
    super();
    this.use(async (context, next) => {
      TurnOutbox.install(context);
      await next();
    });
    this.use(new LongTextMiddleware(translator(), 'nl'));
  }
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    this.sent.push(...activities);
    return activities.map(() => ({ id: '' }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(_reference: Partial<ConversationReference>, _logic: (c: TurnContext) => Promise<void>): Promise<void> {}
  /** A turn run as the bot runs it: held, saved, merged on WhatsApp, then delivered. */
  turn(text: string, logic: (context: TurnContext) => Promise<void>, channelId = 'whatsapp') {
    const storage = new MemoryStorage();
    const turns = new ConditionalTurn({ storage, states: [new ConversationState(storage)] });
    const activity = { type: 'message', text, channelId, locale: 'en-US', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'bot' } } as Activity;
    return this.runMiddleware(new TurnContext(this, activity), (context) => turns.run(context, async () => (await logic(context), true)));
  }
}

const LONG = 'a'.repeat(MAX_TEXT_CHARS + 1);
const notice = () => translator().t('en', 'common:longMessage');

describe('the "I only read the first part" notice', () => {
  it('starts the turn\u2019s reply, so a question the first part does not answer is asked again in the same message', async () => {
    const adapter = new CapturingAdapter();
    let respondedBefore: boolean | undefined;
    await adapter.turn(LONG, async (context) => {
      respondedBefore = context.responded; // a prompt asks again only when nothing was said yet
      expect(context.activity.text).toHaveLength(MAX_TEXT_CHARS);
      await context.sendActivity(MessageFactory.suggestedActions(['Skip'], 'What is your first name?'));
    });
    expect(respondedBefore).toBe(false);
    expect(adapter.sent.map((a) => a.text)).toEqual([`${notice()}\n\nWhat is your first name?`]);
    expect(adapter.sent[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Skip']);
  });

  it('comes alone, after the turn, when the turn says nothing of its own (a mentor owns the conversation)', async () => {
    const adapter = new CapturingAdapter();
    await adapter.turn(LONG, async () => undefined);
    expect(adapter.sent.map((a) => a.text)).toEqual([notice()]);
    expect(adapter.sent[0].conversation?.id).toBe('c1');
  });

  it('is its own message where replies are not merged, addressed like the rest', async () => {
    const adapter = new CapturingAdapter();
    await adapter.turn(LONG, async (context) => void (await context.sendActivity('Hello')), 'emulator');
    expect(adapter.sent.map((a) => a.text)).toEqual([notice(), 'Hello']);
    expect(adapter.sent[0].conversation?.id).toBe('c1');
    expect(adapter.sent[0].recipient?.id).toBe('u1');
  });

  it('is not there when the message was short enough', async () => {
    const adapter = new CapturingAdapter();
    await adapter.turn('hello', async (context) => void (await context.sendActivity('Hello')));
    expect(adapter.sent.map((a) => a.text)).toEqual(['Hello']);
  });
});
