import { FakeGraph, WhatsAppPerson, whatsAppEnv } from '../support/fakeGraph';
import { appOnWhatsApp } from '../support/appSuites';
import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { postActivity, startTestApp } from '../support/testApp';
import { ELIGIBLE_ANSWERS, personRecord, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';
import { ChatDriver } from '../support/chatDriver';
import type { Language } from '../../src/i18n/languages';

/*
 * Defects found by going through the conversation as a newcomer would, each replayed on a real
 * channel: the list button's language, "thanks" at the menu, a very long message at the menu.
 */
describe('what a newcomer found, on WhatsApp', () => {
  const wa = appOnWhatsApp();

  it.each<[string, Language]>([
    ['مرحبا', 'ar'],
    ['Merhaba', 'tr'],
    ['ሰላም', 'ti'],
    ['Hello', 'en'],
  ])('the language list after "%s" has its button in that language, before any language is chosen', async (hello, lng) => {
    const person = new WhatsAppPerson(wa.app.url, wa.graph);
    const [list] = await person.say(hello);
    expect(list.interactive.type).toBe('list');
    expect(list.interactive.action.button).toBe(tr(lng, 'common:buttons.choose'));
  });

  it.each<[Language, string, string]>([
    ['nl', 'Nederlands', 'dank je'],
    ['en', 'English', 'thanks a lot 🙏'],
    ['ar', 'العربية', 'شكرا'],
    ['fa', 'فارسی', 'مرسی'],
    ['ti', 'ትግርኛ', 'የቐንየለይ'],
    ['tr', 'Türkçe', 'teşekkürler'],
  ])('%s: "thanks" at the menu gets a kind answer with the menu, in one message', async (lng, name, thanks) => {
    const person = new WhatsAppPerson(wa.app.url, wa.graph);
    await person.say('hi');
    await person.say(name);
    await person.say(tr(lng, 'consent:agree'));
    const replies = await person.say(thanks);
    expect(replies).toHaveLength(1);
    expect(replies[0].interactive.body.text).toBe(`${tr(lng, 'common:thanksReply')}\n\n${tr(lng, 'common:menu.prompt')}`);
  });
});

describe('what a newcomer found, over the Emulator protocol', () => {
  it('a 5,000-character message at the menu gets "only the first part was read" and the menu again', async () => {
    const connector = await new FakeConnector().start();
    const app = await startTestApp();
    try {
      const say = async (text: string) => {
        const before = connector.repliesIn('long-1').length;
        await postActivity(app.url, emulatorMessage(connector.url, text, { conversation: { id: 'long-1' }, from: { id: 'p-long', name: 'N', role: 'user' } }));
        return connector.repliesIn('long-1').slice(before);
      };
      await say('hallo');
      await say('Nederlands');
      await say('ja');
      const long = 'ik wil graag werken in de IT en ik heb veel ervaring. '.repeat(95);
      expect(long.length).toBeGreaterThan(5000);
      const replies = await say(long);
      expect(replies.map((r) => r.text)).toEqual([tr('nl', 'longMessage'), tr('nl', 'common:chooseButton')]);
      expect(replies[1].suggestedActions?.actions.map((a) => a.title)).toContain(tr('nl', 'common:menu.faq'));
    } finally {
      await app.stop();
      await connector.stop();
    }
  });
});

describe('a first message that could be in two languages', () => {
  it('"سلام" alone is Arabic and Persian: greeted in both, both offered first, each in one message on WhatsApp', async () => {
    const graph = await new FakeGraph().start();
    const app = await startTestApp(whatsAppEnv(graph));
    try {
      const person = new WhatsAppPerson(app.url, graph);
      const [list] = await person.say('سلام');
      const text: string = list.interactive.body.text;
      expect(text.startsWith(`${tr('ar', 'common:greeting')}\n\n${tr('fa', 'common:greeting')}\n\n`)).toBe(true);
      const rows = list.interactive.action.sections[0].rows.map((r: { title: string }) => r.title);
      expect(rows.slice(0, 2)).toEqual([tr('ar', 'language:names.ar'), tr('fa', 'language:names.fa')]);
      // "سلام، من کار میخوام" shows it is Persian: one greeting, Persian first.
      const other = new WhatsAppPerson(app.url, graph);
      const [persian] = await other.say('سلام من کار میخوام');
      expect(persian.interactive.body.text.startsWith(`${tr('fa', 'common:greeting')}\n\n${tr('fa', 'language:prompt')}`)).toBe(true);
    } finally {
      await app.stop();
      await graph.stop();
    }
  });
});

describe('"my result" typed at the mentor question', () => {
  it.each<[Language, string]>([
    ['fa', 'نتیجه من'],
    ['en', 'my result'],
    ['ar', 'نتيجتي'],
  ])('%s: "%s" after the result shows the result again instead of "not understood"', async (lng, typed) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await tapThroughIntake(chat, lng, ELIGIBLE_ANSWERS);
    expect(chat.texts().at(-1)).toBe(tr(lng, 'eligibility:mentorOffer'));
    await chat.say(typed);
    const text = chat.transcript();
    expect(text).toContain(tr(lng, 'eligibility:routesTitle'));
    expect(text).not.toContain(tr(lng, 'common:chooseButton'));
    expect(chat.texts().at(-1)).toBe(tr(lng, 'eligibility:mentorOffer'));
  });
});

describe('a level said in words is checked before it counts', () => {
  async function atDutchLevel(chat: ChatDriver) {
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
  }
  const language = () => tr('nl', 'intake:canDo.languages.dutch');
  const confirm = (level: string) => tr('nl', 'intake:levelConfirm', { language: language(), level, statement: tr('nl', `intake:canDo.${level}`, { language: language() }) });

  it('"goed" (B2, which means "apply directly") asks with the B2 can-do statement; "ja" keeps B2', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.say('goed');
    expect(chat.texts()).toEqual([confirm('B2')]);
    expect(chat.buttons().map((b) => b.title).slice(0, 2)).toEqual([tr('nl', 'common:buttons.yes'), tr('nl', 'common:buttons.no')]);
    await chat.say('ja');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.englishLevel.prompt')]);
    expect((await personRecord(chat)).intake).toMatchObject({ answers: { dutchLevel: 'B2' }, estimated: [] });
  });

  it('"nee" to the check finds the level with the can-do statements, and it counts as estimated', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.say('goed');
    await chat.say('nee');
    expect(chat.transcript()).toContain(tr('nl', 'intake:canDo.A1', { language: language() }));
    for (const answer of ['ja', 'ja', 'nee', 'nee', 'nee']) await chat.say(answer);
    expect(chat.texts().at(-1)).toBe(tr('nl', 'intake:fields.englishLevel.prompt'));
    expect((await personRecord(chat)).intake).toMatchObject({ answers: { dutchLevel: 'A2' }, estimated: ['dutchLevel'] });
  });

  it('a level typed or tapped as a level ("B2") is not asked about again', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.say('b2');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.englishLevel.prompt')]);
  });
});
