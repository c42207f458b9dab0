import type { Language } from './language';
import { normalizeText } from './normalizeText';
import { wordPattern } from './wordPattern';

/** Letters only Persian writes (Arabic keyboards give ي and ك, Persian ones ی and ک). */
const PERSIAN_LETTERS = /[\u067E\u0686\u0698\u06AF\u06CC\u06A9]/u;
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const GEEZ_SCRIPT = /[\u1200-\u137F\u1380-\u139F\u2D80-\u2DDF]/u;
/** Letters Turkish has and Dutch and English do not (ö and ü are German and Dutch loans too). */
const TURKISH_LETTERS = /[ğşıİĞŞ]/u;

/**
 * Common words per language, for short greetings and first messages. Words that two languages share
 * ("hi", "ok", "sorry") count for neither. Arabic words are written as normalizeText leaves them.
 */
const WORDS: Record<'ar' | 'fa' | 'tr' | 'nl' | 'en', readonly string[]> = {
  ar: ['مرحبا', 'اهلا', 'شو', 'ايش', 'كيف', 'كيفك', 'ماذا', 'انا', 'اريد', 'بدي', 'عندي', 'شكرا', 'نعم', 'لا', 'هل', 'في', 'على', 'الى', 'هذا', 'ما فهمت', 'العربيه', 'عربي', 'صباح الخير', 'مساء الخير', 'السلام عليكم'],
  fa: ['من', 'است', 'هست', 'میخواهم', 'میخوام', 'میشه', 'خوبی', 'چطوری', 'مرسی', 'ممنون', 'دارم', 'ندارم', 'بله', 'نه', 'چی', 'چه', 'کار', 'زبان', 'فارسی', 'دری', 'درود', 'سلام خوبی', 'نمیفهمم'],
  tr: ['merhaba', 'selam', 'selamlar', 'nasilsin', 'evet', 'hayir', 'ben', 'bir', 've', 'is', 'icin', 'var', 'yok', 'tesekkurler', 'tesekkur', 'anlamadim', 'turkce', 'iyi gunler', 'gunaydin', 'istiyorum'],
  nl: ['hallo', 'hoi', 'goedemorgen', 'goedemiddag', 'goedenavond', 'dag', 'ik', 'een', 'het', 'de', 'wil', 'niet', 'ja', 'nee', 'dank', 'bedankt', 'werk', 'ben', 'kan', 'mijn', 'hoe', 'wat', 'graag', 'begrijp', 'snap', 'nederlands', 'goed'],
  en: ['hello', 'good morning', 'good afternoon', 'i', 'the', 'a', 'want', 'is', 'my', 'yes', 'no', 'thanks', 'thank you', 'work', 'can', 'how', 'what', 'please', 'understand', 'english', 'job', 'am', 'are'],
};
const PATTERNS = Object.fromEntries(Object.entries(WORDS).map(([lng, words]) => [lng, new RegExp(wordPattern(words).source, 'gu')])) as Record<keyof typeof WORDS, RegExp>;

function score(text: string, lng: keyof typeof WORDS): number {
  return [...text.matchAll(PATTERNS[lng])].length;
}

function best(text: string, candidates: ReadonlyArray<keyof typeof WORDS>): Language | undefined {
  const scores = candidates.map((lng) => ({ lng, n: score(text, lng) })).sort((a, b) => b.n - a.n);
  return scores[0].n > 0 && scores[0].n > (scores[1]?.n ?? 0) ? scores[0].lng : undefined;
}

/**
 * The language a message is written in, when it shows: the script first (Ge'ez is Tigrinya here;
 * Arabic script is Persian when it has Persian letters or words, else Arabic), then Turkish letters,
 * then common words of Turkish, Dutch and English. Undefined when it does not show ("hi", "👍", "2").
 */
export function detectLanguage(input: string): Language | undefined {
  return likelyLanguages(input)[0];
}

/**
 * The languages a message may be written in, likeliest first: one where it shows, two where Arabic
 * script shows nothing more ("سلام" greets in Arabic and in Persian alike: Arabic first, then Persian),
 * none where nothing shows.
 */
export function likelyLanguages(input: string): Language[] {
  if (ARABIC_SCRIPT.test(input) && !GEEZ_SCRIPT.test(input) && !PERSIAN_LETTERS.test(input)) {
    const text = normalizeText(input);
    const [fa, ar] = [score(text, 'fa'), score(text, 'ar')];
    if (fa === ar) return ['ar', 'fa'];
  }
  const one = detectOne(input);
  return one ? [one] : [];
}

function detectOne(input: string): Language | undefined {
  if (GEEZ_SCRIPT.test(input)) return 'ti';
  if (ARABIC_SCRIPT.test(input)) {
    if (PERSIAN_LETTERS.test(input)) return 'fa';
    const text = normalizeText(input);
    return score(text, 'fa') > score(text, 'ar') ? 'fa' : 'ar';
  }
  if (TURKISH_LETTERS.test(input)) return 'tr';
  return best(normalizeText(input), ['tr', 'nl', 'en']);
}
