import { ChoiceOption, matchChoice } from '../../src/domain/matchChoice';
import { NameWords, parseFirstName, parseLevel } from '../../src/domain/parseAnswers';
import { CEFR_LEVELS } from '../../src/domain/profile';
import { createTranslator } from '../../src/i18n/translator';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/languages';

/*
 * Answers as newcomers type them on WhatsApp, in the six languages, read as they mean them: the
 * privacy question, the level questions and the first name, with the bot's own word lists.
 */

const translator = createTranslator();
const everywhere = (key: string) => SUPPORTED_LANGUAGES.flatMap((l) => translator.list(l, key));
const labels = (key: string) => SUPPORTED_LANGUAGES.map((l) => translator.t(l, key));

/** Words of politeness or address that may stand beside a yes or no, as the lexicon gathers them. */
const companions = [...everywhere('answers:companions'), ...everywhere('common:thanksWords')];
/** The consent question's options as the consent dialog builds them (before the full text was shown). */
const consent: ChoiceOption<'agree' | 'more' | 'decline'>[] = [
  { value: 'agree', phrases: [...labels('consent:agree'), ...labels('common:buttons.yes'), ...everywhere('answers:yes')], wholeOnly: true, companions },
  { value: 'more', phrases: [...labels('consent:more'), ...everywhere('consent:moreWords')], forQuestions: true },
  { value: 'decline', phrases: [...labels('consent:decline'), ...labels('common:buttons.no'), ...everywhere('answers:no')], wholeOnly: true, companions },
];
/** After the full text: no "Read more". */
const consentAfterFullText = consent.filter((o) => o.value !== 'more');

describe('the privacy question', () => {
  it.each([
    ['en', 'why not', 'more'],
    ['en', 'is it not dangerous?', 'more'],
    ['en', 'Why not??', 'more'],
    ['en', 'what do you save', 'more'],
    ['nl', 'wat bewaar je niet?', 'more'],
    ['nl', 'waarom niet', 'more'],
    ['ar', 'لماذا لا؟', 'more'],
    ['ar', 'هل هذا خطير', 'more'],
    ['ar', 'لا اعرف شو يعني', 'more'],
    ['fa', 'چرا نه', 'more'],
    ['tr', 'neden hayır', 'more'],
    ['ti', 'ስለምንታይ ኣይፋል', 'more'],
    // Not understanding what is kept, in a language the person reads: the explanation.
    ['en', 'i do not understand what you save', 'more'],
    ['nl', 'ik snap het niet helemaal', 'more'],
    ['ar', 'اشرح لي من فضلك', 'more'],
    ['tr', 'tam anlamadım', 'more'],
  ])('%s: the question "%s" asks for the explanation (%s), it declines nothing', (_lng, text, expected) => {
    expect(matchChoice(text, consent)).toBe(expected);
  });

  it.each([
    ['en', 'I studied computer science but could not finish because of the war'],
    ['en', 'i have no idea'],
    ['ar', 'لا أفهم'],
    ['fa', 'نمی فهمم'],
    ['tr', 'pek anlamadım ama sorun yok galiba'],
    ['ti', 'ኣይተረደኣንን'],
    // Politeness words alone, or beside words that are no answer, say nothing.
    ['en', 'please'],
    ['tr', 'abi bir sorum var'],
  ])('%s: "%s" is no answer: the person is asked to choose', (_lng, text) => {
    expect(matchChoice(text, consent)).toBeUndefined();
    expect(matchChoice(text, consentAfterFullText)).toBeUndefined();
  });

  it.each([
    ['en', 'no'],
    ['en', 'No.'],
    ['en', 'no thanks'],
    ['en', 'No thank you 🙏'],
    ['en', 'not ok'],
    ['en', 'I dont agree'],
    ['en', 'No, thank you. I only want to ask questions'],
    ['nl', 'nee'],
    ['nl', 'Nee!'],
    ['nl', 'liever niet'],
    ['nl', 'nee bedankt'],
    ['nl', 'nee nee'],
    ['nl', 'Nee, ik wil dat niet'],
    ['ar', 'لا'],
    ['ar', 'لا، شكرا'],
    ['ar', 'لأ'],
    ['fa', 'نه'],
    ['fa', 'نه ممنون'],
    ['fa', 'موافق نیستم'],
    ['tr', 'hayır'],
    ['tr', 'Hayir'],
    ['tr', 'hayır teşekkür ederim'],
    ['ti', 'ኣይፋል'],
    ['ti', 'ኣይፋል የቐንየለይ'],
    ['any', '👎'],
  ])('%s: "%s" is a clear no', (_lng, text) => {
    expect(matchChoice(text, consent)).toBe('decline');
    expect(matchChoice(text, consentAfterFullText)).toBe('decline');
  });

  it.each([
    ['en', 'yes'],
    ['en', 'Yes, I agree'],
    ['en', 'ok 👍'],
    ['en', 'i agree'],
    ['en', 'yeah sure'],
    ['en', 'ok ok'],
    ['ar', 'اي تمام'],
    ['ti', 'እወ ሕራይ'],
    ['nl', 'ja'],
    ['nl', 'akkoord'],
    ['nl', 'Ja, prima.'],
    ['ar', 'نعم'],
    ['ar', 'موافق'],
    ['fa', 'بله'],
    ['fa', 'باشه'],
    ['tr', 'evet'],
    ['tr', 'sorun yok'],
    ['ti', 'እወ'],
    ['any', '👍'],
    // A yes with a word of politeness or address beside it, as people type it.
    ['en', 'yes pls'],
    ['en', 'yes please thanks'],
    ['tr', 'evet abi'],
    ['tr', 'tamam hocam'],
    ['nl', 'ja graag'],
    ['ar', 'نعم لو سمحت'],
    ['fa', 'بله لطفا'],
    ['ti', 'እወ ok እሰማማዕ'],
    ['ti', 'ሕራይ በጃኹም'],
  ])('%s: "%s" agrees', (_lng, text) => {
    expect(matchChoice(text, consent)).toBe('agree');
  });

  it('a question after the full text names nothing: the person is asked to choose', () => {
    expect(matchChoice('why not', consentAfterFullText)).toBeUndefined();
    expect(matchChoice('wat bewaar je niet?', consentAfterFullText)).toBeUndefined();
  });
});

describe('a no inside a sentence at other yes/no questions', () => {
  const yesNo: ChoiceOption<'yes' | 'no'>[] = [
    { value: 'yes', phrases: [...labels('common:buttons.yes'), ...everywhere('answers:yes')] },
    { value: 'no', phrases: [...labels('common:buttons.no'), ...everywhere('answers:no')] },
  ];
  it.each([
    ['why not', undefined],
    ['ik weet niet', undefined],
    ['not ok', 'no'],
    ['niet oké', 'no'],
    ['no problem', 'yes'],
    ['ok no problem', 'yes'],
    ['geen probleem', 'yes'],
    ['nee hoor', 'no'],
  ])('"%s" → %s', (text, expected) => {
    expect(matchChoice(text, yesNo)).toBe(expected);
  });
});

describe('the level questions', () => {
  const phrases = {
    none: [...labels('intake:levels.none'), ...everywhere('intake:levelSynonyms.none')],
    dontKnow: [...labels('intake:levels.dontKnow'), ...everywhere('intake:levelSynonyms.dontKnow')],
    words: Object.fromEntries(CEFR_LEVELS.filter((l) => l !== 'none').map((l) => [l, everywhere(`intake:levelSynonyms.${l}`)])),
  };
  it.each([['1'], ['2'], ['٢'], ['۲'], ['١'], ['2.'], [' 2 '], ['2 🙂']])('"%s" alone is no level (A2? B2? the second row?): it is asked again', (text) => {
    expect(parseLevel(text, phrases)).toBeUndefined();
  });
  it.each([['ok'], ['OK'], ['okay'], ['Oké']])('"%s" is no level', (text) => {
    expect(parseLevel(text, phrases)).toBeUndefined();
  });
  it.each([
    ['en', 'A2', 'A2'],
    ['en', 'b 1', 'B1'],
    ['nl', 'niveau a2', 'A2'],
    ['nl', 'A2 👍', 'A2'],
    ['ar', 'بي ٢', 'B2'],
    ['ar', 'ب١', 'B1'],
    ['fa', 'بی ۱', 'B1'],
    ['tr', 'B1 seviye', 'B1'],
    ['ti', 'ኤ2', 'A2'],
    ['en', 'intermediate', 'B1'],
    ['nl', 'geen', 'none'],
  ])('%s: "%s" → %s', (_lng, text, level) => {
    expect(parseLevel(text, phrases)).toBe(level);
  });
});

describe('the first name', () => {
  const words: NameWords = { before: everywhere('intake:nameWords.before'), after: everywhere('intake:nameWords.after'), notName: everywhere('intake:nameWords.notName') };
  it.each([
    ['en', 'my name is Ahmed', 'Ahmed'],
    ['en', 'My name is Ahmed.', 'Ahmed'],
    ['en', "hi, i'm Sara 😊", 'Sara'],
    ['en', 'Ahmed here', 'Ahmed'],
    ['nl', 'ik heet Ahmed', 'Ahmed'],
    ['nl', 'Hallo, mijn naam is Amina', 'Amina'],
    ['ar', 'اسمي أحمد', 'أحمد'],
    ['ar', 'انا اسمي محمد علي', 'محمد علي'],
    ['fa', 'اسمم احمد است', 'احمد'],
    ['fa', 'اسم من زهرا هست', 'زهرا'],
    ['tr', 'benim adım Ahmet', 'Ahmet'],
    ['tr', 'Adım Ayşe', 'Ayşe'],
    ['ti', 'ስመይ ኣሕመድ እዩ', 'ኣሕመድ'],
    ['ti', 'ሰላም ስመይ ሳባ', 'ሳባ'],
    ['ti', 'ሰላም', 'ሰላም'], // Selam is a name as well as a greeting
    ['en', 'Jean-Pierre', 'Jean-Pierre'],
    ['tr', 'Can', 'Can'],
    ['en', 'Kim Lee', 'Kim Lee'],
    ['nl', 'Wil', 'Wil'],
    ['nl', 'ik ben Anna van Dijk', 'Anna van Dijk'],
    ['nl', 'Lisa de Vries', 'Lisa de Vries'],
  ])('%s: "%s" → %s', (_lng, text, name) => {
    expect(parseFirstName(text, words)).toBe(name);
  });
  it.each([
    ['en', 'is it fulltime'],
    ['en', 'is it fulltime?'],
    ['en', 'Ahmed?'],
    ['en', 'what'],
    ['en', 'I want to work in IT'],
    ['en', 'i am from syria'],
    ['en', 'ok'],
    ['nl', 'hoeveel uur is het'],
    ['nl', 'waarom wil je dat weten'],
    ['nl', 'ik heet'],
    ['ar', 'لماذا تريد اسمي'],
    ['ar', 'هل العمل بدوام كامل'],
    ['fa', 'چرا اسمم را میخواهید'],
    ['tr', 'tam zamanlı mı'],
    ['tr', 'neden'],
    ['ti', 'ስለምንታይ ስመይ ደሊኹም'],
    ['en', 'my name is 123'],
  ])('%s: "%s" is no name', (_lng, text) => {
    expect(parseFirstName(text, words)).toBeUndefined();
  });
});
