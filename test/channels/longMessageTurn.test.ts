import { WhatsAppPerson } from '../support/fakeGraph';
import { appOnEmulator, appOnWhatsApp } from '../support/appSuites';
import { emulatorMessage } from '../support/fakeConnector';
import { postActivity } from '../support/testApp';
import { tr } from '../support/intakeScript';
import { repeatedSentences } from '../support/repeatedSentences';
import { MAX_TEXT_CHARS } from '../../src/bot/longText';

/*
 * A message longer than the bot reads is the same message cut to its first part, with one short
 * notice at the start of the reply: the question waiting is asked again when that part is no answer,
 * and an answer is not followed by its question twice.
 */
const LONG_NAME = 'My name is Ali and I come from Syria and I want to work in IT. '.repeat(40);
const LONG_QUESTION = 'How long does the VIT course take and do I need to pay for it? '.repeat(30);
const body = (m: Record<string, any>): string => m.text?.body ?? m.interactive?.body?.text ?? '';
const choices = (m: Record<string, any>): string[] =>
  m.type !== 'interactive' ? [] : m.interactive.type === 'button' ? m.interactive.action.buttons.map((b: any) => b.reply.title) : m.interactive.action.sections[0].rows.map((r: any) => r.title);

test('the long messages are longer than the bot reads', () => {
  expect(LONG_NAME.length).toBeGreaterThan(MAX_TEXT_CHARS);
  expect(LONG_QUESTION.length).toBeGreaterThan(MAX_TEXT_CHARS);
});

describe('a very long message on WhatsApp (signed webhooks, fake Graph API)', () => {
  const wa = appOnWhatsApp();

  async function atMenu(): Promise<WhatsAppPerson> {
    const person = new WhatsAppPerson(wa.app.url, wa.graph);
    await person.say('hi');
    await person.tap('English');
    await person.tap(tr('en', 'consent:agree'));
    return person;
  }

  it('at the first-name question: the notice and the question again, with its buttons, in one message', async () => {
    const person = await atMenu();
    await person.say(tr('en', 'common:menu.intake'));
    const replies = await person.say(LONG_NAME);
    expect(replies).toHaveLength(1);
    expect(body(replies[0])).toBe(`${tr('en', 'common:longMessage')}\n\n${tr('en', 'intake:fields.firstName.retry')}`);
    expect(choices(replies[0])).toContain(tr('en', 'common:buttons.skip'));
    // "Ali" now answers the question the person can see; the next question follows.
    const next = await person.say('Ali');
    expect(next.map(body).join('\n')).toContain(tr('en', 'intake:fields.residenceStatus.prompt'));
  });

  it('in the questions: the notice, the answer and "another question?" once, in one message', async () => {
    const person = await atMenu();
    await person.say(tr('en', 'common:menu.faq'));
    const replies = await person.say(LONG_QUESTION);
    expect(replies).toHaveLength(1);
    const text = body(replies[0]);
    expect(text.startsWith(`${tr('en', 'common:longMessage')}\n\n${tr('en', 'faq:topics.costs.answer')}`)).toBe(true);
    expect(text.endsWith(tr('en', 'faq:another'))).toBe(true);
    expect(repeatedSentences(replies.map(body))).toEqual([]);
    expect(choices(replies[0]).length).toBeGreaterThan(0);
  });
});

describe('a very long message over the Emulator protocol', () => {
  const emu = appOnEmulator();

  /** A newcomer at the menu in English; `say` returns the replies of that turn (the request ends with the turn). */
  async function atMenu(id: string) {
    const say = async (text: string) => {
      const before = emu.connector.repliesIn(id).length;
      await postActivity(emu.app.url, emulatorMessage(emu.connector.url, text, { conversation: { id }, from: { id: `p-${id}`, name: 'N', role: 'user' } }));
      return emu.connector.repliesIn(id).slice(before);
    };
    await say('hello');
    await say('English');
    await say(tr('en', 'consent:agree'));
    return say;
  }

  it('at the first-name question: the notice, then the question again with its buttons', async () => {
    const say = await atMenu('long-name');
    await say(tr('en', 'common:menu.intake'));
    const replies = await say(LONG_NAME);
    expect(replies.map((r) => r.text)).toEqual([tr('en', 'common:longMessage'), tr('en', 'intake:fields.firstName.retry')]);
    expect(replies[1].suggestedActions?.actions.map((a) => a.title)).toContain(tr('en', 'common:buttons.skip'));
  });

  it('in the questions: the notice, the answer and "another question?" once', async () => {
    const say = await atMenu('long-faq');
    await say(tr('en', 'common:menu.faq'));
    const replies = await say(LONG_QUESTION);
    expect(replies.map((r) => r.text)).toEqual([tr('en', 'common:longMessage'), tr('en', 'faq:topics.costs.answer'), tr('en', 'faq:another')]);
    expect(replies[2].suggestedActions?.actions.length).toBeGreaterThan(0);
  });
});
