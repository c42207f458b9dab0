import type { Language } from './language';
import { wordPattern } from './wordPattern';

/**
 * Words that turn a sentence around ("ik heb geen status"), per language. A `*` stands for the rest of
 * a word where the language builds the negation into the verb (Persian نمی…, Turkish …mıyor…,
 * Tigrinya ኣይ…ን). Arabic ما is a negation only before عندي/معي: alone it also means "what".
 */
export const NEGATIONS: Record<Language, readonly string[]> = {
  nl: ['geen', 'niet', 'nee', 'neen', 'nooit', 'zonder', 'niks', 'niets'],
  en: ['no', 'not', "don't", "doesn't", "didn't", "haven't", "hasn't", "isn't", "aren't", "can't", 'cannot', 'never', 'without', 'nope'],
  ar: ['لا', 'لاء', 'ليس', 'ليست', 'لست', 'لسنا', 'لم', 'لن', 'مش', 'مو', 'ما عندي', 'ماعندي', 'ما معي', 'مامعي', 'ما في', 'مافي', 'بدون', 'ولا'],
  tr: ['yok', 'değil', 'hayır', 'yo', 'olmaz', 'hiç', '*mıyor*', '*muyor*', '*müyor*', '*miyor*'],
  fa: ['نه', 'نخیر', 'ندارم', 'نداره', 'ندارد', 'نداریم', 'نیست', 'نیستم', 'نیستش', 'هیچ', 'بدون', 'نمی*'],
  ti: ['የብለይን', 'የብልናን', 'የብሉን', 'የለን', 'የለንን', 'ኣይፋል', 'ኣይፋልን', 'አይፋል', 'ኣይ*ን', 'አይ*ን', 'ዘይ*'],
};

const ANY_NEGATION = wordPattern(Object.values(NEGATIONS).flat());

/** Whether normalized text holds a negation in any of the six languages (people mix them). */
export function hasNegation(normalizedText: string): boolean {
  return ANY_NEGATION.test(normalizedText);
}
