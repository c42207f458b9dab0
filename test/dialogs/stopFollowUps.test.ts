import { Lexicon } from '../../dialogs/lexicon';
import { followUpWishIn, stopFollowUpsIn } from '../../dialogs/poolFollowUp';
import { remindersSwitchIn } from '../../dialogs/remindersSwitch';
import { translator } from '../support/chatDriver';

describe('"stop follow-ups" in the six languages', () => {
  const lexicon = new Lexicon(translator());

  it.each([
    'stop follow-ups',
    'Stop followups!',
    'no more follow ups please',
    'stop opvolging',
    'Geen opvolging meer',
    'stop opvolgng',
    'إيقاف المتابعة',
    'ايقاف المتابعه',
    'takibi durdur',
    'takibi durdr',
    'توقف پیگیری',
    'پیگیری نمیخوام',
    'ክትትል ጠጠው',
    'ክትትል ኣይደልን',
    // A typo or two in each word, more than the whole phrase may carry:
    'stopp opvolgnig',
    'Stpo follwo-ups',
    'ايقفا المتبعة',
    'takbi durudr',
    'تقوف پیگیزی',
    'ክትልት ኣቋጽር',
  ])('"%s" stops them', (text) => {
    expect(stopFollowUpsIn(lexicon, text)).toBe(true);
  });

  it.each([
    'stop',
    'stop reminders',
    'I want to stop the intake and follow a Dutch course first, is that possible?',
    'follow',
    '3',
    '',
    'opvolging van mijn cursus, hoe gaat dat?',
    'ik wil niet stoppen met de opleiding',
    'stop de opleiding',
    'stop opleiding',
    'start opvolging',
    'با من تماس بگیرید', // call me: one letter from "… نگیرید", the negation
    'لا أريد التوقف',
    'takibi durdurmayın',
  ])('"%s" does not', (text) => {
    expect(stopFollowUpsIn(lexicon, text)).toBe(false);
  });
});

describe('asking for follow-ups in the six languages', () => {
  const lexicon = new Lexicon(translator());

  it.each([
    'follow-ups',
    'I want updates',
    'keep me updated please',
    'opvolging',
    'houd me op de hoogte',
    'Hou me op de hoogte!',
    'المتابعة',
    'أريد المتابعة',
    'takip',
    'takip istiyorum',
    'beni haberdar edin',
    'پیگیری',
    'پیگیری میخوام',
    'ክትትል',
    'ክትትል እደሊ',
  ])('"%s" asks for them (not to stop them)', (text) => {
    expect(followUpWishIn(lexicon, text)).toBe('join');
    expect(stopFollowUpsIn(lexicon, text)).toBe(false);
  });

  it.each([
    ['stop follow-ups', 'stop'],
    ['takip istemiyorum', 'stop'],
    ['پیگیری نمیخوام', 'stop'],
    ['geen opvolging meer', 'stop'],
    ['I do not want updates', undefined],
    ['hello', undefined],
    ['Can you tell me more about the follow-ups after the Dutch course please?', undefined],
  ])('"%s" is %s', (text, wish) => {
    expect(followUpWishIn(lexicon, text)).toBe(wish);
  });
});

describe('"stop reminders" with a typo in each word', () => {
  const lexicon = new Lexicon(translator());

  it.each([
    ['stopp herinerigen', 'stop'],
    ['stpo remidners', 'stop'],
    ['start reminders', 'start'],
    ['ik wil niet stoppen met de opleiding', undefined],
    ['stop opvolging', undefined],
  ])('"%s" is %s', (text, expected) => {
    expect(remindersSwitchIn(lexicon, text)).toBe(expected);
  });
});
