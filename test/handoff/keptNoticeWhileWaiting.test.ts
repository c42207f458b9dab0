import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr } from '../support/intakeScript';

describe('messages while waiting in the mentor line', () => {
  it('says the message is kept at the first one, then at most once every few minutes, never for each message', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
    const chat = new ChatDriver(undefined, {}, () => now);
    await startAndConsent(chat, 'tr');
    await chat.tap(tr('tr', 'common:menu.mentor'));
    expect((await chat.handoffs.queue.openFor('test', 'person-1'))?.status).toBe('waiting');
    await chat.say('Bir sorum var');
    expect(chat.texts()).toEqual([tr('tr', 'handoff:messageKept')]);
    later(1);
    await chat.say('Diplomam hakkında');
    expect(chat.texts()).toEqual([]);
    later(2);
    await chat.say('Orada mısınız?');
    expect(chat.texts()).toEqual([]);
    later(3); // five minutes after the last notice
    await chat.say('Hâlâ bekliyorum');
    expect(chat.texts()).toEqual([tr('tr', 'handoff:messageKept')]);
    later(1);
    await chat.say('Teşekkürler');
    expect(chat.texts()).toEqual([]);
    const open = await chat.handoffs.queue.openFor('test', 'person-1');
    expect(open?.messages.filter((m) => m.from === 'person').map((m) => m.text)).toEqual(['Bir sorum var', 'Diplomam hakkında', 'Orada mısınız?', 'Hâlâ bekliyorum', 'Teşekkürler']);
  });
});
