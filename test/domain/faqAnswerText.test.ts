import { answerTextProblem, normalizeAnswerText } from '../../src/domain/faqAnswerText';
import { editedAnswerProblem, renderAnswer } from '../../src/i18n/editedAnswers';
import { FSI, PDI } from '../../src/i18n/bidi';

describe('answerTextProblem', () => {
  it.each([
    ['Het kost niets. 👍\n\n• *Gratis* voor jou\n• _Geen_ borg', undefined],
    ['Kijk op https://www.werk.nl/werkzoekenden voor meer.', undefined],
    ['Je gegevens gaan weg na {{answerDays}} dagen, de chat na {{ chatDays }} dagen.', undefined],
    ['data: we keep your answers', undefined],
    ['   \n\t ', 'empty'],
    ['x'.repeat(4097), 'too-long'],
    ['<b>Gratis</b>', 'markup'],
    ['Klik <a href="https://evil.example">hier</a>', 'markup'],
    ['Tom &amp; Jerry', 'markup'],
    ['Lees [onze site](https://evil.example)', 'link'],
    ['![logo](https://evil.example/x.png)', 'link'],
    ['[1]: https://evil.example', 'link'],
    ['Zie http://insecure.example', 'link'],
    ['ftp://files.example/a', 'link'],
    ['javascript:alert(1)', 'link'],
    ['Je naam is {{name}}', 'placeholder'],
    ['Half {{answerDays', 'placeholder'],
    ['Omgedraaid \u202Etekst', 'control'],
    ['Null\u0000byte', 'control'],
  ])('%j → %s', (text, problem) => {
    expect(answerTextProblem(normalizeAnswerText(text))).toBe(problem);
  });

  it('counts characters as people do: 4,096 emoji are allowed, 4,097 are not', () => {
    expect(answerTextProblem('😀'.repeat(4096))).toBeUndefined();
    expect(answerTextProblem('😀'.repeat(4097))).toBe('too-long');
  });
});

describe('renderAnswer', () => {
  it('fills in the retention days, and isolates Latin words and values in right-to-left text', () => {
    expect(renderAnswer('en', 'Deleted after {{answerDays}} days.', { answerDays: 30 })).toBe('Deleted after 30 days.');
    expect(renderAnswer('ar', 'برنامج VIT يحذف بعد {{answerDays}} يوما.', { answerDays: 30 })).toBe(`برنامج ${FSI}VIT${PDI} يحذف بعد ${FSI}30${PDI} يوما.`);
  });

  it('refuses a text that only becomes too long once filled in', () => {
    const text = `${'a'.repeat(4080)} {{answerDays}}`;
    expect(answerTextProblem(text)).toBeUndefined();
    expect(editedAnswerProblem('en', text, { answerDays: '1'.repeat(20) })).toBe('too-long');
  });
});
