import { Lexicon } from '../../dialogs/lexicon';
import { stopFollowUpsIn } from '../../dialogs/poolFollowUp';
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
