import { ChatDriver, translator } from '../support/chatDriver';
import { startAndConsent, tr } from '../support/intakeScript';

async function waiting() {
  const chat = new ChatDriver(undefined, {}, () => new Date());
  await startAndConsent(chat, 'nl');
  await chat.tap(tr('nl', 'common:menu.mentor'));
  const handoff = (await chat.handoffs.queue.openFor('test', 'person-1'))!;
  return { chat, handoff };
}

async function closedByMentor() {
  const { chat, handoff } = await waiting();
  await chat.handoffs.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
  await chat.handoffs.close(handoff.id, 'm1', 'helped', '');
  return { chat, handoff };
}

describe('the queue does not swallow input', () => {
  it('asks before "menu" takes a waiting person out of the line; "no" keeps them in it', async () => {
    const { chat, handoff } = await waiting();
    await chat.say('menu');
    expect(chat.texts()).toEqual([tr('nl', 'handoff:leaveQuestion')]);
    expect((await chat.handoffs.queue.get(handoff.id))?.status).toBe('waiting');
    await chat.say('nee');
    expect(chat.texts()).toEqual([tr('nl', 'handoff:stayInLine')]);
    expect((await chat.handoffs.queue.get(handoff.id))?.status).toBe('waiting');
  });

  it('"yes" after the question leaves the line and shows the menu', async () => {
    const { chat, handoff } = await waiting();
    await chat.say('menu');
    await chat.say('ja');
    expect(chat.texts()).toEqual([tr('nl', 'handoff:left'), tr('nl', 'common:menu.prompt')]);
    expect((await chat.handoffs.queue.get(handoff.id))?.status).not.toBe('waiting');
  });

  it('a language name while waiting switches the language and keeps the place in line', async () => {
    const { chat, handoff } = await waiting();
    await chat.say('English');
    expect(chat.texts()).toEqual([tr('en', 'language:changed')]);
    expect((await chat.handoffs.queue.get(handoff.id))?.status).toBe('waiting');
  });
});

describe('after a mentor closed, the next message is not swallowed', () => {
  it('"taal" asks the language', async () => {
    const { chat } = await closedByMentor();
    await chat.say(translator().list('nl', 'commands:language')[0]);
    expect(chat.buttons()).toHaveLength(6);
    expect(chat.texts()).not.toContain(tr('nl', 'common:greeting'));
  });

  it('a question in other words opens what it asks for ("ik wil meedoen")', async () => {
    const { chat } = await closedByMentor();
    await chat.say('kan ik meedoen');
    expect(chat.texts().at(-1)).toBe(tr('nl', 'intake:fields.firstName.prompt'));
  });
});
