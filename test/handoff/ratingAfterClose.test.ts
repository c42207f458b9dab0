import { ChatDriver, translator } from '../support/chatDriver';
import { startAndConsent, tr } from '../support/intakeScript';

/** A person who asked for a mentor, was taken by Sara and whose conversation Sara just closed. */
async function closedByMentor() {
  const chat = new ChatDriver(undefined, {}, () => new Date()); // the real clock: the close is minutes ago, not days
  await startAndConsent(chat, 'nl');
  await chat.tap(tr('nl', 'common:menu.mentor'));
  const handoff = (await chat.handoffs.queue.openFor('test', 'person-1'))!;
  await chat.handoffs.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
  await chat.say('Ik heb een vraag over mijn diploma');
  await chat.handoffs.close(handoff.id, 'm1', 'helped', '');
  expect(chat.messenger.texts()).toContain(tr('nl', 'handoff:rateQuestion'));
  return { chat, handoff };
}

describe('the rating after a mentor closed the conversation', () => {
  it('takes a number sent right after the question as the rating', async () => {
    const { chat, handoff } = await closedByMentor();
    await chat.say('4');
    expect(chat.texts()).toEqual([tr('nl', 'handoff:ratingThanks'), tr('nl', 'common:menu.prompt')]);
    expect((await chat.handoffs.queue.get(handoff.id))?.rating).toBe(4);
  });

  it('takes a number at the menu, after the person skipped the question, as the menu choice', async () => {
    const { chat, handoff } = await closedByMentor();
    await chat.say(translator().list('nl', 'commands:menu')[0]);
    expect(chat.texts()).toContain(tr('nl', 'common:menu.prompt'));
    await chat.say('2');
    expect(chat.texts()).not.toContain(tr('nl', 'handoff:ratingThanks'));
    expect(chat.texts()).toContain(tr('nl', 'faq:ask')); // the menu's second choice: questions about IT work
    expect((await chat.handoffs.queue.get(handoff.id))?.rating).toBeUndefined();
  });

  it('takes a number as the rating also when the person said nothing while the mentor talked', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ar');
    await chat.tap(tr('ar', 'common:menu.mentor'));
    const handoff = (await chat.handoffs.queue.openFor('test', 'person-1'))!;
    await chat.handoffs.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
    await chat.handoffs.close(handoff.id, 'm1', 'helped', '');
    await chat.say('5');
    expect(chat.texts()[0]).toBe(tr('ar', 'handoff:ratingThanks'));
    expect((await chat.handoffs.queue.get(handoff.id))?.rating).toBe(5);
  });
});
