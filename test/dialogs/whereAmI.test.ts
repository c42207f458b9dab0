import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';

const PERSON = { channelId: 'test', userId: 'person-1' };
const NOW = new Date('2026-11-25T10:00:00Z');
const sara = { kind: 'mentor' as const, id: 'acc-sara', firstName: 'Sara' };

/** Through the intake with buttons, no mentor after the result: back at the menu. */
async function afterResult(lng: Language): Promise<ChatDriver> {
  const chat = new ChatDriver();
  await startAndConsent(chat, lng);
  await tapThroughIntake(chat, lng, ELIGIBLE_ANSWERS);
  await chat.tap(tr(lng, 'common:buttons.no'));
  return chat;
}

async function moveAsMentor(chat: ChatDriver, ...stages: Parameters<ChatDriver['journeys']['moveTo']>[1][]) {
  for (const stage of stages) {
    const moved = await chat.journeys.moveTo(PERSON, stage, sara, 'in the talk', NOW);
    if (!moved.ok) throw new Error(`could not move to ${stage}: ${JSON.stringify(moved)}`);
  }
}

describe('"Where am I?" in the bot', () => {
  it('starts the journey at intake-done when the intake has a result, and shows "Where am I?" in the menu', async () => {
    const chat = await afterResult('en');
    expect((await chat.journeys.of(PERSON))?.stage).toBe('intake-done');
    expect(chat.buttons().map((b) => b.title)).toContain(tr('en', 'common:menu.status'));
    await chat.tap(tr('en', 'common:menu.status'));
    const reply = chat.texts()[0];
    expect(reply).toContain(tr('en', 'journey:stage.intake-done'));
    expect(reply).toContain(tr('en', 'journey:next.intake-done'));
    expect(reply).toContain(tr('en', 'journey:askAnyMentor'));
    // Back at the menu after the answer.
    expect(chat.texts().at(-1)).toBe(tr('en', 'common:menu.prompt'));
  });

  it('moves an eligible person who wrote their motivation on to the motivation stage, by the bot', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.tap(tr('nl', 'common:buttons.skip')); // first name
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr('nl', 'common:buttons.skip')); // municipality
    await chat.tap(tr('nl', 'intake:levels.B1'));
    await chat.tap(tr('nl', 'intake:levels.A2'));
    await chat.tap(tr('nl', 'intake:fields.education.options.secondary'));
    await chat.tap(tr('nl', 'common:buttons.no'));
    await chat.tap(tr('nl', 'intake:fields.itExperience.options.hobby'));
    await chat.tap(tr('nl', 'common:buttons.yes'));
    await chat.say('Ik repareer al jaren computers voor mijn familie en wil daar mijn werk van maken');
    await chat.say('40');
    const journey = await chat.journeys.of(PERSON);
    expect(journey?.stage).toBe('motivation');
    expect(journey?.moves.map((m) => [m.to, m.by.kind, m.reason])).toEqual([
      ['intake-done', 'bot', 'intake-finished'],
      ['motivation', 'bot', 'intake-motivation'],
    ]);
    await chat.tap(tr('nl', 'common:buttons.no'));
    await chat.say('waar sta ik nu?');
    expect(chat.texts()[0]).toContain(tr('nl', 'journey:stage.motivation'));
  });

  it.each<[Language, string]>([
    ['nl', 'waar sta ik'],
    ['nl', 'Waar staik?'],
    ['en', 'where am i'],
    ['en', 'wher am i??'],
    ['en', "what's my status"],
    ['ar', 'وين وصلت'],
    ['ar', 'ما هي حالتي؟'],
    ['tr', 'ne durumdayim'],
    ['tr', 'Başvurum ne durumda?'],
    ['fa', 'من کجام'],
    ['fa', 'وضعیتم چیه؟'],
    ['ti', 'ኣበይ በጺሐ ኣለኹ?'],
  ])('%s: "%s" at the menu tells the stage, what is next and who to ask', async (lng, typed) => {
    const chat = await afterResult(lng);
    await moveAsMentor(chat, 'motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given');
    await chat.say(typed);
    const reply = chat.texts()[0];
    expect(reply).toContain(tr(lng, 'journey:stage.homework-given'));
    expect(reply).toContain(tr(lng, 'journey:next.homework-given'));
    // Given on 25 November with 14 days: due on 9 December, in the person's language.
    const due = new Intl.DateTimeFormat(`${lng}-u-ca-gregory`, { day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date('2026-12-09T10:00:00Z'));
    expect(reply).toContain(tr(lng, 'journey:due', { date: due }));
    expect(reply).toContain(tr(lng, 'journey:askMentor', { name: 'Sara' }));
  });

  it('says the homework is late once the configured days have passed', async () => {
    const chat = await afterResult('en');
    const longAgo = new Date('2026-11-01T10:00:00Z');
    for (const stage of ['motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given'] as const) {
      await chat.journeys.moveTo(PERSON, stage, sara, 'in the talk', longAgo);
    }
    await chat.say('where am i');
    expect(chat.texts()[0]).toContain(tr('en', 'journey:late'));
    expect(chat.texts()[0]).not.toContain('Please send it before');
  });

  it('answers kindly before any intake, pointing to the questions, and the menu stays', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.say('where am I?');
    expect(chat.texts()[0]).toBe(tr('en', 'journey:none', { button: tr('en', 'common:menu.intake') }));
    expect(chat.texts().at(-1)).toBe(tr('en', 'common:menu.prompt'));
    expect(await chat.journeys.of(PERSON)).toBeUndefined();
  });

  it('answers in the middle of the intake and asks the same question again', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'tr');
    await chat.tap(tr('tr', 'common:menu.intake'));
    await chat.tap(tr('tr', 'common:buttons.skip')); // first name
    const question = chat.texts().at(-1);
    await chat.say('neredeyim');
    expect(chat.texts()[0]).toBe(tr('tr', 'journey:none', { button: tr('tr', 'common:menu.intake') }));
    expect(chat.texts().at(-1)).toBe(question);
  });

  it('is the first message of a returning person: answered, then the menu', async () => {
    const chat = await afterResult('fa');
    await chat.say('menu');
    await chat.say('کجا هستم؟');
    expect(chat.texts()[0]).toContain(tr('fa', 'journey:stage.intake-done'));
  });

  it('forgets the journey when the person deletes their data', async () => {
    const chat = await afterResult('en');
    expect(await chat.journeys.of(PERSON)).toBeDefined();
    await chat.tap(tr('en', 'common:menu.delete'));
    await chat.tap(tr('en', 'delete:yes'));
    expect(await chat.journeys.of(PERSON)).toBeUndefined();
    expect(await chat.journeys.store.list(10, NOW)).toEqual([]);
  });

  it('points a person whose result is not VIT\u2019s own to that result, not to a mentor contacting them', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await tapThroughIntake(chat, 'en', { ...ELIGIBLE_ANSWERS, dutchLevel: 'A1', englishLevel: 'A1' });
    await chat.tap(tr('en', 'common:buttons.no'));
    await chat.tap(tr('en', 'common:menu.status'));
    expect(chat.texts()[0]).toContain(tr('en', 'journey:nextOtherResult'));
    expect(chat.texts()[0]).not.toContain(tr('en', 'journey:next.intake-done'));
  });

  it('is no first name: asked at the name question, it is answered and the name is asked again', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('waar sta ik?');
    expect(chat.texts()[0]).toBe(tr('nl', 'journey:none', { button: tr('nl', 'common:menu.intake') }));
    expect(chat.texts().at(-1)).toBe(tr('nl', 'intake:fields.firstName.prompt'));
  });
});
