import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr } from '../support/intakeScript';

describe('"My result" before there is one', () => {
  it.each<[Language, string]>([
    ['fa', 'نتیجه من'],
    ['ar', 'نتيجتي'],
    ['nl', 'mijn uitslag'],
    ['en', 'my result'],
  ])('in %s, "%s" at the menu says there is no result yet and offers the questions', async (lng, text) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.say(text);
    expect(chat.texts()).toEqual([tr(lng, 'common:noResultYet', { button: tr(lng, 'common:menu.intake') }), tr(lng, 'common:menu.prompt')]);
    expect(chat.buttons().map((b) => b.title)).toContain(tr(lng, 'common:menu.intake'));
  });
});
