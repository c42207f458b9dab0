import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';

const PERSON = { channelId: 'test', userId: 'person-1' };
const NOW = new Date('2026-11-25T10:00:00Z');
const lisa = { kind: 'staff' as const, id: 'acc-lisa', firstName: 'Lisa' };
const STAFF = { id: 'acc-lisa', firstName: 'Lisa' };

/** Through the intake in `lng`, selected by staff, and asked about sharing with ITPH Academy. */
async function askedAboutItph(lng: Language): Promise<ChatDriver> {
  const chat = new ChatDriver();
  await startAndConsent(chat, lng);
  await tapThroughIntake(chat, lng, ELIGIBLE_ANSWERS);
  await chat.tap(tr(lng, 'common:buttons.no'));
  for (const stage of ['motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake', 'selected'] as const) {
    const moved = await chat.journeys.moveTo(PERSON, stage, lisa, 'step', NOW);
    if (!moved.ok) throw new Error(`could not move to ${stage}`);
  }
  const asked = await chat.partners.ask(PERSON, 'itph-academy', STAFF, NOW);
  if (!asked.ok) throw new Error('could not ask');
  return chat;
}

describe('the question about sharing a summary with a partner, in the chat', () => {
  it.each<Language>(['nl', 'ar'])('%s: the question names the partner, in the person\u2019s language', async (lng) => {
    const chat = await askedAboutItph(lng);
    expect(chat.messenger.texts().at(-1)).toBe(tr(lng, 'partners:consent.question', { partner: 'ITPH Academy' }));
  });

  it.each<[Language, 'yes' | 'no']>([
    ['nl', 'yes'],
    ['ar', 'no'],
  ])('%s: the question comes with Yes and No buttons, and tapping one answers it (%s)', async (lng, answer) => {
    const chat = await askedAboutItph(lng);
    const buttons = [tr(lng, 'common:buttons.yes'), tr(lng, 'common:buttons.no')];
    const actions = chat.messenger.sent.at(-1)?.activity.suggestedActions?.actions ?? [];
    expect(actions.map((a) => [a.type, a.title, a.value])).toEqual(buttons.map((b) => ['imBack', b, b]));
    // A tap on an imBack button sends its value as the person's message.
    await chat.say(String(actions[answer === 'yes' ? 0 : 1].value));
    expect((await chat.partners.of(PERSON))?.asks.at(-1)?.answer).toBe(answer);
  });

  it.each<[Language, string, 'yes' | 'no']>([
    ['nl', 'ja', 'yes'],
    ['nl', 'Ja dat mag', 'yes'],
    ['nl', 'jaa', 'yes'],
    ['nl', 'nee', 'no'],
    ['nl', 'liever niet', 'no'],
    ['en', 'yes', 'yes'],
    ['en', 'agred', 'yes'],
    ['nl', 'akoord', 'yes'],
    ['tr', 'hayırr', 'no'],
    ['en', 'ok share it', 'yes'],
    ['en', 'no', 'no'],
    ['ar', 'نعم', 'yes'],
    ['ar', 'نعم موافق', 'yes'],
    ['ar', '👍', 'yes'],
    ['ar', 'لا', 'no'],
    ['tr', 'evet', 'yes'],
    ['tr', 'evet olur', 'yes'],
    ['tr', 'hayır', 'no'],
    ['tr', 'hayir', 'no'],
    ['fa', 'بله', 'yes'],
    ['ti', 'እወ', 'yes'],
  ])('%s: "%s" is a %s to sharing, recorded and confirmed; the menu stays', async (lng, typed, answer) => {
    const chat = await askedAboutItph(lng);
    await chat.say(typed);
    expect(chat.texts()[0]).toBe(tr(lng, answer === 'yes' ? 'partners:consent.yes' : 'partners:consent.no', { partner: 'ITPH Academy' }));
    const file = await chat.partners.of(PERSON);
    expect(file?.asks.at(-1)).toMatchObject({ partner: 'itph-academy', language: lng, answer });
    expect(chat.texts().at(-1)).toBe(tr(lng, 'common:menu.prompt'));
    // After a yes staff can refer; after a no they cannot.
    const referred = await chat.partners.refer(PERSON, 'itph-academy', STAFF, NOW);
    expect(referred.ok ? 'ok' : 'refusal' in referred ? referred.refusal.code : 'unknown').toBe(answer === 'yes' ? 'ok' : 'consent-refused');
  });

  it('a second yes, once answered, is no answer to the question any more: the dialogs take it', async () => {
    const chat = await askedAboutItph('en');
    await chat.say('yes');
    await chat.say('yes');
    expect(chat.texts()).not.toContain(tr('en', 'partners:consent.yes', { partner: 'ITPH Academy' }));
    expect((await chat.partners.of(PERSON))?.asks).toHaveLength(1);
  });

  it('a long message that holds a yes is something else', async () => {
    const chat = await askedAboutItph('en');
    await chat.say('yes I have a question about the training and the hours per week please');
    expect(chat.texts()).not.toContain(tr('en', 'partners:consent.yes', { partner: 'ITPH Academy' }));
    expect((await chat.partners.of(PERSON))?.asks.at(-1)?.answer).toBeUndefined();
  });

  it.each<[Language, string]>([
    ['en', 'who is ITPH?'],
    ['ar', 'من هي ITPH؟'],
    ['ti', 'ITPH Academy እንታይ እዩ?'],
  ])('%s: "%s", a question about the partner, is answered as any question, then the question about sharing comes again; the yes after it counts', async (lng, typed) => {
    const chat = await askedAboutItph(lng);
    await chat.say(typed);
    expect(chat.texts().at(-1)).toBe(tr(lng, 'partners:consent.question', { partner: 'ITPH Academy' }));
    await chat.say('👍');
    expect(chat.texts()[0]).toBe(tr(lng, 'partners:consent.yes', { partner: 'ITPH Academy' }));
  });

  it('a message that names no partner does not bring the question back', async () => {
    const chat = await askedAboutItph('en');
    await chat.say('what is a mentor?');
    expect(chat.texts()).not.toContain(tr('en', 'partners:consent.question', { partner: 'ITPH Academy' }));
  });

  it('a yes with no question waiting is left to the dialogs', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.say('ja');
    expect(chat.texts().join(' ')).not.toContain(tr('nl', 'partners:consent.yes', { partner: 'ITPH Academy' }));
    expect(await chat.partners.of(PERSON)).toBeUndefined();
  });
});

describe('the answer when its turn runs again', () => {
  it('the same message gives the same answer, written once; another message is no answer any more', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await tapThroughIntake(chat, 'nl', ELIGIBLE_ANSWERS);
    await chat.tap(tr('nl', 'common:buttons.no'));
    for (const stage of ['motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake', 'selected'] as const) {
      expect((await chat.journeys.moveTo(PERSON, stage, lisa, 'step', NOW)).ok).toBe(true);
    }
    expect((await chat.partners.ask(PERSON, 'motopp', STAFF, NOW)).ok).toBe(true);
    expect(await chat.partners.answer(PERSON, 'yes', NOW, 'activity-7')).toEqual({ partnerName: 'Motopp' });
    const once = await chat.partners.of(PERSON);
    expect(await chat.partners.answer(PERSON, 'yes', NOW, 'activity-7')).toEqual({ partnerName: 'Motopp' });
    expect(await chat.partners.of(PERSON)).toEqual(once);
    expect(await chat.partners.answer(PERSON, 'no', NOW, 'activity-8')).toBeUndefined();
    expect((await chat.partners.of(PERSON))?.asks.at(-1)).toMatchObject({ answer: 'yes', answeredBy: 'activity-7' });
  });
});
