import { SUPPORTED_LANGUAGES, type Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { personRecord, startAndConsent, tr } from '../support/intakeScript';

type Place = 'menu' | 'dutchLevel' | 'dutchCanDo';

/** At the menu, or in the intake at the Dutch level question or at its first check ("I don't know": in Dutch, can you say your name …?), in `lng`. */
async function chatAt(lng: Language, place: Place): Promise<ChatDriver> {
  const chat = new ChatDriver();
  await startAndConsent(chat, lng);
  if (place !== 'menu') {
    await chat.tap(tr(lng, 'common:menu.intake'));
    await chat.tap(tr(lng, 'common:buttons.skip'));
    await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr(lng, 'common:buttons.skip'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.dutchLevel.prompt')]);
  }
  if (place === 'dutchCanDo') {
    await chat.tap(tr(lng, 'intake:levels.dontKnow'));
    expect(chat.texts().at(-1)).toContain(tr(lng, 'intake:canDo.A1', { language: tr(lng, 'intake:canDo.languages.dutch') }));
  }
  return chat;
}

const changedTexts = SUPPORTED_LANGUAGES.map((l) => tr(l, 'language:changed'));

/** `text` typed in a `from` chat at `place` switches to `to`, or (to: undefined) leaves the language as it was. */
async function expectSwitch(from: Language, place: Place, text: string, to: Language | undefined) {
  const chat = await chatAt(from, place);
  await chat.say(text);
  if (to) {
    expect(chat.texts()[0]).toBe(tr(to, 'language:changed'));
    expect((await personRecord(chat)).language).toBe(to);
  } else {
    expect(chat.texts().filter((t) => changedTexts.includes(t))).toEqual([]);
    expect((await personRecord(chat)).language).toBe(from);
  }
}

describe('a sentence about a language is no request to switch to it', () => {
  // What newcomers wrote: each was taken for a switch to Dutch, by people who had just said they cannot read it.
  it.each<[Language, Place, string]>([
    ['ar', 'menu', 'لغتي الهولندية ضعيفة'],
    ['ar', 'menu', 'الهولندية صعبة'],
    ['ar', 'menu', 'بدي اتعلم الهولندية'],
    ['fa', 'menu', 'هلندی من ضعیفه'],
    ['en', 'menu', 'dutch is hard'],
    ['en', 'menu', 'learning dutch now'],
    ['en', 'dutchCanDo', 'only basic dutch'],
    ['tr', 'menu', 'hollandacam kötü'],
  ])('%s at the %s: "%s" keeps the chat in its language', async (from, place, text) => {
    await expectSwitch(from, place, text, undefined);
  });

  it('"only basic dutch" at the check of the Dutch level gets the same check again, in English', async () => {
    const chat = await chatAt('en', 'dutchCanDo');
    await chat.say('only basic dutch');
    expect(chat.texts().at(-1)).toContain(tr('en', 'intake:canDo.A1', { language: tr('en', 'intake:canDo.languages.dutch') }));
  });
});

describe('a request to write in a language switches at any length', () => {
  // What newcomers wrote that was missed: four words or more.
  it.each<[Language, string, Language]>([
    ['en', 'mag ik in het nederlands verder?', 'nl'],
    ['en', 'kan het in het nederlands', 'nl'],
    ['nl', 'can you write in arabic', 'ar'],
    ['nl', 'بالعربي لو سمحت', 'ar'],
    ['nl', 'türkçe yaz', 'tr'],
    ['nl', 'فارسی بنویس', 'fa'],
    ['nl', 'ብትግርኛ', 'ti'],
  ])('%s at the menu: "%s" switches to %s', async (from, text, to) => {
    await expectSwitch(from, 'menu', text, to);
  });
});

/*
 * Messages written after the word lists were settled, none of them used to settle them: typos, mixed
 * scripts, emoji, requests and sentences about a language, at the menu and at the Dutch level question.
 */
describe('messages the word lists were not made from', () => {
  it.each<[Language, Place, string, Language | undefined]>([
    ['nl', 'menu', 'Kunt u in het Engels schrijven aub', 'en'],
    ['nl', 'menu', 'engels graag 🙏', 'en'],
    ['nl', 'menu', 'Arabisch alstublieft', 'ar'],
    ['nl', 'menu', 'kan ik verder in het Turks?', 'tr'],
    ['nl', 'menu', 'Tigrinia', 'ti'],
    ['en', 'menu', 'pls farsi', 'fa'],
    ['en', 'menu', 'Could you answer me in Turkish please', 'tr'],
    ['en', 'dutchLevel', 'continue in dutch', 'nl'],
    ['nl', 'menu', 'Ingilizce lütfen', 'en'],
    ['nl', 'menu', 'بالانكليزي', 'en'],
    ['nl', 'menu', 'ممكن تحكي معي بالعربي', 'ar'],
    ['nl', 'menu', 'فارسی لطفاً', 'fa'],
    ['nl', 'menu', 'به فارسی جواب بده', 'fa'],
    ['nl', 'menu', 'Türkçe yazın lütfen', 'tr'],
    ['nl', 'menu', 'ብቋንቋ ትግርኛ', 'ti'],
    ['en', 'menu', 'ትግርኛ በጃኻ', 'ti'],
    ['nl', 'menu', 'English pleaseee', 'en'],
    ['nl', 'menu', 'عربي plz', 'ar'],
    ['ar', 'menu', 'انا بتعلم الهولندية', undefined],
    ['ar', 'menu', 'الهولندية لغة صعبة كتير', undefined],
    ['fa', 'menu', 'هلندی خیلی سخته', undefined],
    ['en', 'menu', 'my english is ok but dutch is bad', undefined],
    ['en', 'menu', 'dutch is difficult for me', undefined],
    ['en', 'menu', 'Nederlands vind ik moeilijk', undefined],
    ['tr', 'menu', 'Hollandaca çok zor', undefined],
    ['tr', 'menu', 'felemenkçe kursu var mı', undefined],
    ['ti', 'menu', 'ሆላንድኛ ከቢድ እዩ', undefined],
    ['en', 'dutchLevel', 'i know a little dutch', undefined],
    ['ar', 'dutchLevel', 'شوية هولندي', undefined],
    ['fa', 'menu', 'من هلندی بلد نیستم', undefined],
    ['en', 'menu', 'I live in holland', undefined],
    ['en', 'menu', 'english teacher', undefined],
  ])('%s at the %s: "%s" → %s', async (from, place, text, to) => {
    await expectSwitch(from, place, text, to);
  });
});

describe('asking for a mentor in Tigrinya', () => {
  it.each(['ምስ መንቶር ክዛረብ እደሊ', 'መንቶር', 'ሜንተር በጃኹም'])('"%s" at the menu puts the person in line', async (text) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ti');
    await chat.say(text);
    expect(chat.texts()).toEqual([tr('ti', 'handoff:requested', { place: 1 }), tr('ti', 'handoff:howToWait')]);
  });
});
