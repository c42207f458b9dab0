import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState } from 'botbuilder';
import { conversationStateKey, PersonEraser, PersonDataHolder, PersonRef, userStateKey } from '../../src/bot/personEraser';

function contextFor(channelId: string, userId: string, conversationId: string): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId,
    from: { id: userId, name: 'x' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    recipient: { id: 'bot', name: 'bot' },
  });
}

describe('PersonEraser', () => {
  it('uses the very keys botbuilder stores user and conversation state under', () => {
    const storage = new MemoryStorage();
    const context = contextFor('whatsapp', '31612345678', 'wa-31612345678');
    expect(userStateKey('whatsapp', '31612345678')).toBe(new UserState(storage).getStorageKey(context));
    expect(conversationStateKey('whatsapp', 'wa-31612345678')).toBe(new ConversationState(storage).getStorageKey(context));
  });

  it('deletes the user state, every listed conversation, and asks each holder to erase', async () => {
    const storage = new MemoryStorage();
    await storage.write({
      'emulator/users/u1/': { person: {} },
      'emulator/conversations/c1/': { dialogState: {} },
      'emulator/conversations/c2/': { dialogState: {} },
      'emulator/users/someone-else/': { person: {} },
    });
    const erased: PersonRef[] = [];
    const holder: PersonDataHolder = { erase: async (p) => void erased.push(p) };
    await new PersonEraser(storage, [holder]).erase({ channelId: 'emulator', userId: 'u1', conversationIds: ['c1', 'c2', 'c1'] });
    const left = await storage.read(['emulator/users/u1/', 'emulator/conversations/c1/', 'emulator/conversations/c2/', 'emulator/users/someone-else/']);
    expect(Object.keys(left)).toEqual(['emulator/users/someone-else/']);
    expect(erased).toEqual([{ channelId: 'emulator', userId: 'u1', conversationIds: ['c1', 'c2'] }]);
  });

  it('erases only what was requested in this turn', () => {
    const eraser = new PersonEraser(new MemoryStorage());
    const asked = contextFor('test', 'u', 'c');
    eraser.request(asked);
    expect(eraser.isRequested(asked)).toBe(true);
    expect(eraser.isRequested(contextFor('test', 'u', 'c'))).toBe(false);
  });
});
