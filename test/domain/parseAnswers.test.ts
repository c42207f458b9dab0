import { normalizeText } from '../../src/domain/normalizeText';
import { matchChoice } from '../../src/domain/matchChoice';
import { parseFirstName, parseFreeText, parseHours, parseLevel } from '../../src/domain/parseAnswers';
import { findMunicipality, MUNICIPALITIES } from '../../src/domain/municipalities';
import { PROVINCES, RESIDENCE_STATUSES } from '../../src/domain/profile';
import { looksLikeQuestion } from '../../src/domain/looksLikeQuestion';
import { LEVEL_CHOICES } from '../../src/domain/intake';
import { createTranslator } from '../../src/i18n/translator';
import { Language, SUPPORTED_LANGUAGES } from '../../src/i18n/languages';

describe('normalizeText', () => {
  it.each([
    ['Ik Weet Het NIET!', 'ik weet het niet'],
    ['Fryslân', 'fryslan'],
    ["'s-Hertogenbosch", 's hertogenbosch'],
    ['أنا إسمي آمنة', 'انا اسمي امنه'], // alef variants, teh marbuta
    ['مـــرحبا', 'مرحبا'], // tatweel
    ['مُعَلِّم', 'معلم'], // harakat
    ['یک کتاب', 'يك كتاب'], // Persian yeh and kaf fold to Arabic
    ['می‌خواهم', 'ميخواهم'], // ZWNJ after the verb prefix: joined, as "میخوام" is typed
    ['نمی‌دونم', 'نميدونم'],
    ['لپ‌تاپ دارم؟', 'لپ تاپ دارم'], // ZWNJ inside a word: a space, as "لپ تاپ" is typed
    ['کلاس‌ها', 'كلاس ها'],
    ['هزینه‌ی دوره', 'هزينه ي دوره'],
    ['برنامه\u200Bنویسی', 'برنامه نويسي'], // zero-width space
    ['\u202Bسلام\u202C', 'سلام'], // direction embedding
    ['\u06C0', 'ه'], // heh with yeh above
    ['ﻻپ ﺗﺎﭖ', 'لاپ تاپ'], // presentation forms
    ['كتاب ڪ', 'كتاب ك'], // swash kaf
    ['٣٢ ساعة', '32 ساعه'],
    ['۴۰', '40'],
    ['HAYIR', 'hayir'],
    ['ሰላም! እወ።', 'ሰላም እወ'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('reads a Persian word the same with a ZWNJ, a space or its Arabic letters', () => {
    const forms = ['لپ‌تاپ', 'لپ تاپ', 'لپ\u200Cتاپ'];
    expect(new Set(forms.map(normalizeText)).size).toBe(1);
    expect(normalizeText('می‌خوام یک کامپیوتر')).toBe(normalizeText('میخوام يك كامپيوتر'));
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
    ['80', 80],
  ])('%s → %s', (answer, hours) => {
    expect(parseHours(answer)).toBe(hours);
  });
  it.each([['81'], ['veel'], ['-'], ['0'], ['0 uur']])('nothing for %s (no hours is no answer)', (answer) => {
    expect(parseHours(answer)).toBeUndefined();
  });
  it.each([
    ['fulltime', 40],
    ['tam zamanlı', 40],
    ['twintig uur', 20],
    ['دوام كامل', 40],
  ])('%s in words → %s', (answer, hours) => {
    expect(parseHours(answer, { '40': ['fulltime', 'tam zamanlı', 'دوام كامل'], '20': ['twintig'] })).toBe(hours);
  });
});

describe('levels in words and in other scripts', () => {
  const phrases = { none: ['geen'], dontKnow: ['weet ik niet'], words: { A1: ['een beetje', 'beginner'], B1: ['متوسط', 'orta'] } };
  it.each([
    ['een beetje', 'A1'],
    ['beginner', 'A1'],
    ['متوسط', 'B1'],
    ['orta', 'B1'],
    ['بی ۱', 'B1'],
    ['ب1', 'B1'],
    ['ቢ2', 'B2'],
  ])('%s → %s', (answer, level) => {
    expect(parseLevel(answer, phrases)).toBe(level);
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

describe('looksLikeQuestion', () => {
  it.each<[Language, string]>([
    ['nl', 'kan ik meedoen'],
    ['nl', 'wat kost het'],
    ['nl', 'en hoeveel uur moet ik werken'],
    ['nl', 'is er een cursus'],
    ['nl', 'Syrië?'],
    ['en', 'what does it cost'],
    ['en', 'do I need a diploma'],
    ['en', 'is there a course'],
    ['tr', 'ücretli mi'],
    ['tr', 'para ödemem gerekiyor mu'],
    ['tr', 'ücret ne kadar'],
    ['tr', 'kim katılabilir'],
    ['ar', 'هل الدورة مجانية'],
    ['ar', 'الدورة قديش'],
    ['ar', 'ما هي الشروط'],
    ['ar', 'كم تكلف؟'],
    ['fa', 'آیا هزینه دارد'],
    ['fa', 'دوره چقدر طول میکشه'],
    ['fa', 'کی می‌تواند شرکت کند'],
    ['ti', 'ክፍሊት ኣለዶ'],
    ['ti', 'እንታይ ይሓትት'],
    ['ti', 'ክሳተፍ ይኽእል ድየ'],
  ])('%s: %s is a question', (_lng, text) => {
    expect(looksLikeQuestion(text)).toBe(true);
  });

  it.each<[Language, string]>([
    ['nl', 'weet ik niet'],
    ['nl', 'ik weet het niet'],
    ['nl', 'Syrië'],
    ['nl', 'vluchteling'],
    ['nl', 'fulltime'],
    ['nl', 'is goed'],
    ['nl', 'ik kan 32 uur'],
    ['en', 'I have no permit'],
    ['en', 'Jean Pierre'],
    ['tr', 'Kim'],
    ['tr', 'oturum izni yok'],
    ['ar', 'امستردام'],
    ['ar', 'من سوريا'],
    ['ar', 'ما عندي اقامة'],
    ['fa', 'اقامت ندارم'],
    ['fa', 'کم بلدم'],
    ['ti', 'መንበሪ ፍቓድ የብለይን'],
    ['ti', 'ሳባ'],
  ])('%s: %s is not a question', (_lng, text) => {
    expect(looksLikeQuestion(text)).toBe(false);
  });
});

describe('negated answers', () => {
  const translator = createTranslator();
  const statusOptions = RESIDENCE_STATUSES.map((value) => ({
    value,
    phrases: SUPPORTED_LANGUAGES.flatMap((l) => [
      translator.t(l, `intake:fields.residenceStatus.options.${value}`),
      ...translator.list(l, `intake:fields.residenceStatus.synonyms.${value}`),
    ]),
  }));

  it.each<[Language, string]>([
    ['nl', 'ik heb geen status'],
    ['nl', 'geen verblijfsvergunning'],
    ['en', 'I have no permit'],
    ['en', "I don't have a residence permit"],
    ['ar', 'ليس عندي اقامة'],
    ['ar', 'لا أملك إقامة'],
    ['tr', 'oturum izni yok'],
    ['tr', 'oturum iznim değil'],
    ['fa', 'اقامت ندارم'],
    ['fa', 'اقامت نمی‌گیرم'],
    ['ti', 'መንበሪ ፍቓድ የብለይን'],
    ['ti', 'ስታቱስ ኣይረኸብኩን'],
  ])('%s: %s is not "statushouder": the question is asked again', (_lng, text) => {
    expect(matchChoice(text, statusOptions)).toBeUndefined();
  });

  it.each<[Language, string, string]>([
    ['nl', 'ik heb nog geen status', 'asylum-seeker'],
    ['en', 'no permit yet', 'asylum-seeker'],
    ['ar', 'ما عندي اقامة', 'asylum-seeker'],
    ['tr', 'oturumum yok', 'asylum-seeker'],
    ['fa', 'هنوز اقامت ندارم', 'asylum-seeker'],
    ['ti', 'ወረቐት የብለይን', 'asylum-seeker'],
    ['nl', 'ik heb een status', 'statushouder'],
    ['ar', 'عندي اقامة', 'statushouder'],
  ])('%s: %s matches the choice whose own words say so (%s)', (_lng, text, value) => {
    expect(matchChoice(text, statusOptions)).toBe(value);
  });

  it('"not sure" is not "sure", and "niet goed" is no', () => {
    const yesNo = [
      { value: 'yes', phrases: ['yes', 'sure', 'goed'] },
      { value: 'no', phrases: ['no', 'niet'] },
    ];
    expect(matchChoice('not sure', yesNo)).toBeUndefined();
    expect(matchChoice('niet goed', yesNo)).toBe('no');
  });
});

describe('typed numbers at the level question', () => {
  const phrases = { none: ['geen'], dontKnow: ['weet ik niet'] };
  it('"1" and "2" alone are no level: A1? B2? the first or second row? (rows are not numbered on WhatsApp)', () => {
    expect(['1', '2', '٢', '۱', '2.'].map((n) => parseLevel(n, phrases))).toEqual(Array(5).fill(undefined));
  });
  it('from 3 they count the buttons as shown: 3) A2 … 8) I don\'t know', () => {
    expect(LEVEL_CHOICES).toEqual(['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'dontKnow']);
    expect(['3', '4', '8', '٨'].map((n) => parseLevel(n, phrases))).toEqual(['A2', 'B1', 'dontKnow', 'dontKnow']);
    expect(parseLevel('9', phrases)).toBeUndefined();
    expect(parseLevel('0', phrases)).toBeUndefined();
  });
});

describe('municipality suggestions', () => {
  it.each([['nee'], ['ja'], ['b1'], ['weet ik niet']])('suggests nothing for %j', (text) => {
    expect(findMunicipality(text)).toEqual({ kind: 'unknown' });
  });
});
