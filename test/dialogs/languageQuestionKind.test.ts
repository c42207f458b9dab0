import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { tr } from '../support/intakeScript';

const languageButtons = (chat: ChatDriver) => chat.buttons().map((b) => b.title);

describe('a greeting or a yes at the language question', () => {
  it.each<[string, string, Language]>([
    ['tr-TR', 'Merhaba', 'tr'],
    ['tr-TR', 'selam', 'tr'],
    ['ar-SA', 'مرحبا', 'ar'],
    ['ar-SA', 'السلام عليكم', 'ar'],
    ['en-US', 'hi', 'en'],
    ['en-US', 'hello there', 'en'],
    ['ti-ER', 'ሰላም', 'ti'],
    ['nl-NL', 'hallo', 'nl'],
    ['fa-IR', 'سلام', 'fa'],
    ['fa-IR', 'بله', 'fa'],
  ])('with locale %s, "%s" gets the kind hint to choose in %s, that language first, not "I do not know that language"', async (locale, text, lng) => {
    const chat = new ChatDriver(undefined, { locale, channelId: 'msteams' });
    await chat.join();
    await chat.say(text);
    expect(chat.texts()).toEqual([tr(lng, 'language:chooseHint')]);
    expect(languageButtons(chat)[0]).toBe(tr(lng, `language:names.${lng}`));
    await chat.tap(tr(lng, `language:names.${lng}`));
    expect(chat.texts()[0]).toBe(tr(lng, 'language:changed'));
  });

  it('the Dutch "not that language" example names Dutch, the language the person writes in', () => {
    expect(tr('nl', 'language:notUnderstood')).toContain('"Nederlands"');
  });
});
