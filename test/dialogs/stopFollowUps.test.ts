import { Lexicon } from '../../dialogs/lexicon';
import { stopFollowUpsIn } from '../../dialogs/poolFollowUp';
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
  ])('"%s" does not', (text) => {
    expect(stopFollowUpsIn(lexicon, text)).toBe(false);
  });
});
