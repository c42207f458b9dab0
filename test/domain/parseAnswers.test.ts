import { normalizeText } from '../../src/domain/normalizeText';
import { matchChoice } from '../../src/domain/matchChoice';
import { parseFirstName, parseFreeText, parseHours, parseLevel } from '../../src/domain/parseAnswers';
import { findMunicipality, MUNICIPALITIES } from '../../src/domain/municipalities';
import { PROVINCES } from '../../src/domain/profile';

describe('normalizeText', () => {
  it.each([
    ['Ik Weet Het NIET!', 'ik weet het niet'],
    ['Fryslân', 'fryslan'],
    ["'s-Hertogenbosch", 's hertogenbosch'],
    ['أنا إسمي آمنة', 'انا اسمي امنه'], // alef variants, teh marbuta
    ['مـــرحبا', 'مرحبا'], // tatweel
    ['مُعَلِّم', 'معلم'], // harakat
    ['یک کتاب', 'يك كتاب'], // Persian yeh and kaf fold to Arabic
    ['می‌خواهم', 'ميخواهم'], // zero-width non-joiner
    ['٣٢ ساعة', '32 ساعه'],
    ['۴۰', '40'],
    ['HAYIR', 'hayir'],
    ['ሰላም! እወ።', 'ሰላም እወ'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('matchChoice', () => {
  const options = [
    { value: 'statushouder', phrases: ['Ik heb een status', 'statushouder', 'verblijfsvergunning', 'لدي إقامة'] },
    { value: 'asylum-seeker', phrases: ['Asielzoeker', 'asiel', 'azc'] },
    { value: 'other', phrases: ['Iets anders', 'anders'] },
  ];
  it.each([
    ['Ik heb een status', 'statushouder'], // the button, tapped
    ['STATUSHOUDER', 'statushouder'],
    ['لدي اقامة', 'statushouder'], // Arabic without hamza
    ['2', 'asylum-seeker'], // number of the option
    ['ik woon in een azc', 'asylum-seeker'], // phrase inside a sentence
    ['statushoudr', 'statushouder'], // a typo
    ['verblijfsvergunnig', 'statushouder'],
  ])('%s → %s', (answer, value) => {
    expect(matchChoice(answer, options)).toBe(value);
  });
  it.each([['banaan'], ['7'], [''], ['asiel of anders']])('nothing for %j', (answer) => {
    expect(matchChoice(answer, options)).toBeUndefined();
  });
});

describe('parseLevel', () => {
  const phrases = { none: ['geen', 'none', 'لا شيء'], dontKnow: ['weet ik niet', 'ik weet het niet', "i don't know", 'لا أعرف'] };
  it.each([
    ['B1', 'B1'],
    ['b1', 'B1'],
    ['B 1', 'B1'],
    ['niveau a2', 'A2'],
    ['A1 (beginner)', 'A1'],
    ['c2', 'C2'],
    ['ik weet het niet', 'dontKnow'],
    ['Weet ik niet', 'dontKnow'],
    ['لا اعرف', 'dontKnow'],
    ['geen', 'none'],
  ])('%s → %s', (answer, level) => {
    expect(parseLevel(answer, phrases)).toBe(level);
  });
  it.each([['B3'], ['goed'], ['D1']])('nothing for %s', (answer) => {
    expect(parseLevel(answer, phrases)).toBeUndefined();
  });
});

describe('parseHours', () => {
  it.each([
    ['32', 32],
    ['32 uur', 32],
    ['٣٢', 32],
    ['۴۰ ساعت', 40],
    ['20,5', 20.5],
    ['0', 0],
    ['80', 80],
  ])('%s → %s', (answer, hours) => {
    expect(parseHours(answer)).toBe(hours);
  });
  it.each([['81'], ['veel'], ['-']])('nothing for %s', (answer) => {
    expect(parseHours(answer)).toBeUndefined();
  });
});

describe('first name and free text', () => {
  it('accepts names in any script and refuses what is not a name', () => {
    expect(parseFirstName('  Amina ')).toBe('Amina');
    expect(parseFirstName('آمنة')).toBe('آمنة');
    expect(parseFirstName('ሳባ')).toBe('ሳባ');
    expect(parseFirstName("Jean-Pierre O'Neil")).toBe("Jean-Pierre O'Neil");
    expect(parseFirstName('1234')).toBeUndefined();
    expect(parseFirstName('x'.repeat(41))).toBeUndefined();
  });
  it('keeps free text with letters, cut at 1000 characters', () => {
    expect(parseFreeText('ik hou van computers')).toBe('ik hou van computers');
    expect(parseFreeText('?!')).toBeUndefined();
    expect(parseFreeText('a'.repeat(1200))).toHaveLength(1000);
  });
});

describe('municipalities', () => {
  it('ships all 342 municipalities of 2025, each in one of the 12 provinces', () => {
    expect(MUNICIPALITIES).toHaveLength(342);
    const counts = Object.fromEntries(PROVINCES.map((p) => [p, MUNICIPALITIES.filter((m) => m.province === p).length]));
    expect(counts).toEqual({
      Groningen: 10, Friesland: 18, Drenthe: 12, Overijssel: 25, Flevoland: 6, Gelderland: 51,
      Utrecht: 26, 'Noord-Holland': 44, 'Zuid-Holland': 50, Zeeland: 13, 'Noord-Brabant': 56, Limburg: 31,
    });
  });

  it.each([
    ['Zwolle', 'Zwolle', 'Overijssel'],
    ['zwolle', 'Zwolle', 'Overijssel'],
    ['Den Haag', "'s-Gravenhage", 'Zuid-Holland'],
    ['den bosch', "'s-Hertogenbosch", 'Noord-Brabant'],
    ['s-hertogenbosch', "'s-Hertogenbosch", 'Noord-Brabant'],
    ['Leeuwarden', 'Leeuwarden', 'Friesland'],
    ['Sudwest Fryslan', 'Súdwest-Fryslân', 'Friesland'],
    ['Amsterdm', 'Amsterdam', 'Noord-Holland'], // typo
    ['Rotterdan', 'Rotterdam', 'Zuid-Holland'],
    ['ik woon in Emmen', 'Emmen', 'Drenthe'],
    ['gemeente Ede', 'Ede', 'Gelderland'],
    ['Capelle aan den IJssel', 'Capelle aan den IJssel', 'Zuid-Holland'],
  ])('%s → %s (%s)', (answer, name, province) => {
    const match = findMunicipality(answer);
    expect(match).toEqual({ kind: 'found', municipality: expect.objectContaining({ name, province }) });
  });

  it('offers close names when a guess is not safe', () => {
    const match = findMunicipality('Bergen');
    expect(match.kind).toBe('suggest');
    expect(match.kind === 'suggest' && match.candidates.map((m) => m.name).sort()).toEqual(['Bergen (L)', 'Bergen (NH)', 'Bergen op Zoom']);
  });

  it('says unknown for a place that is not Dutch', () => {
    expect(findMunicipality('Damascus')).toEqual({ kind: 'unknown' });
    expect(findMunicipality('')).toEqual({ kind: 'unknown' });
  });
});
