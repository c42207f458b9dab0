import type { Language } from '../../src/i18n/languages';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/languages';
import { EDUCATION_LEVELS, RESIDENCE_STATUSES } from '../../src/domain/profile';
import { IT_EXPERIENCE, LEVEL_CHOICES } from '../../src/domain/intake';
import { Lexicon } from '../../dialogs/lexicon';
import { ChatDriver, translator } from '../support/chatDriver';
import { startAndConsent, tr, personRecord } from '../support/intakeScript';

const button = (lng: Language, name: 'back' | 'menu' | 'skip' | 'yes' | 'no') => tr(lng, `common:buttons.${name}`);
const titles = (chat: ChatDriver) => chat.buttons().map((b) => b.title);
const levels = (lng: Language) => LEVEL_CHOICES.map((l) => tr(lng, `intake:levels.${l}`));
const statement = (lng: Language, level: string) => tr(lng, `intake:canDo.${level}`, { language: tr(lng, 'intake:canDo.languages.english') });

describe('Back and Menu buttons in the intake', () => {
  it('the Back, Skip, Menu and Stop labels of every language are read as those commands', () => {
    const lexicon = new Lexicon(translator());
    for (const lng of SUPPORTED_LANGUAGES) {
      for (const command of ['back', 'skip', 'menu', 'stop'] as const) {
        expect([lng, lexicon.command(tr(lng, `common:buttons.${command}`))]).toEqual([lng, command]);
      }
    }
  });

  it('every question shows its own choices, then Back (not on the first question, nor where yes/no would stop being three buttons) and Menu, never more than ten', async () => {
    const chat = new ChatDriver();
    const nav = [button('nl', 'back'), button('nl', 'menu')];
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    expect(titles(chat)).toEqual([button('nl', 'skip'), button('nl', 'menu')]); // first name: nothing before it
    await chat.tap(button('nl', 'skip'));
    expect(titles(chat)).toEqual([...RESIDENCE_STATUSES.map((s) => tr('nl', `intake:fields.residenceStatus.options.${s}`)), ...nav]);
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    expect(titles(chat)).toEqual([button('nl', 'skip'), ...nav]);
    await chat.tap(button('nl', 'skip'));
    expect(titles(chat)).toEqual([...levels('nl'), ...nav]); // the largest question: exactly ten
    await chat.tap('B1');
    await chat.tap(tr('nl', 'intake:levels.dontKnow'));
    expect(titles(chat)).toEqual([button('nl', 'yes'), button('nl', 'no'), button('nl', 'menu')]); // a can-do statement: three buttons to tap
    for (let i = 0; i < 5; i++) await chat.tap(button('nl', 'no'));
    expect(titles(chat)).toEqual([...EDUCATION_LEVELS.map((e) => tr('nl', `intake:fields.education.options.${e}`)), ...nav]);
    await chat.tap(tr('nl', 'intake:fields.education.options.vocational'));
    expect(titles(chat)).toEqual([button('nl', 'yes'), button('nl', 'no'), button('nl', 'menu')]);
    await chat.tap(button('nl', 'no'));
    expect(titles(chat)).toEqual([...IT_EXPERIENCE.map((e) => tr('nl', `intake:fields.itExperience.options.${e}`)), button('nl', 'skip'), ...nav]);
    await chat.tap(button('nl', 'skip'));
    await chat.tap(button('nl', 'yes'));
    expect(titles(chat)).toEqual([button('nl', 'skip'), ...nav]); // motivation
    await chat.tap(button('nl', 'skip'));
    expect(titles(chat)).toEqual(['16', '24', '32', '40', ...nav]);
    await chat.tap('32');
    expect((await personRecord(chat)).assessment.outcome).toBe('eligible');
  });

  it.each([
    ['nl', 'ar'],
    ['ar', 'nl'],
  ] as const)('in %s, someone who only taps goes back, goes to the menu, changes language there, and finishes the intake from the menu', async (lng, other) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.tap(tr(lng, 'common:menu.intake'));
    await chat.tap(button(lng, 'skip'));
    await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.municipality.prompt')]);

    // Back: the question before, its answer kept until it is answered again.
    await chat.tap(button(lng, 'back'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.residenceStatus.prompt')]);
    expect((await personRecord(chat)).intake.answers.residenceStatus).toBe('statushouder');
    await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(button(lng, 'skip'));
    await chat.tap(tr(lng, 'intake:levels.B1'));
    await chat.tap(tr(lng, 'intake:levels.dontKnow'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:canDo.intro', { language: tr(lng, 'intake:canDo.languages.english') }), statement(lng, 'A1')]);
    await chat.tap(button(lng, 'yes'));
    expect(chat.texts()).toEqual([statement(lng, 'A2')]);
    // Back in the can-do statements (yes/no keeps three buttons to tap, so "back" is typed there): the statement before.
    await chat.say(button(lng, 'back'));
    expect(chat.texts()).toEqual([statement(lng, 'A1')]);
    await chat.tap(button(lng, 'yes'));

    // Menu in the middle of the intake: the menu, nothing lost.
    await chat.tap(button(lng, 'menu'));
    expect(chat.texts()).toEqual([tr(lng, 'common:menu.prompt')]);
    expect((await personRecord(chat)).intake.answers).toEqual({ firstName: null, residenceStatus: 'statushouder', municipality: null, dutchLevel: 'B1' });

    await chat.tap(tr(lng, 'common:menu.language'));
    await chat.tap(tr(other, `language:names.${other}`));
    expect(chat.texts()).toEqual([tr(other, 'language:changed'), tr(other, 'common:menu.prompt')]);
    expect((await personRecord(chat)).language).toBe(other);

    // The intake from the menu goes on at the statement where it stopped, now in the other language.
    await chat.tap(tr(other, 'common:menu.intake'));
    expect(chat.texts()).toEqual([statement(other, 'A2')]);
    for (const answer of ['yes', 'no', 'no', 'no'] as const) await chat.tap(button(other, answer));
    expect(chat.texts()).toEqual([
      tr(other, 'intake:canDo.estimate', { language: tr(other, 'intake:canDo.languages.english'), level: 'A2' }),
      tr(other, 'intake:fields.education.prompt'),
    ]);
    await chat.tap(tr(other, 'intake:fields.education.options.vocational'));
    await chat.tap(button(other, 'no'));
    await chat.tap(tr(other, 'intake:fields.itExperience.options.hobby'));
    await chat.tap(button(other, 'yes'));
    await chat.tap(button(other, 'skip'));
    await chat.tap('32');
    expect(chat.transcript()).toContain(tr(other, 'intake:done'));
    const person = await personRecord(chat);
    expect(person.intake.answers).toEqual({
      firstName: null,
      residenceStatus: 'statushouder',
      municipality: null,
      dutchLevel: 'B1',
      englishLevel: 'A2',
      education: 'vocational',
      itEducation: false,
      itExperience: 'hobby',
      motivatedForIT: true,
      motivation: null,
      hoursPerWeek: 32,
    });
    expect(person.intake.estimated).toEqual(['englishLevel']);
    expect(person.assessment.outcome).toBe('eligible');
  });

  it.each(['nl', 'ar'] as const)('in %s, after Menu the next conversation offers to go on, and a tap goes on with the answers kept', async (lng) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.tap(tr(lng, 'common:menu.intake'));
    await chat.tap(button(lng, 'skip'));
    await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(button(lng, 'menu'));
    expect(chat.texts()).toEqual([tr(lng, 'common:menu.prompt')]);

    const later = new ChatDriver(chat.storage, { conversationId: 'conversation-2' });
    await later.say('hi');
    expect(later.texts().at(-1)).toBe(tr(lng, 'intake:resume'));
    await later.tap(tr(lng, 'intake:resumeYes'));
    expect(later.texts()).toEqual([tr(lng, 'intake:fields.municipality.prompt')]);
    expect(titles(later)).toEqual([button(lng, 'skip'), button(lng, 'back'), button(lng, 'menu')]);
    await later.tap(button(lng, 'back'));
    expect(later.texts()).toEqual([tr(lng, 'intake:fields.residenceStatus.prompt')]);
    expect((await personRecord(later)).intake.answers).toEqual({ firstName: null, residenceStatus: 'statushouder' });
  });

  it('a typed number counts the buttons as shown: the levels first, then Back and Menu; Arabic digits too', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.tap(button('nl', 'skip'));
    await chat.say('1'); // the first status button
    expect((await personRecord(chat)).intake.answers.residenceStatus).toBe(RESIDENCE_STATUSES[0]);
    await chat.tap(button('nl', 'skip'));
    await chat.say('3'); // A2 (none, A1, A2)
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.englishLevel.prompt')]);
    await chat.say('9'); // Back
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.dutchLevel.prompt')]);
    expect((await personRecord(chat)).intake.answers.dutchLevel).toBe('A2');
    await chat.say('١٠'); // Menu
    expect(chat.texts()).toEqual([tr('nl', 'common:menu.prompt')]);
    expect((await personRecord(chat)).intake.answers.dutchLevel).toBe('A2');
  });

  it('hours stay numbers: "5" is five hours, not the fifth button (Back)', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    for (const tap of [button('en', 'skip'), tr('en', 'intake:fields.residenceStatus.options.statushouder'), button('en', 'skip'), 'B1', 'B1']) await chat.tap(tap);
    await chat.tap(tr('en', 'intake:fields.education.options.primary'));
    await chat.tap(button('en', 'skip'));
    await chat.tap(button('en', 'yes'));
    await chat.tap(button('en', 'skip')); // motivation
    expect(titles(chat)).toEqual(['16', '24', '32', '40', button('en', 'back'), button('en', 'menu')]);
    await chat.say('5');
    expect((await personRecord(chat)).intake.answers.hoursPerWeek).toBe(5);
  });

  it('"not sure" at the level question adds the mentor button in place of Back, so there are still ten', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    for (const tap of [button('nl', 'skip'), tr('nl', 'intake:fields.residenceStatus.options.statushouder'), button('nl', 'skip')]) await chat.tap(tap);
    await chat.say('waar kan ik een goedkope fiets kopen?');
    expect(chat.texts()).toEqual([tr('nl', 'faq:notSure'), tr('nl', 'intake:fields.dutchLevel.prompt')]);
    expect(titles(chat)).toEqual([...levels('nl'), button('nl', 'menu'), tr('nl', 'common:menu.mentor')]);
    // Typing "back" still works there.
    await chat.say('terug');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.municipality.prompt')]);
  });
});
