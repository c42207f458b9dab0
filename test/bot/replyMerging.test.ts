import { Activity, BotAdapter, ConversationReference, ConversationState, MemoryStorage, ResourceResponse, TurnContext } from 'botbuilder';
import { mergeReplies, MERGED_CHANNELS, mergeLimitsFor } from '../../src/bot/replyMerging';
import { ConditionalTurn } from '../../src/bot/conditionalTurn';
import { TurnOutbox, replyIdOf } from '../../src/bot/turnOutbox';
import { SavedTurnMiddleware } from '../../src/bot/savedTurnMiddleware';
import { markNotice, markRelay } from '../../src/bot/relayMark';
import { MemoryTurnJournal, turnKey } from '../../src/storage/turnJournal';
import { LIMITS } from '../../src/channels/whatsapp/outbound';
import { repeatedSentences } from '../support/repeatedSentences';

const limits = { text: 60, withChoices: 40 };
const text = (t: string): Partial<Activity> => ({ type: 'message', text: t });
const ask = (t: string, ...choices: string[]): Partial<Activity> => ({
  type: 'message',
  text: t,
  suggestedActions: { to: [], actions: choices.map((c) => ({ type: 'imBack', title: c, value: c })) },
});
const merged = (activities: Partial<Activity>[]) => mergeReplies(activities, limits).map((m) => ({ text: m.activity.text, choices: m.activity.suggestedActions?.actions.length ?? 0, from: m.from }));

describe('merging a turn\'s replies (pure)', () => {
  it('puts texts that follow each other and the question after them in one message', () => {
    expect(merged([text('OK.'), text('Before we start.'), ask('Agree?', 'Yes', 'No')])).toEqual([{ text: 'OK.\n\nBefore we start.\n\nAgree?', choices: 2, from: [0, 1, 2] }]);
  });

  it('keeps the text apart from the question when together they pass the limit for a message with choices', () => {
    const long = 'x'.repeat(35);
    expect(merged([text('OK.'), text(long), ask('Agree?', 'Yes')])).toEqual([
      { text: `OK.\n\n${long}`, choices: 0, from: [0, 1] },
      { text: 'Agree?', choices: 1, from: [2] },
    ]);
  });

  it('starts a new text where one would pass the limit for a text', () => {
    const half = 'y'.repeat(40);
    expect(merged([text(half), text(half)]).map((m) => m.from)).toEqual([[0], [1]]);
  });

  it('does not merge across a card, a mentor\'s message, a notice or plain text, and keeps their order', () => {
    const card: Partial<Activity> = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }] };
    const relay = markRelay(text('from the mentor'));
    const notice = markNotice(text('only the first part was read'));
    const plain: Partial<Activity> = { ...text('their words'), textFormat: 'plain' };
    const out = merged([text('a.'), card, text('b.'), relay, notice, plain, text('c.'), text('d.')]);
    expect(out.map((m) => m.from)).toEqual([[0], [1], [2], [3], [4], [5], [6, 7]]);
  });

  it('leaves a single reply as it was (the same object)', () => {
    const only = ask('Menu?', 'FAQ');
    expect(mergeReplies([only], limits)[0].activity).toBe(only);
  });

  it('merges on WhatsApp and Teams by WhatsApp\'s own limits, and nowhere else', () => {
    expect(MERGED_CHANNELS.whatsapp).toEqual({ text: LIMITS.text, withChoices: LIMITS.body });
    expect(mergeLimitsFor('msteams')).toBeDefined();
    expect(mergeLimitsFor('emulator')).toBeUndefined();
    expect(mergeLimitsFor(undefined)).toBeUndefined();
  });
});

describe('a sentence said twice in one turn', () => {
  it('is found across the replies of a turn, whatever the bullets, case or direction marks', () => {
    expect(repeatedSentences(['You are number 1 in line. Write your message here.', '• write your message here.'])).toEqual(['write your message here.']);
    expect(repeatedSentences(['\u2068Mentors are not here now.\u2069', 'Mentors are not here now.'])).toEqual(['mentors are not here now.']);
  });

  it('is not claimed for short pieces or different sentences', () => {
    expect(repeatedSentences(['OK.', 'OK.', 'B1', 'B1'])).toEqual([]);
    expect(repeatedSentences(['Do you agree?', 'Do you want a mentor?'])).toEqual([]);
  });
});

/** A WhatsApp-like adapter that keeps what it sends (text and reply id), with the outbox installed as the lock middleware does. */
class PhoneAdapter extends BotAdapter {
  readonly sent: Array<{ text: string; id?: string; choices: number }> = [];
  failing = false;
  constructor(journal: MemoryTurnJournal) {
    super();
    this.use(async (context, next) => {
      TurnOutbox.install(context);
      await next();
    });
    this.use(new SavedTurnMiddleware(journal));
  }
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (this.failing) throw new Error('PhoneAdapter: the channel refused');
    this.sent.push(...activities.map((a) => ({ text: a.text ?? '', id: replyIdOf(a), choices: a.suggestedActions?.actions.length ?? 0 })));
    return activities.map(() => ({ id: 'wamid' }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(_reference: Partial<ConversationReference>, _logic: (c: TurnContext) => Promise<void>): Promise<void> {}
  turn(id: string, logic: (context: TurnContext) => Promise<void>) {
    const activity = { type: 'message', id, text: 'hi', channelId: 'whatsapp', conversation: { id: 'whatsapp:1' }, from: { id: 'u1' }, recipient: { id: 'bot' } } as Activity;
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

describe('merged replies and the exactly-once journal', () => {
  it('saves the merged replies with stable ids, and a later delivery sends the same message with the same id, once', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const journal = new MemoryTurnJournal(storage);
    const adapter = new PhoneAdapter(journal);
    const turns = new ConditionalTurn({ storage, journal, states: [state], deliveryAttempts: 1 });
    const body = (context: TurnContext) =>
      turns.run(context, async () => {
        await state.createProperty<number>('n').set(context, 1);
        await context.sendActivity('OK, I will write in English.');
        await context.sendActivity('Before we start: I save your answers.');
        await context.sendActivity(ask('Do you agree?', 'Yes', 'No') as Activity);
        return true;
      });
    adapter.failing = true;
    await adapter.turn('m1', body);
    const { pending } = await journal.lookup(turnKey('whatsapp', 'whatsapp:1'), 'other');
    expect(pending?.replies).toHaveLength(1);
    const [saved] = pending!.replies;
    expect(saved.activity.text).toBe('OK, I will write in English.\n\nBefore we start: I save your answers.\n\nDo you agree?');
    expect(saved.id).toBe(`${turnKey('whatsapp', 'whatsapp:1', 'm1').slice(0, 16)}-1`);

    // The channel's resend of the same message: nothing runs again, the saved reply goes out as saved.
    adapter.failing = false;
    await adapter.turn('m1', body);
    await adapter.turn('m1', body);
    expect(adapter.sent).toEqual([{ text: saved.activity.text, id: saved.id, choices: 2 }]);
    expect((await journal.lookup(turnKey('whatsapp', 'whatsapp:1'), 'other')).pending).toBeUndefined();
  });
});
