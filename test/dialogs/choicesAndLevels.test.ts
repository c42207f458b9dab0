import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr, personRecord, PERSON_KEY } from '../support/intakeScript';

/** Into the intake with buttons, up to the Dutch level question. */
async function atDutchLevel(chat: ChatDriver, lng: Language = 'nl') {
  await startAndConsent(chat, lng);
  await chat.tap(tr(lng, 'common:menu.intake'));
  await chat.tap(tr(lng, 'common:buttons.skip'));
  await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
  await chat.tap(tr(lng, 'common:buttons.skip'));
  expect(chat.texts()).toEqual([tr(lng, 'intake:fields.dutchLevel.prompt')]);
}

const statement = (lng: Language, level: string, language: 'dutch' | 'english' = 'english') =>
  tr(lng, `intake:canDo.${level}`, { language: tr(lng, `intake:canDo.languages.${language}`) });

describe('typed numbers count the buttons as shown', () => {
  it('at the level question "2" and "1" alone ask which level is meant (A2? B1? the second button?); nothing is stored', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.say('2');
    expect(chat.texts()).toEqual([tr('nl', 'intake:levelNumber')]);
    await chat.say('1');
    expect(chat.texts()).toEqual([tr('nl', 'intake:levelNumber')]);
    expect((await personRecord(chat)).intake.answers.dutchLevel).toBeUndefined();
    await chat.say('B1');
    expect((await personRecord(chat)).intake.answers.dutchLevel).toBe('B1');
  });

  it('at the level question "8" is "I don\'t know" and starts the can-do statements', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.say('8');
    expect(chat.texts()).toEqual([
      tr('nl', 'intake:canDo.intro', { language: tr('nl', 'intake:canDo.languages.dutch') }),
      statement('nl', 'A1', 'dutch'),
    ]);
  });

  it('after "read more" the consent buttons are [agree, decline] and "2" declines', async () => {
    const chat = new ChatDriver();
    await chat.say('hi');
    await chat.tap('Nederlands');
    await chat.tap(tr('nl', 'consent:more'));
    expect(chat.buttons().map((b) => b.title)).toEqual([tr('nl', 'consent:agree'), tr('nl', 'consent:decline')]);
    await chat.say('2');
    expect(chat.texts()).toEqual([tr('nl', 'consent:declined'), tr('nl', 'common:menu.prompt')]);
    expect((await personRecord(chat)).consent.given).toBe(false);
  });

  it('before "read more" "2" still asks for more', async () => {
    const chat = new ChatDriver();
    await chat.say('hi');
    await chat.tap('Nederlands');
    await chat.say('2');
    expect(chat.texts()).toEqual([tr('nl', 'consent:full', { answerDays: 180, chatDays: 180 }), tr('nl', 'consent:question')]);
  });
});

describe('"back", "skip" and a language change in the can-do statements', () => {
  it('"back" goes to the statement before, and from the first one to the level question', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.tap('B1');
    await chat.tap(tr('nl', 'intake:levels.dontKnow'));
    expect(chat.texts().at(-1)).toBe(statement('nl', 'A1'));
    await chat.tap(tr('nl', 'common:buttons.yes'));
    expect(chat.texts()).toEqual([statement('nl', 'A2')]);
    await chat.say('terug');
    expect(chat.texts()).toEqual([statement('nl', 'A1')]);
    await chat.say('terug');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.englishLevel.prompt')]);
    await chat.tap('A2');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.education.prompt')]);
    expect((await personRecord(chat)).intake).toMatchObject({ answers: { englishLevel: 'A2' }, estimated: [] });
  });

  it('"back" after some statements keeps the earlier answers for the estimate', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.tap(tr('nl', 'intake:levels.dontKnow'));
    for (const answer of ['ja', 'ja', 'ja']) await chat.say(answer);
    expect(chat.texts()).toEqual([statement('nl', 'B2', 'dutch')]);
    await chat.say('terug');
    expect(chat.texts()).toEqual([statement('nl', 'B1', 'dutch')]);
    await chat.say('nee');
    await chat.say('nee');
    await chat.say('nee');
    expect(chat.texts()[0]).toBe(tr('nl', 'intake:canDo.estimate', { language: tr('nl', 'intake:canDo.languages.dutch'), level: 'A2' }));
  });

  it('"skip" is treated as at the level question: a level is needed, the statement comes again', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.tap(tr('nl', 'intake:levels.dontKnow'));
    await chat.say('ja');
    await chat.say('overslaan');
    expect(chat.texts()).toEqual([tr('nl', 'intake:cannotSkip'), statement('nl', 'A2', 'dutch')]);
  });

  it('a language change keeps the statements answered so far and goes on in the new language', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.tap(tr('nl', 'intake:levels.dontKnow'));
    await chat.say('ja');
    await chat.say('ja');
    await chat.say('taal');
    await chat.tap('العربية');
    expect(chat.texts()).toEqual([tr('ar', 'language:changed'), statement('ar', 'B1', 'dutch')]);
    for (const tap of ['yes', 'no', 'no']) await chat.tap(tr('ar', `common:buttons.${tap}`));
    expect(chat.texts()).toEqual([
      tr('ar', 'intake:canDo.estimate', { language: tr('ar', 'intake:canDo.languages.dutch'), level: 'B1' }),
      tr('ar', 'intake:fields.englishLevel.prompt'),
    ]);
    expect((await personRecord(chat)).intake).toMatchObject({ answers: { residenceStatus: 'statushouder', dutchLevel: 'B1' }, estimated: ['dutchLevel'] });
  });
});

describe('the language question', () => {
  it.each<[string, Language]>([
    ['Arabisch', 'ar'],
    ['عربي', 'ar'],
    ['Arabic', 'ar'],
    ['farsi', 'fa'],
    ['Perzisch', 'fa'],
    ['فارسی', 'fa'],
    ['Tigrinya', 'ti'],
    ['ትግርኛ', 'ti'],
    ['Dutch', 'nl'],
    ['Hollandaca', 'nl'],
    ['Turkish', 'tr'],
    ['Türkçe', 'tr'],
    ['Turks', 'tr'],
    ['engels', 'en'],
    ['İngilizce', 'en'],
    ['ik spreek arabisch', 'ar'],
  ])('knows "%s" as %s', async (text, lng) => {
    const chat = new ChatDriver();
    await chat.say('hi');
    await chat.say(text);
    expect(chat.texts()[0]).toBe(tr(lng, 'language:changed'));
    expect((await personRecord(chat)).language).toBe(lng);
  });

  it('says briefly that it does not know a language, with a hint and the buttons', async () => {
    const chat = new ChatDriver();
    await chat.say('hi');
    await chat.say('Klingon');
    expect(chat.texts()).toEqual([tr('nl', 'language:notUnderstood')]);
    expect(chat.buttons()).toHaveLength(6);
    await chat.say('Engels');
    expect(chat.texts()[0]).toBe(tr('en', 'language:changed'));
  });
});

describe('"started" in the numbers', () => {
  async function startedByLanguage(chat: ChatDriver) {
    const day = (await chat.stats.days('2026-11-25', '2026-11-25')).get('2026-11-25')!;
    return Object.fromEntries([...day].map(([lng, counts]) => [lng, counts.started]).filter(([, n]) => n !== undefined));
  }

  it('counts a person once, in the language they choose, not the channel\'s', async () => {
    const chat = new ChatDriver();
    await chat.say('hallo');
    expect(await startedByLanguage(chat)).toEqual({});
    await chat.tap('العربية');
    expect(await startedByLanguage(chat)).toEqual({ ar: 1 });
    await chat.tap(tr('ar', 'consent:agree'));
    await chat.tap(tr('ar', 'common:menu.language'));
    await chat.tap('English');
    expect(await startedByLanguage(chat)).toEqual({ ar: 1 });
  });
});

describe('the profile is validated before a result', () => {
  it('asks again for an answer that does not make a valid profile, and gives no result until then', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.tap('B1');
    await chat.tap('A2');
    await chat.tap(tr('nl', 'intake:fields.education.options.primary'));
    await chat.tap(tr('nl', 'intake:fields.itExperience.options.none'));
    await chat.tap(tr('nl', 'common:buttons.yes'));
    await chat.tap(tr('nl', 'common:buttons.skip')); // motivation
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.hoursPerWeek.prompt')]);
    // An answer kept in a form the rules cannot read (an older or damaged record).
    const record = (await chat.storage.read([PERSON_KEY]))[PERSON_KEY];
    record.person.intake.answers.englishLevel = 'dontKnow';
    await chat.storage.write({ [PERSON_KEY]: { ...record, eTag: '*' } });
    await chat.tap('32');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.englishLevel.prompt')]);
    const person = await personRecord(chat);
    expect(person.assessment).toBeUndefined();
    expect(person.intake.completedAt).toBeUndefined();
    expect(person.intake.answers.hoursPerWeek).toBe(32);
    await chat.tap('A2');
    expect(chat.transcript()).toContain(tr('nl', 'eligibility:outcomes.eligible.next'));
    expect((await personRecord(chat)).assessment.outcome).toBe('eligible');
  });
});

describe('the result', () => {
  it('says which level was an estimate', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.tap('B1');
    await chat.tap(tr('nl', 'intake:levels.dontKnow'));
    for (const answer of ['ja', 'ja', 'nee', 'nee', 'nee']) await chat.say(answer);
    await chat.tap(tr('nl', 'intake:fields.education.options.primary'));
    await chat.tap(tr('nl', 'intake:fields.itExperience.options.none'));
    await chat.tap(tr('nl', 'common:buttons.yes'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.tap('32');
    expect(chat.transcript()).toContain(tr('nl', 'intake:canDo.resultNote', { language: tr('nl', 'intake:canDo.languages.english') }));
    expect(chat.transcript()).not.toContain(tr('nl', 'intake:canDo.resultNote', { language: tr('nl', 'intake:canDo.languages.dutch') }));
  });
});
