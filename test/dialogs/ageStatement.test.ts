import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr } from '../support/intakeScript';
import { SUPPORTED_LANGUAGES, type Language } from '../../src/i18n/languages';

/*
 * "ik ben 50" is a statement, not a question: an answer that starts with a bare "No." reads as a
 * refusal. The age answer answers the statement and the question "is there an age limit?" alike.
 */
describe('the age answer', () => {
  it.each(SUPPORTED_LANGUAGES)('%s: does not start with a one-word "no"', (lng) => {
    const answer = tr(lng, 'faq:topics.age.answer');
    const firstSentence = answer.split(/[.:።፦]/)[0].trim();
    expect(firstSentence.split(/\s+/).length).toBeGreaterThan(1);
  });

  it.each<[Language, string]>([
    ['nl', 'ik ben 50'],
    ['ar', 'عمري ٤٥'],
    ['tr', '45 yaşındayım'],
  ])('%s: "%s" in the questions gets the age answer, not a refusal', async (lng, said) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.tap(tr(lng, 'common:menu.faq'));
    await chat.say(said);
    expect(chat.texts()).toEqual([tr(lng, 'faq:topics.age.answer'), tr(lng, 'faq:another')]);
    expect(chat.texts()[0]).not.toMatch(/^(Nee|No|لا|Hayır)[.,]/);
  });
});
