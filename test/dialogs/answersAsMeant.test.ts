import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { personRecord, startAndConsent, tr } from '../support/intakeScript';

/** To the consent question: a greeting and the language tapped. */
async function atConsent(chat: ChatDriver, lng: Language) {
  await chat.say('hi');
  await chat.tap(tr(lng, `language:names.${lng}`));
  expect(chat.texts().at(-1)).toBe(tr(lng, 'consent:question'));
}

describe('the privacy question, answered as people type', () => {
  it.each<[Language, string]>([
    ['en', 'why not'],
    ['en', 'is it not dangerous?'],
    ['nl', 'wat bewaar je niet?'],
    ['en', 'i do not understand what you save'],
    ['tr', 'tam anlamadım, açıklar mısın'],
  ])('%s: "%s" gets the full text and the question again, and no decision is kept', async (lng, text) => {
    const chat = new ChatDriver();
    await atConsent(chat, lng);
    await chat.say(text);
    expect(chat.texts()[0]).toContain(tr(lng, 'consent:full').split('\n')[0]);
    expect(chat.transcript()).not.toContain(tr(lng, 'consent:declined'));
    expect(chat.texts().at(-1)).toBe(tr(lng, 'consent:question'));
    expect((await personRecord(chat)).consent).toBeUndefined();
  });

  it('a sentence that is no answer asks to choose; only a clear no declines', async () => {
    const chat = new ChatDriver();
    await atConsent(chat, 'en');
    await chat.say('I studied computer science but could not finish because of the war');
    expect(chat.texts()).toEqual([tr('en', 'common:chooseButton')]);
    expect(chat.buttons().map((b) => b.title)).toEqual(['agree', 'more', 'decline'].map((k) => tr('en', `consent:${k}`)));
    expect((await personRecord(chat)).consent).toBeUndefined();
    await chat.say('no thanks');
    expect(chat.texts()[0]).toBe(tr('en', 'consent:declined'));
    expect((await personRecord(chat)).consent).toMatchObject({ given: false });
  });
});

describe('the intake read as people mean it', () => {
  async function atFirstName(chat: ChatDriver) {
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    expect(chat.texts().at(-1)).toBe(tr('nl', 'intake:fields.firstName.prompt'));
  }

  it('a question at the name question is no name; "mijn naam is Ahmed 😊" keeps "Ahmed"', async () => {
    const chat = new ChatDriver();
    await atFirstName(chat);
    await chat.say('is het fulltime');
    expect(chat.texts().at(-1)).toBe(tr('nl', 'intake:fields.firstName.prompt'));
    expect((await personRecord(chat)).intake.answers.firstName).toBeUndefined();
    await chat.say('mijn naam is Ahmed 😊');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.residenceStatus.prompt')]);
    expect((await personRecord(chat)).intake.answers.firstName).toBe('Ahmed');
  });

  it('"2" at a level question asks which level is meant; "ok" is no level; "B1" typed at a can-do statement is the level', async () => {
    const chat = new ChatDriver();
    await atFirstName(chat);
    await chat.say('Amina');
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.dutchLevel.prompt')]);
    const levelButtons = chat.buttons().map((b) => b.title);
    await chat.say('٢');
    expect(chat.texts()).toEqual([tr('nl', 'intake:levelNumber')]);
    expect(chat.buttons().map((b) => b.title)).toEqual(levelButtons);
    await chat.say('ok');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.dutchLevel.retry')]);
    expect((await personRecord(chat)).intake.answers.dutchLevel).toBeUndefined();
    await chat.say('A2');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.englishLevel.prompt')]);
    await chat.tap(tr('nl', 'intake:levels.dontKnow'));
    expect(chat.texts()[0]).toBe(tr('nl', 'intake:canDo.intro', { language: 'Engels' }));
    await chat.say('ja');
    await chat.say('b1');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.education.prompt')]);
    const person = await personRecord(chat);
    expect(person.intake.answers).toMatchObject({ firstName: 'Amina', dutchLevel: 'A2', englishLevel: 'B1' });
    expect(person.intake.estimated).toEqual([]);
  });
});
