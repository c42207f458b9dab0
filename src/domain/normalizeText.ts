/**
 * Persian writes a zero-width non-joiner (ZWNJ) inside a word between parts that are not joined
 * ("لپ‌تاپ", "کتاب‌ها", "می‌خواهم"). People type the same words with a space ("لپ تاپ") or with
 * nothing ("میخوام"), so the ZWNJ becomes a space, except after the verb prefix می/نمی at the start of
 * a word, which is nearly always typed joined to its verb.
 */
const ZWNJ_AFTER_VERB_PREFIX = /(^|[^\p{L}\p{M}])(ن?م[ی\u064A\u0649])\u200C/gu;

/**
 * The bot's own phrases (locale texts, button labels, configured names) keep their folded form in
 * memory: every turn compares what a person typed with the same phrases in six languages, and
 * folding is twenty passes over the string. At most this many are kept; then all are dropped.
 */
const KEPT_FORMS = 5000;
const forms = new Map<string, string>();

/**
 * As normalizeText, remembered: only for the bot's own words, never for what a person wrote (that
 * must not stay in the process after their turn, e.g. after they asked to be erased).
 */
export function normalizePhrase(phrase: string): string {
  let form = forms.get(phrase);
  if (form === undefined) {
    if (forms.size >= KEPT_FORMS) forms.clear();
    form = normalizeText(phrase);
    forms.set(phrase, form);
  }
  return form;
}

/**
 * Folds the ways people write the same word into one form, per script, so matching does not depend
 * on case, accents, Arabic letter variants, Persian/Arabic look-alike letters, joiners or the digits
 * used. Ge'ez (Tigrinya) text is kept as it is, apart from punctuation.
 */
export function normalizeText(input: string): string {
  return foldDigits(input)
    .replace(ZWNJ_AFTER_VERB_PREFIX, '$1$2')
    .replace(/[\u200B\u200C\u2060\uFEFF]/g, ' ') // ZWNJ and zero-width spaces separate words
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents, Arabic harakat (they are combining marks after NFKD)
    .toLowerCase()
    .replace(/\u0640/g, '') // tatweel
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627') // alef variants → alef
    .replace(/[\u0649\u06CC\u06D2\u06CD\u06D0]/g, '\u064A') // alef maksura, Persian/Urdu yeh forms → yeh
    .replace(/[\u06A9\u06AA]/g, '\u0643') // Persian kaf, swash kaf → Arabic kaf
    .replace(/[\u0629\u06C0\u06C1\u06D5]/g, '\u0647') // teh marbuta, Persian/Urdu heh forms → heh
    .replace(/\u0624/g, '\u0648') // waw with hamza → waw
    .replace(/\u0626/g, '\u064A') // yeh with hamza → yeh
    .replace(/[\u200D\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g, '') // zero-width joiner, direction marks and isolates
    .replace(/ı/g, 'i') // Turkish dotless i, so "hayir" and "hayır" meet
    .replace(/ß/g, 'ss')
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Arabic-Indic and Persian digits to 0–9; the Arabic decimal separator to a point. */
export function foldDigits(input: string): string {
  return input
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/(\d)\u066B(\d)/g, '$1.$2');
}
