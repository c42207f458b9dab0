import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr } from '../support/intakeScript';

/** Two isolate marks in a row (FSI/LRI/RLI twice, or PDI twice): a value isolated twice. */
const TWICE = /[\u2066-\u2068]{2}|\u2069{2}/;

describe('a value inserted into an Arabic or Persian reply is isolated exactly once', () => {
  it.each<[Language, string]>([
    ['fa', 'نتیجه من'],
    ['ar', 'نتيجتي'],
  ])('%s: "%s" before a result names the button once isolated, where the text isolates its {{button}} itself', async (lng, text) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.say(text);
    const reply = chat.texts()[0];
    expect(reply).toContain(`"\u2068${tr(lng, 'common:menu.intake')}\u2069"`);
    expect(reply).not.toMatch(TWICE);
  });

  it.each<[Language, string]>([
    ['ar', 'فارسی'],
    ['fa', 'العربية'],
  ])('%s: a language named where a first name is asked ("%s") is offered with its name isolated once', async (lng, name) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.tap(tr(lng, 'common:menu.intake'));
    await chat.say(name);
    expect(chat.transcript()).toMatch(/\u2068[^\u2066-\u2069]+\u2069/);
    for (const reply of chat.texts()) expect(reply).not.toMatch(TWICE);
  });
});
