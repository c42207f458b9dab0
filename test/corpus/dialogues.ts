import type { Language } from '../../src/i18n/languages';
import { parseLevel } from '../../src/domain/parseAnswers';

/**
 * Short dialogues (6 languages × 11 tasks × 3 channels, each with its own phrasing) as newcomers type them: words instead of buttons, mixed languages, emoji, typos.
 * Written for this corpus, apart from the locale lists and recognizer examples. Each dialogue runs on
 * one of three channels (the terminal/test adapter, the Emulator protocol over HTTP, WhatsApp over
 * signed webhooks); every turn names a text (locale key, in the dialogue's language unless given)
 * that must be among the bot's replies to it.
 */
export type Channel = 'test' | 'emulator' | 'whatsapp';
export interface Expect {
  key: string;
  lng?: Language;
}
export type Turn = [say: string, expect: Expect];
export interface Dialogue {
  name: string;
  lng: Language;
  channel: Channel;
  turns: Turn[];
}

/** How a person of each language opens, names their language, agrees: three ways each, one per channel. */
interface Opening {
  hello: [string, string, string];
  language: [string, string, string];
  agree: [string, string, string];
}

/** What they type for each task, three ways each. */
interface Phrasings {
  mentor: [string, string, string];
  delete: [string, string, string];
  yes: [string, string, string];
  otherLanguage: [[string, Language], [string, Language], [string, Language]];
  notUnderstood: [string, string, string];
  join: [string, string, string];
  name: [string, string, string];
  status: [string, string, string];
  skip: [string, string, string];
  level: [string, string, string];
  help: [string, string, string];
  questions: [string, string, string];
  stop: [string, string, string];
  /** A town as they write it, in their own script or language. */
  town: [string, string, string];
  /** "I am waiting for my permit" in their words (an asylum seeker). */
  asylum: [string, string, string];
}

const OPENINGS: Record<Language, Opening> = {
  nl: { hello: ['Hallo!', 'goedemorgen', 'hoi ik wil werk in de IT'], language: ['nederlands', 'Nederlnds', 'NL graag'], agree: ['ja', 'oké 👍', 'Ja hoor'] },
  en: { hello: ['Hello', 'hello there 🙂', 'Good morning, I want a job'], language: ['english', 'Englsh', 'english pls'], agree: ['yes', 'ok 👍', 'yeah sure'] },
  ar: { hello: ['مرحبا', 'السلام عليكم', 'اهلا بدي شغل'], language: ['عربي', 'العربية', 'بالعربي'], agree: ['نعم', 'موافق 👍', 'اي تمام'] },
  tr: { hello: ['Merhaba', 'selam iş arıyorum', 'iyi günler'], language: ['türkçe', 'Turkce', 'Türkçe lütfen'], agree: ['evet', 'tamam 👍', 'olur'] },
  fa: { hello: ['سلام، خوبی؟', 'سلام من کار میخوام', 'درود'], language: ['فارسی', 'دری', 'farsi'], agree: ['بله', 'باشه 👍', 'آره'] },
  ti: { hello: ['ሰላም', 'ሰላም ከመይ ኣለኹም', 'ሰላም ስራሕ እደሊ'], language: ['ትግርኛ', 'tigrinya', 'ትግርኛ በጃኹም'], agree: ['እወ', 'ሕራይ 👍', 'እወ ሕራይ'] },
};

const PHRASINGS: Record<Language, Phrasings> = {
  nl: {
    town: ['ik woon in Amsterdam', 'Den Haag', 'rotterdm'],
    asylum: ['asielzoeker', 'ik wacht op mijn status', 'asiel'],
    mentor: ['ik wil met een mens praten', 'mentor aub', 'kan ik een mentor spreken'],
    delete: ['verwijder mijn gegevens', 'wis alles van mij', 'mijn data weg'],
    yes: ['ja', 'ja hoor', '👍'],
    otherLanguage: [['English', 'en'], ['arabisch', 'ar'], ['Türkçe', 'tr']],
    notUnderstood: ['ik begrijp het niet', 'snap het niet', 'ik snap het niet 😕'],
    join: ['kan ik meedoen', 'meedoen', 'mag ik meedoen?'],
    name: ['Fatima', 'Yonas', 'Ali'],
    status: ['statushouder', 'ik heb een verblijfsvergunning', 'status'],
    skip: ['overslaan', 'sla over', 'volgende'],
    level: ['een beetje', 'gemiddeld', 'B1'],
    help: ['help', 'hulp', 'help me'],
    questions: ['vragen over IT', 'ik heb een vraag', 'vragen'],
    stop: ['stop', 'stoppen', 'ik wil stoppen'],
  },
  en: {
    town: ['I live in Utrecht', 'The Hague', 'eindhovn'],
    asylum: ['asylum seeker', 'asylum', 'i am an asylum seeker'],
    mentor: ['i want to talk to a human', 'mentor please', 'real person pls'],
    delete: ['delete my data', 'remove my data', 'erase everything about me'],
    yes: ['yes', 'yeah', '✅'],
    otherLanguage: [['Nederlands', 'nl'], ['farsi', 'fa'], ['ትግርኛ', 'ti']],
    notUnderstood: ["i don't understand", 'i dont understand', 'dont understand 😕'],
    join: ['can i join', 'join', 'can I join?'],
    name: ['Samir', 'Mehmet', 'Tesfay'],
    status: ['statushouder', 'I have a residence permit', 'i have status'],
    skip: ['skip', 'next', 'pass'],
    level: ['beginner', 'intermediate', 'b2'],
    help: ['help', 'help me', 'help pls'],
    questions: ['questions about IT', 'i have a question', 'questions'],
    stop: ['stop', 'cancel', 'quit'],
  },
  ar: {
    town: ['أمستردام', 'انا ساكن في روتردام', 'لاهاي'],
    asylum: ['طالب لجوء', 'لاجئ بدون إقامة', 'asielzoeker'],
    mentor: ['بدي احكي مع مرشد', 'مرشد', 'اريد التحدث مع شخص'],
    delete: ['احذف بياناتي', 'امسح بياناتي', 'حذف بياناتي'],
    yes: ['نعم', 'اي', '👍'],
    otherLanguage: [['English', 'en'], ['هولندي', 'nl'], ['فارسي', 'fa']],
    notUnderstood: ['ما فهمت شي', 'ما فهمت', 'مش فاهم'],
    join: ['هل يمكنني الانضمام', 'الانضمام', 'بدي انضم'],
    name: ['أمينة', 'محمد', 'Ahmad'],
    status: ['لدي إقامة', 'حاصل على إقامة', 'statushouder'],
    skip: ['تخطي', 'تخطى', 'التالي'],
    level: ['متوسط', 'شوي', 'بي ١'],
    help: ['مساعدة', 'ساعدني', 'help'],
    questions: ['أسئلة عن تكنولوجيا المعلومات', 'عندي سؤال', 'أسئلة'],
    stop: ['توقف', 'وقف', 'stop'],
  },
  tr: {
    town: ['Lahey', 'Amsterdam', 'Roterdam'],
    asylum: ['sığınmacı', 'iltica başvurusu', 'asielzoeker'],
    mentor: ['bir insanla konuşmak istiyorum', 'mentor', 'mentorla konuşmak istiyorum'],
    delete: ['verilerimi sil', 'bilgilerimi sil', 'verilerimi silin'],
    yes: ['evet', 'tamam', '👍'],
    otherLanguage: [['English', 'en'], ['arapça', 'ar'], ['Nederlands', 'nl']],
    notUnderstood: ['anlamadım', 'anlamıyorum', 'hiçbir şey anlamadım'],
    join: ['katılabilir miyim', 'katılmak istiyorum', 'katılabilir miyim?'],
    name: ['Ayşe', 'Emre', 'Zeynep'],
    status: ['oturma iznim var', 'statushouder', 'oturum izni'],
    skip: ['atla', 'geç', 'sonraki'],
    level: ['orta', 'biraz', 'a2'],
    help: ['yardım', 'yardim', 'help'],
    questions: ['IT hakkında sorular', 'bir sorum var', 'sorular'],
    stop: ['dur', 'durdur', 'stop'],
  },
  fa: {
    town: ['آمستردام', 'روتردام', 'اوترخت'],
    asylum: ['پناهجو', 'پناهنده بدون اقامت', 'asielzoeker'],
    mentor: ['میخوام با یک منتور صحبت کنم', 'منتور', 'میخوام با یک آدم حرف بزنم'],
    delete: ['اطلاعاتم را پاک کن', 'پاک کردن اطلاعات من', 'حذف اطلاعات'],
    yes: ['بله', 'آره', '👍'],
    otherLanguage: [['English', 'en'], ['عربی', 'ar'], ['ترکی', 'tr']],
    notUnderstood: ['نمی‌فهمم', 'متوجه نشدم', 'نفهمیدم'],
    join: ['میتونم شرکت کنم', 'شرکت', 'میتونم شرکت کنم؟'],
    name: ['Zahra', 'رضا', 'مریم'],
    status: ['اقامت دارم', 'statushouder', 'اقامت'],
    skip: ['رد کردن', 'رد', 'بعدی'],
    level: ['متوسط', 'کمی', 'بی ۱'],
    help: ['کمک', 'راهنما', 'help'],
    questions: ['سوال درباره IT', 'یک سوال دارم', 'سوال'],
    stop: ['توقف', 'بس', 'stop'],
  },
  ti: {
    town: ['ኣምስተርዳም', 'ሮተርዳም', 'Utrecht'],
    asylum: ['ሓታቲ ዑቕባ', 'ዑቕባ', 'asielzoeker'],
    mentor: ['ምስ መማኽርቲ ክዛረብ እደሊ', 'መማኽርቲ', 'mentor'],
    delete: ['ሓበሬታይ ደምስሱ', 'ሓበሬታይ ሰርዙ', 'delete my data'],
    yes: ['እወ', 'ሕራይ', '👍'],
    otherLanguage: [['English', 'en'], ['العربية', 'ar'], ['Nederlands', 'nl']],
    notUnderstood: ['ኣይተረደኣንን', 'ኣይርደኣንን', 'ኣይተረደኣኒን'],
    join: ['ክሳተፍ ይኽእል ዶ', 'ክሳተፍ', 'ክሳተፍ ይኽእል ዶ?'],
    name: ['Yonas', 'ሰላም', 'Selam'],
    status: ['statushouder', 'ናይ መንበሪ ፍቓድ ኣለኒ', 'ፍቓድ መንበሪ'],
    skip: ['ሕለፍ', 'skip', 'ዝቕጽል'],
    level: ['ማእከላይ', 'ቁሩብ', 'ቢ1'],
    help: ['ሓገዝ', 'help', 'ሓገዝ'],
    questions: ['ሕቶታት ብዛዕባ IT', 'ሕቶ ኣለኒ', 'ሕቶታት'],
    stop: ['ደው በል', 'stop', 'ኣቋርጽ'],
  },
};

const CHANNELS: readonly Channel[] = ['test', 'emulator', 'whatsapp'];

/** From the first message to the menu, typed: hello (greeting in that language on WhatsApp), the language by name, consent. */
function opening(lng: Language, i: number): Turn[] {
  const o = OPENINGS[lng];
  return [
    [o.hello[i], { key: 'common:greeting' }],
    [o.language[i], { key: 'consent:question' }],
    [o.agree[i], { key: 'common:menu.prompt' }],
  ];
}

function dialoguesFor(lng: Language): Dialogue[] {
  const p = PHRASINGS[lng];
  const out: Dialogue[] = [];
  CHANNELS.forEach((channel, i) => {
    const start = opening(lng, i);
    const d = (name: string, turns: Turn[]) => out.push({ name: `${lng}/${channel}: ${name}`, lng, channel, turns: [...start, ...turns] });
    d(`asks for a mentor in words ("${p.mentor[i]}")`, [[p.mentor[i], { key: 'handoff:howToWait' }]]);
    d(`deletes their data in words ("${p.delete[i]}", "${p.yes[i]}")`, [
      [p.delete[i], { key: 'delete:confirm' }],
      [p.yes[i], { key: 'delete:done' }],
    ]);
    const [other, otherLng] = p.otherLanguage[i];
    d(`switches language by typing "${other}" at the menu`, [[other, { key: 'language:changed', lng: otherLng }]]);
    d(`says "${p.notUnderstood[i]}" and gets the language choice`, [[p.notUnderstood[i], { key: 'language:prompt' }]]);
    d(`starts the intake in words and gives a level in words ("${p.level[i]}")`, [
      [p.join[i], { key: 'intake:fields.firstName.prompt' }],
      [p.name[i], { key: 'intake:fields.residenceStatus.prompt' }],
      [p.status[i], { key: 'intake:fields.municipality.prompt' }],
      [p.skip[i], { key: 'intake:fields.dutchLevel.prompt' }],
      // A level in words ("een beetje", "متوسط") is checked with that level's can-do statement before it counts; a level as such ("B1", "بی ۱") is not.
      ...(parseLevel(p.level[i], { none: [], dontKnow: [] }) === undefined
        ? ([
            [p.level[i], { key: 'intake:levelConfirm' }],
            [p.yes[i], { key: 'intake:fields.englishLevel.prompt' }],
          ] satisfies Turn[])
        : ([[p.level[i], { key: 'intake:fields.englishLevel.prompt' }]] satisfies Turn[])),
    ]);
    d(`asks for help ("${p.help[i]}")`, [[p.help[i], { key: 'common:help' }]]);
    d(`opens the questions in words ("${p.questions[i]}")`, [[p.questions[i], { key: 'faq:ask' }]]);
    d(`stops the intake in words ("${p.stop[i]}")`, [
      [p.join[i], { key: 'intake:fields.firstName.prompt' }],
      [p.stop[i], { key: 'common:stopped' }],
    ]);
    d(`gives the town as they write it ("${p.town[i]}")`, [
      [p.join[i], { key: 'intake:fields.firstName.prompt' }],
      [p.name[i], { key: 'intake:fields.residenceStatus.prompt' }],
      [p.status[i], { key: 'intake:fields.municipality.prompt' }],
      [p.town[i], { key: 'intake:fields.dutchLevel.prompt' }],
    ]);
    d(`is an asylum seeker ("${p.asylum[i]}") and gets the result at once, kindly`, [
      [p.join[i], { key: 'intake:fields.firstName.prompt' }],
      [p.name[i], { key: 'intake:fields.residenceStatus.prompt' }],
      [p.asylum[i], { key: 'eligibility:settled.not-yet' }],
    ]);
    d(`stops the intake and comes back to the same question ("${p.join[i]}")`, [
      [p.join[i], { key: 'intake:fields.firstName.prompt' }],
      [p.name[i], { key: 'intake:fields.residenceStatus.prompt' }],
      [p.stop[i], { key: 'common:stopped' }],
      [p.join[i], { key: 'intake:fields.residenceStatus.prompt' }],
    ]);
  });
  return out;
}

export const DIALOGUES: readonly Dialogue[] = (['nl', 'en', 'ar', 'tr', 'fa', 'ti'] as const).flatMap(dialoguesFor);
