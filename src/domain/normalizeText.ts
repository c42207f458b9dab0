/**
 * Folds the ways people write the same word into one form, per script, so matching does not depend
 * on case, accents, Arabic letter variants, Persian/Arabic look-alike letters or the digits used.
 * Ge'ez (Tigrinya) text is kept as it is, apart from punctuation.
 */
export function normalizeText(input: string): string {
  return foldDigits(input)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents, Arabic harakat (they are combining marks after NFKD)
    .toLowerCase()
    .replace(/\u0640/g, '') // tatweel
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef variants → alef
    .replace(/[\u0649\u06CC\u06D2]/g, '\u064A') // alef maksura, Persian yeh, yeh barree → yeh
    .replace(/\u06A9/g, '\u0643') // Persian kaf → Arabic kaf
    .replace(/\u0629/g, '\u0647') // teh marbuta → heh
    .replace(/\u0624/g, '\u0648') // waw with hamza → waw
    .replace(/\u0626/g, '\u064A') // yeh with hamza → yeh
    .replace(/[\u200C\u200D\u200E\u200F]/g, '') // zero-width (non-)joiners and direction marks
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
