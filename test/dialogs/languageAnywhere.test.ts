import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { personRecord, startAndConsent, tr } from '../support/intakeScript';

/** The language choice's buttons, in the order shown. */
const languageButtons = (chat: ChatDriver) => chat.buttons().map((b) => b.title);

describe('the language a person writes in, and a way out of the wrong one', () => {
  it.each<[string, Language]>([
    ['مرحبا', 'ar'],
    ['Merhaba', 'tr'],
    ['ሰላም', 'ti'],
    ['سلام، خوبی؟', 'fa'],
    ['Hello', 'en'],
  ])('greets a first "%s" in %s and offers that language first', async (text, lng) => {
    const chat = new ChatDriver(undefined, { channelId: 'whatsapp' });
    await chat.say(text);
    expect(chat.texts()[0]).toBe(tr(lng, 'common:greeting'));
    expect(languageButtons(chat)[0]).toBe(tr(lng, `language:names.${lng}`));
  });

  it('asks the language again with that language first when a greeting comes at the language question', async () => {
    const chat = new ChatDriver(undefined, { locale: 'nl-NL' });
    await chat.join(); // the channel starts the conversation: greeted in the device's Dutch
    await chat.say('مرحبا');
    expect(languageButtons(chat)[0]).toBe(tr('ar', 'language:names.ar'));
    expect(chat.texts()).not.toContain(tr('nl', 'language:notUnderstood'));
  });

  it.each<[string, string, Language]>([
    ['مرحبا', 'نعم 👍', 'ar'],
    ['hallo', 'ja', 'nl'],
  ])('after "%s", typing "%s" at the language question gets the hint how to choose in %s, not "I do not know that language"', async (greeting, reply, lng) => {
    const chat = new ChatDriver(undefined, { channelId: 'whatsapp' });
    await chat.say(greeting);
    expect(languageButtons(chat)[0]).toBe(tr(lng, `language:names.${lng}`));
    await chat.say(reply);
    expect(chat.texts()).toEqual([tr(lng, 'language:chooseHint')]);
    expect(languageButtons(chat)[0]).toBe(tr(lng, `language:names.${lng}`));
    await chat.say(tr(lng, `language:names.${lng}`));
    expect(chat.texts()[0]).toBe(tr(lng, 'language:changed'));
  });

  it.each(['عربي', 'العربية', 'arabic', 'Arabisch'])('switches from Dutch to Arabic when "%s" is typed at the menu', async (text) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.say(text);
    expect(chat.texts()).toEqual([tr('ar', 'language:changed'), tr('ar', 'common:menu.prompt')]);
    expect((await personRecord(chat)).language).toBe('ar');
  });

  it('switches in the middle of the intake and asks the same question in the new language', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.say('English please');
    expect(chat.texts()).toEqual([tr('en', 'language:changed'), tr('en', 'intake:fields.residenceStatus.prompt')]);
  });

  it('asks once where the name of a language could be the answer (a first name); "no" keeps it as the answer', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('Dari');
    expect(chat.texts()).toEqual([tr('fa', 'language:switchOffer', { language: tr('fa', 'language:names.fa') })]);
    await chat.say('nee');
    expect(chat.texts().at(-1)).toBe(tr('nl', 'intake:fields.residenceStatus.prompt'));
    expect((await personRecord(chat)).intake.answers.firstName).toBe('Dari');
  });

  it.each<[string, Language]>([
    ['ما فهمت شي', 'ar'],
    ['anlamadım', 'tr'],
    ['نمی‌فهمم', 'fa'],
    ["I don't understand", 'en'],
  ])('"%s" at the Dutch menu offers the language choice, that language first', async (text, lng) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.say(text);
    expect(languageButtons(chat)).toHaveLength(6);
    expect(languageButtons(chat)[0]).toBe(tr(lng, `language:names.${lng}`));
  });
});

describe('an answer before a command', () => {
  it('takes "beginner" at the level question as a level, not as "restart"', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.tap(tr('en', 'common:buttons.skip'));
    await chat.tap(tr('en', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr('en', 'common:buttons.skip'));
    await chat.say('beginner');
    // A level in words is checked with its can-do statement first (A1 here), then it counts.
    expect(chat.texts().at(-1)).toContain(tr('en', 'intake:canDo.A1', { language: tr('en', 'intake:canDo.languages.dutch') }));
    await chat.say('yes');
    expect(chat.texts().at(-1)).toBe(tr('en', 'intake:fields.englishLevel.prompt'));
    expect((await personRecord(chat)).intake.answers.dutchLevel).toBe('A1');
  });

  it.each([
    ['fa', 'یک شروع جدید برای زندگی‌ام میخواهم'],
    ['ar', 'أريد أن أبدأ حياتي من جديد'],
    ['en', 'human resources'],
  ] as Array<[Language, string]>)('asks before acting on command words inside a longer message (%s: %s)', async (lng, text) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.say(text);
    expect(languageButtons(chat)).not.toHaveLength(6);
    expect((await personRecord(chat)).language).toBe(lng);
    expect(chat.texts().join('\n')).not.toContain(tr(lng, 'handoff:requested', { place: 1 }));
  });
});
