import type { Language } from '../../src/i18n/languages';
import { MAX_SUBMISSION_LENGTH } from '../../src/domain/homework';
import { cutActivityText, MAX_TEXT_CHARS } from '../../src/bot/longText';
import { ChatDriver } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';

const PERSON = { channelId: 'test', userId: 'person-1' };
const NOW = new Date('2026-11-25T10:00:00Z');
const sara = { kind: 'mentor' as const, id: 'acc-sara', firstName: 'Sara' };

/** Through the intake in `lng`, then a mentor moves the person on to `homework-given` (or up to `until`). */
async function withHomework(lng: Language, until: 'homework-given' | 'mentor-talk-held' = 'homework-given'): Promise<ChatDriver> {
  const chat = new ChatDriver();
  await startAndConsent(chat, lng);
  await tapThroughIntake(chat, lng, ELIGIBLE_ANSWERS);
  await chat.tap(tr(lng, 'common:buttons.no'));
  const path = ['motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given'] as const;
  for (const stage of path.slice(0, path.indexOf(until) + 1)) {
    const moved = await chat.journeys.moveTo(PERSON, stage, sara, 'in the talk', NOW);
    if (!moved.ok) throw new Error(`could not move to ${stage}`);
  }
  return chat;
}

describe('handing in the homework in the chat', () => {
  it.each<[Language, string, string]>([
    ['en', 'my homework: https://github.com/amal/portfolio', 'https://github.com/amal/portfolio'],
    ['en', 'My Homework - I built a small page about my city', 'I built a small page about my city'],
    ['nl', 'huiswerk: https://codepen.io/amal/pen/abc', 'https://codepen.io/amal/pen/abc'],
    ['ar', 'واجبي: https://github.com/amal/site', 'https://github.com/amal/site'],
    ['tr', 'Ödevim: https://github.com/mehmet/site', 'https://github.com/mehmet/site'],
    ['tr', 'odevim https://github.com/mehmet/site', 'https://github.com/mehmet/site'],
    ['fa', 'تکلیفم: https://github.com/sara/site', 'https://github.com/sara/site'],
    ['ti', 'ዕዮ ገዛይ: https://github.com/yonas/site', 'https://github.com/yonas/site'],
  ])('%s: "%s" moves the person to homework-submitted with it and thanks them', async (lng, typed, handedIn) => {
    const chat = await withHomework(lng);
    await chat.say(typed);
    expect(chat.texts()[0]).toBe(tr(lng, 'journey:homework.received'));
    const journey = await chat.journeys.of(PERSON);
    expect(journey?.stage).toBe('homework-submitted');
    expect(journey?.moves.at(-1)).toMatchObject({ from: 'homework-given', to: 'homework-submitted', by: { kind: 'bot' } });
    expect(journey?.homework?.submissions.map((s) => s.text)).toEqual([handedIn]);
    // The menu is asked again after the thanks.
    expect(chat.texts().at(-1)).toBe(tr(lng, 'common:menu.prompt'));
  });

  it('after a mentor closed the conversation (the rating question waiting, no question open), "واجبي: …" is handed in, not greeted away', async () => {
    const chat = await withHomework('ar');
    await chat.tap(tr('ar', 'common:menu.mentor'));
    const handoff = (await chat.handoffs.queue.openFor('test', 'person-1'))!;
    await chat.handoffs.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
    await chat.say('شكرا على المساعدة');
    await chat.handoffs.close(handoff.id, 'm1', 'helped', '');
    expect(chat.messenger.texts()).toContain(tr('ar', 'handoff:rateQuestion'));
    await chat.say('واجبي: https://github.com/amal/site');
    expect(chat.texts()).toEqual([tr('ar', 'journey:homework.received'), tr('ar', 'common:menu.prompt')]);
    expect((await chat.journeys.of(PERSON))?.homework?.submissions.map((s) => s.text)).toEqual(['https://github.com/amal/site']);
  });

  it('asks before taking a bare link as the homework: yes hands it in', async () => {
    const chat = await withHomework('nl');
    await chat.say('https://github.com/amal/portfolio');
    expect(chat.texts()[0]).toContain(tr('nl', 'journey:homework.confirmLink'));
    expect((await chat.journeys.of(PERSON))?.stage).toBe('homework-given');
    await chat.tap(tr('nl', 'common:buttons.yes'));
    expect(chat.texts()[0]).toBe(tr('nl', 'journey:homework.received'));
    expect((await chat.journeys.of(PERSON))?.homework?.submissions.map((s) => s.text)).toEqual(['https://github.com/amal/portfolio']);
  });

  it('a no to "is this link your homework?" hands nothing in', async () => {
    const chat = await withHomework('en');
    await chat.say('https://github.com/amal/portfolio');
    await chat.tap(tr('en', 'common:buttons.no'));
    expect(chat.texts()[0]).toBe(tr('en', 'journey:homework.notSent'));
    expect((await chat.journeys.of(PERSON))?.stage).toBe('homework-given');
    expect((await chat.journeys.of(PERSON))?.homework?.submissions ?? []).toEqual([]);
  });

  it('refuses homework over 4,096 characters and keeps the person at homework-given', async () => {
    const chat = await withHomework('en');
    await chat.say(`my homework: ${'a'.repeat(MAX_SUBMISSION_LENGTH + 1)}`);
    expect(chat.texts()[0]).toBe(tr('en', 'journey:homework.tooLong', { max: '4,096' }));
    expect((await chat.journeys.of(PERSON))?.stage).toBe('homework-given');
  });

  it('tells a person who has no homework to send now, and moves nothing', async () => {
    const chat = await withHomework('ar', 'mentor-talk-held');
    await chat.say('واجبي: https://github.com/amal/site');
    expect(chat.texts()[0]).toBe(tr('ar', 'journey:homework.notNow'));
    expect((await chat.journeys.of(PERSON))?.stage).toBe('mentor-talk-held');
  });

  it('a bare link from a person without homework to send is not taken as homework', async () => {
    const chat = await withHomework('en', 'mentor-talk-held');
    await chat.say('https://github.com/amal/portfolio');
    expect(chat.texts().join('\n')).not.toContain(tr('en', 'journey:homework.confirmLink'));
    expect((await chat.journeys.of(PERSON))?.stage).toBe('mentor-talk-held');
  });
});

describe('homework longer than the bot reads in one message', () => {
  it.each<Language>(['fa', 'en'])('%s: a text cut at the edge is refused as too long (with the limit the person can send), nothing is handed in', async (lng) => {
    const chat = await withHomework(lng);
    const message = cutActivityText({ type: 'message', text: `${lng === 'fa' ? 'تکلیفم' : 'my homework'}: ${'a'.repeat(MAX_TEXT_CHARS * 2)}` });
    await chat.say(message.text!, { channelData: message.channelData });
    expect(chat.texts()).toContain(tr(lng, 'journey:homework.tooLong', { max: '1,000' }));
    expect(chat.texts()).not.toContain(tr(lng, 'journey:homework.received'));
    const journey = await chat.journeys.of(PERSON);
    expect(journey?.stage).toBe('homework-given');
    expect(journey?.homework?.submissions ?? []).toEqual([]);
  });
});
