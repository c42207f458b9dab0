import { foldDigits, normalizeText } from './normalizeText';

/** What stands in for a masked e-mail address or number in a kept question. */
export const MASKED_EMAIL = '[e-mail]';
export const MASKED_NUMBER = '[number]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// Five or more digits, allowing the spaces, dots, dashes and brackets of a phone, BSN or IBAN number.
const LONG_NUMBER = /\+?\d[\d\s().-]{3,}\d/g;
const IBAN = /\b[A-Z]{2}\d{2}\s?[A-Z]{4}[\d\s]{8,}\b/gi;
// "my name is X" / "ik heet X" / "I am X": the word after it is a name.
const NAME_AFTER = /\b(my name is|name is|ik heet|mijn naam is|ich heiße|benim adım|adım|i am called)\s+\p{L}+/giu;

/**
 * A question as it may be kept without its author: e-mail addresses, long numbers (phone, BSN, IBAN)
 * and a name introduced as such are masked. Names said in passing cannot be found this way, which is
 * why a kept question is never tied to a person either.
 */
export function maskPersonalText(text: string): string {
  const digits = foldDigits(text);
  return digits
    .replace(EMAIL, MASKED_EMAIL)
    .replace(IBAN, MASKED_NUMBER)
    .replace(LONG_NUMBER, (run) => ((run.match(/\d/g)?.length ?? 0) >= 5 ? MASKED_NUMBER : run))
    .replace(NAME_AFTER, (_all, lead: string) => `${lead} [name]`);
}

/**
 * What questions are grouped by: the masked text normalised (case, accents, letter variants,
 * punctuation), its words sorted and each kept once, so "Need I a laptop?" and "I need a laptop" meet.
 */
export function questionGroupKey(maskedText: string): string {
  return [...new Set(normalizeText(maskedText).split(' ').filter(Boolean))].sort().join(' ');
}
