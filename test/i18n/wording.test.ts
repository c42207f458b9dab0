import path from 'node:path';
import { flattenKeys, readLocaleResources } from '../../src/i18n/localeResources';
import { SUPPORTED_LANGUAGES, type Language } from '../../src/i18n/languages';
import { PROJECT_ROOT } from '../../src/projectRoot';

/**
 * Wording rules for the texts people read: plain Dutch and English sources (A2), Turkish that says
 * "siz", Arabic and Tigrinya that do not address every reader as a man nor make every mentor one,
 * Tigrinya commas.
 */
const resources = readLocaleResources(path.join(PROJECT_ROOT, 'locales'));

/** Namespaces that are word lists people type or recognizer training data, not texts people read. */
const TYPED_WORDS = new Set(['faqExamples', 'commandPhrases', 'commands', 'answers']);
/** Keys inside a namespace that hold words people type (synonym lists are arrays, but some are texts). */
const isTypedKey = (key: string) => /ynonyms|Words|dontUnderstand|^names\./.test(key);

/** Every text (not list) people read in one language, as "ns:key" → text. */
function readTexts(lng: Language, namespaces?: string[]): [string, string][] {
  return Object.entries(resources[lng])
    .filter(([ns]) => !TYPED_WORDS.has(ns) && (!namespaces || namespaces.includes(ns)))
    .flatMap(([ns, tree]) =>
      [...flattenKeys(tree)]
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !isTypedKey(entry[0]))
        .map(([key, text]) => [`${ns}:${key}`, text] as [string, string]),
    );
}

/** The matches of a pattern in a text, as found (for a readable failure). */
const matches = (text: string, pattern: RegExp) => [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].map((m) => m[0]);

describe('Turkish speaks to the reader with "siz"', () => {
  const letter = '[a-zçğıöşüâî]';
  const informal = [
    // the pronoun sen and its forms
    new RegExp(`(?<!${letter})(sen|senin|sana|seni|sende|senden|seninle|sence|kendini)(?!${letter})`, 'u'),
    // second person singular verb endings after a tense or modal: istiyorsun, yapabilirsin, ister misin, edeceksin
    new RegExp(`(ir|ır|ur|ür|ar|er|yor|ecek|acak|mi|mı|mu|mü|di|dı|du|dü|ti|tı|tu|tü|meli|malı)(sin|sın|sun|sün)(?!${letter})`, 'u'),
    // a bare imperative ending a clause: "“sil” yaz.", "tekrar dene.", "bir düğme seç."
    new RegExp(`(?<!${letter})(yaz|seç|dene|gönder|sor|konuş|dinle|bas|bak|gel|kal|oku|dokun|bırak|iste|bul|ara)[.,!;:)]`, 'u'),
    // second person singular past tense
    new RegExp(`(?<!${letter})(istedin|söyledin|yaptın|çıktın|bitirmedin|geldin|kaldın)(?!${letter})`, 'u'),
  ];
  const lower = (text: string) => text.toLocaleLowerCase('tr');

  it('the patterns find the informal forms they are meant for', () => {
    const caught = (text: string) => informal.some((p) => p.test(lower(text)));
    expect(['Ne yapmak istiyorsun?', 'Bunu yapabilirsin.', 'Sana yardım ederim.', 'Her şeyi silmek için “sil” yaz.', 'Kabul ediyor musun?', 'Tekrar dene.'].filter((t) => !caught(t))).toEqual([]);
    expect(['Ne yapmak istiyorsunuz?', 'Bunu yapabilirsiniz.', 'Size yardım ederim.', 'Her şeyi silmek için “sil” yazın.', 'Kabul ediyor musunuz?', 'Tekrar deneyin.', 'Bu kişiyle ilgili her şey silinsin mi?'].filter(caught)).toEqual([]);
  });

  it('has no informal second person in any Turkish text', () => {
    const bad = readTexts('tr').flatMap(([key, text]) => informal.flatMap((p) => matches(lower(text), p)).map((m) => `${key}: "${m}" in ${text}`));
    expect(bad).toEqual([]);
  });
});

describe('Tigrinya', () => {
  it('uses ፣ as the comma, never the old word separator ፡ (in every Tigrinya file)', () => {
    const bad = Object.entries(resources.ti).flatMap(([ns, tree]) =>
      [...flattenKeys(tree)].flatMap(([key, value]) =>
        (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string' && v.includes('፡')).map((v) => `${ns}:${key}: ${v}`),
      ),
    );
    expect(bad).toEqual([]);
  });

  // Ge'ez syllables are U+1200–U+135A; its punctuation (። ፣ ፦) follows in the same block.
  // The masculine singular "you" (-ካ/-ኻ: ስምካ, ትኽእል ኢኻ, ዲኻ) and its commands (ጽሓፍ, ምረጽ) address every reader
  // as a man; the texts use the polite plural (-ኩም/-ኹም, ጽሓፉ, ምረጹ), the usual respectful form for anyone.
  const masculine = [
    /[\u1200-\u135A]*[ካኻ](ን|ኒ|ሞ|’ውን)?(?![\u1200-\u135A])/u,
    /(?<![\u1200-\u135A])(ምረጽ|ጽሓፍ|ፈትን|ስደድ|ሕተት|ርአ|ግደፍ|ተመለስ|ኣመልክት|ተለማመድ|ጠውቕ|ስማዕ|ድለ|ኣንብብ|ግበር|መልስ|ተቐበል|ጽሓፎ|ተዛረብ)(?![\u1200-\u135A])/u,
  ];

  it('the patterns find the masculine singular and pass the polite plural', () => {
    const caught = (text: string) => masculine.some((p) => p.test(text));
    expect(['ስምካ እንታይ እዩ?', 'ክትጽሕፍ ትኽእል ኢኻ።', 'ሓደ መጠወቒ ምረጽ።', 'ትሰማማዕ ዲኻ?'].filter((t) => !caught(t))).toEqual([]);
    expect(['ስምኩም እንታይ እዩ?', 'ክትጽሕፉ ትኽእሉ ኢኹም።', 'ሓደ መጠወቒ ምረጹ።', 'ትሰማምዑ ዲኹም?'].filter(caught)).toEqual([]);
  });

  it('addresses the reader in the polite plural, not as a man', () => {
    // The command words people type (ደው በል, ሕለፍ, ደምስስ) and buttons in the person's own voice are not address.
    const bad = readTexts('ti').flatMap(([key, text]) => masculine.flatMap((p) => matches(text, p)).map((m) => `${key}: "${m}" in ${text}`));
    expect(bad).toEqual([]);
  });
});

describe('Arabic does not address every reader as a man', () => {
  // Masculine commands and second-person verbs that the texts replaced with neutral forms (يُرجى + verbal noun,
  // يمكنك + verbal noun, nouns, the passive). A whole word only: اكتبي or اكتبوا would be a different choice.
  const masculine = /(?<![\u0600-\u06FF])(اكتب|اختر|حاول|اضغط|اسأل|ارجع|قدّم|تدرّب|انتبه|ابقَ|استمع|استلم|ابحث|اقرأ|تحدّث مع|هل تريد|هل تستطيع|هل توافق|لست متأكدًا|تقصد)(?![\u0600-\u06FF])/u;

  it('the pattern finds the masculine forms and passes the neutral ones', () => {
    expect(['من فضلك اكتب رسالتك.', 'هل تريد أن تكمل؟', 'اختر زرًا.'].filter((t) => !masculine.test(t))).toEqual([]);
    expect(['يُرجى كتابة رسالتك.', 'هل نكمل؟', 'يُرجى اختيار زر.', 'يمكنك طرح أسئلتك هنا.'].filter((t) => masculine.test(t))).toEqual([]);
  });

  it('has none of them in any Arabic text', () => {
    const bad = readTexts('ar').flatMap(([key, text]) => matches(text, masculine).map((m) => `${key}: "${m}" in ${text}`));
    expect(bad).toEqual([]);
  });
});

describe('Dutch and English sources at A2: no unexplained jargon, no bare statistics', () => {
  /** Texts a newcomer reads (the console and Teams texts are for mentors and staff). */
  const NEWCOMER = ['common', 'consent', 'delete', 'eligibility', 'faq', 'handoff', 'intake', 'language', 'voice'];
  const JARGON: Record<'nl' | 'en', RegExp[]> = {
    nl: [/leerwerktraject\w*/i, /\btraject(en)?\b/i, /intentieverklaring/i, /\bassessment\b/i, /\bscreening\b/i, /omschol\w*/i, /\bschoolt\b/i, /loopbaanoriëntatie/i, /traineeships?/i, /\bcao\b/i, /stand-ups?/i, /\bfeedback\b/i, /\bhbo\b/i, /statushouders?/i, /waardering(en)?\b/i, /klacht indienen/i, /praktijkopdracht/i, /gezinshereniging/i, /diplomawaardering/i, /kinderopvangtoeslag/i],
    en: [/leerwerktraject\w*/i, /learn-work trajector\w*/i, /\btrajector(y|ies)\b/i, /letter of intent/i, /\bassessment\b/i, /\bscreening\b/i, /\bretrain\w*/i, /career orientation/i, /traineeships?/i, /\bcao\b/i, /collective agreement/i, /stand-ups?/i, /\bfeedback\b/i, /\bhbo\b/i, /statushouders?/i, /\bevaluations?\b/i, /family reunification/i, /diplomawaardering/i, /kinderopvangtoeslag/i],
  };
  /** Figures that tell a newcomer nothing to act on: thousands, a year, a percentage, "per 1,000". */
  const STATISTICS = [/\b\d{1,3}[.,]\d{3}\b/, /\b(19|20)\d\d\b/, /\d\s?%/, /per (jaar|year)\b/i];

  /**
   * A term may stay where the text explains it: in brackets after plain words ("… (screening)"),
   * followed by an explanation in brackets ("statushouders (mensen met …)"), or named as the word for
   * what the sentence just said ("Dat heet een leerwerktraject.").
   */
  function explained(text: string, index: number, term: string): boolean {
    const before = text.slice(0, index);
    const insideBrackets = before.lastIndexOf('(') > before.lastIndexOf(')');
    const bracketAfter = /^(-\w+)?\s*\(/.test(text.slice(index + term.length)); // also "hbo-niveau (hogeschool)"
    const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf(': '), 0));
    const namedAsWord = /\b(heet|called)\b/i.test(sentence);
    return insideBrackets || bracketAfter || namedAsWord;
  }

  it('knows an explained term from a bare one', () => {
    const bare = (text: string, term: RegExp) => matches(text, term).some((m) => !explained(text, text.search(term), m));
    expect(bare('Wij maken je klaar voor een leerwerktraject.', /leerwerktraject/)).toBe(true);
    expect(bare('We kijken of het bij je past (screening).', /screening/)).toBe(false);
    expect(bare('VIT is voor statushouders (mensen met een verblijfsvergunning).', /statushouders/)).toBe(false);
    expect(bare('Tegelijk leren en werken. Dat heet een leerwerktraject.', /leerwerktraject/)).toBe(false);
  });

  it.each(['nl', 'en'] as const)('%s: every term a newcomer reads is explained where it stands', (lng) => {
    const bad: string[] = [];
    for (const [key, text] of readTexts(lng, NEWCOMER)) {
      if (key.includes('.options.')) continue; // answer buttons (≤ 20 characters) carry the official name, e.g. "Hbo of universiteit"
      for (const term of JARGON[lng]) {
        for (const m of text.matchAll(new RegExp(term.source, `${term.flags}g`))) {
          if (!explained(text, m.index ?? 0, m[0])) bad.push(`${key}: "${m[0]}" in ${text}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('%s: no bare statistics in texts a newcomer reads', (lng) => {
    const bad = readTexts(lng, NEWCOMER).flatMap(([key, text]) => STATISTICS.flatMap((p) => matches(text, p)).map((m) => `${key}: "${m}" in ${text}`));
    expect(bad).toEqual([]);
  });
});

describe('Arabic and Tigrinya do not make every mentor a man', () => {
  // "Your mentor is Sara": Arabic هو and Tigrinya እዩ before or after the name are masculine; the texts name
  // the mentor or staff member after a colon instead ("مرشدك: Sara", "መማኽሪኹም፦ Sara").
  const gendered: Partial<Record<Language, RegExp>> = {
    ar: /(?<![\u0600-\u06FF])(هو|هي)\s*\u2068?\{\{(name|mentor)\}\}/u,
    ti: /\{\{(name|mentor)\}\}\u2069?\s*(እዩ|እያ)(?![\u1200-\u135A])/u,
  };

  it('the patterns find a pronoun joined to the name and pass the colon', () => {
    expect(gendered.ar!.test('مرشدك هو \u2068{{name}}\u2069.')).toBe(true);
    expect(gendered.ti!.test('መማኽሪኹም {{name}} እዩ።')).toBe(true);
    expect(gendered.ar!.test('مرشدك: \u2068{{name}}\u2069.')).toBe(false);
    expect(gendered.ti!.test('መማኽሪኹም፦ {{name}}።')).toBe(false);
  });

  it.each(['ar', 'ti'] as const)('has none in any %s text', (lng) => {
    const bad = readTexts(lng).flatMap(([key, text]) => matches(text, gendered[lng]!).map((m) => `${key}: "${m}" in ${text}`));
    expect(bad).toEqual([]);
  });
});

describe('a reminder, read on its own, says the time is Dutch time', () => {
  // The booking confirmation says "(Dutch time)"; a reminder comes a day later without it in view.
  it.each(SUPPORTED_LANGUAGES.map((lng) => [lng] as const))('%s: the talk and interview reminders name the time zone the booking named', (lng) => {
    const dutchTime = /\([^()]*\)(?=[^()]*$)/u.exec(resources[lng].talk.hasBooking as string)![0];
    const reminders = readTexts(lng, ['reminders', 'interview']).filter(([key, text]) => /(^reminders:talk\.|^interview:reminder\.)/.test(key) && text.includes('{{when}}'));
    expect(reminders.length).toBe(4);
    expect(reminders.filter(([, text]) => !text.includes(dutchTime)).map(([key]) => key)).toEqual([]);
  });
});
