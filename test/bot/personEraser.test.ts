import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState } from 'botbuilder';
import { PersonEraser } from '../../src/bot/personEraser';
import type { PersonDataHolder, PersonRef } from '../../src/domain/personData';
import { conversationStateKey, userStateKey } from '../../src/storage/botStateKeys';
import { MemoryConversationLocks, conversationLockKey } from '../../src/storage/conversationLocks';

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

  it('waits for a turn running in one of the person\'s conversations, so what that turn saves is erased too', async () => {
    const storage = new MemoryStorage();
    const locks = new MemoryConversationLocks({ waitMs: 5000 });
    const eraser = new PersonEraser(storage, [], locks);
    const turn = await locks.acquire(conversationLockKey('emulator', 'c2'), Date.now()); // a turn is running in c2
    let done = false;
    const erasing = eraser.erase({ channelId: 'emulator', userId: 'u1', conversationIds: ['c1', 'c2'] }).then(() => (done = true));
    // A barrier, not a pause: every promise chain that needs no timer or I/O (all of memory locks and
    // storage) has run, so an erasure that did not wait would be done by now.
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    await storage.write({ 'emulator/users/u1/': { person: { firstName: 'Amina' } }, 'emulator/conversations/c2/': { dialogState: {} } }); // the turn saves
    await turn.release();
    await erasing;
    expect(await storage.read(['emulator/users/u1/', 'emulator/conversations/c2/'])).toEqual({});
    // and the conversations are free again
    const next = await locks.acquire(conversationLockKey('emulator', 'c1'), Date.now());
    await next.release();
  });

  it('asked from a turn, does not wait for that turn\'s own conversation', async () => {
    const locks = new MemoryConversationLocks({ waitMs: 200 });
    const own = await locks.acquire(conversationLockKey('emulator', 'c1'), Date.now());
    await new PersonEraser(new MemoryStorage(), [], locks).erase({ channelId: 'emulator', userId: 'u1', conversationIds: ['c1', 'c2'] }, 'c1');
    await own.release();
  });

  it('erases only what was requested in this turn', () => {
    const eraser = new PersonEraser(new MemoryStorage());
    const asked = contextFor('test', 'u', 'c');
    eraser.request(asked);
    expect(eraser.isRequested(asked)).toBe(true);
    expect(eraser.isRequested(contextFor('test', 'u', 'c'))).toBe(false);
  });
});
