import type { Language } from './language';
import { normalizeText } from './normalizeText';
import { wordPattern } from './wordPattern';

export interface QuestionMarkers {
  /** Words that make a question when the message opens with them ("kan ik …", "what …"). */
  opening: readonly string[];
  /** Particles and question words that make a question wherever they stand ("ücretli mi"). */
  anywhere: readonly string[];
}

/**
 * How a question shows without a question mark, per language. Words that are also common answers
 * stay out: Arabic من ("from": "من سوريا") and ما ("not": "ما عندي") count only in "من هو", "ما هي", and
 * كم not at all (Persian کم is "a little");
 * Turkish "kim" and Persian "کی" only at the start, because they are also names; English "is" only
 * with the word after it, because Dutch "is goed" is an answer.
 */
export const QUESTION_MARKERS: Record<Language, QuestionMarkers> = {
  nl: {
    opening: ['wat', 'hoe', 'waarom', 'wanneer', 'wie', 'waar', 'welke', 'welk', 'hoeveel', 'hoelang', 'waarvoor', 'kan', 'kun', 'kunt', 'moet', 'mag', 'is er', 'is het', 'is dit', 'zijn er', 'heb ik', 'ben ik', 'krijg ik', 'word ik', 'klopt het'],
    anywhere: [],
  },
  en: {
    opening: ['what', 'whats', 'how', 'why', 'when', 'who', 'where', 'which', 'can', 'could', 'do', 'does', 'did', 'is it', 'is there', 'is this', 'is that', 'is the', 'is my', 'are', 'will', 'would', 'should', 'must', 'may'],
    anywhere: [],
  },
  tr: {
    opening: ['kim', 'kimler'],
    anywhere: ['mi', 'mı', 'mu', 'mü', 'miyim', 'mıyım', 'muyum', 'müyüm', 'misin', 'mısın', 'musun', 'müsün', 'midir', 'mıdır', 'mudur', 'müdür', 'miyiz', 'mıyız', 'misiniz', 'mısınız', 'ne', 'nasıl', 'neden', 'niye', 'nerede', 'nereye', 'nereden', 'hangi', 'kaç'],
  },
  ar: {
    opening: ['ما هو', 'ما هي', 'من هو', 'من هي', 'من يمكن', 'من يستطيع', 'من يقدر', 'بكم'],
    anywhere: ['هل', 'ماذا', 'كيف', 'لماذا', 'متى', 'أين', 'وين', 'شو', 'ليش', 'ايش', 'شلون', 'قديش', 'مين', 'لمين'],
  },
  fa: {
    opening: ['کی'],
    anywhere: ['آیا', 'چه', 'چرا', 'چطور', 'چطوری', 'چگونه', 'کجا', 'چی', 'چیه', 'چیست', 'چند', 'چقدر', 'کدام', 'کدوم'],
  },
  ti: {
    opening: [],
    anywhere: ['እንታይ*', 'ከመይ*', 'ስለምንታይ*', 'ንምንታይ*', 'መዓስ*', 'መን', 'መኖም', 'ኣበይ*', 'ክንደይ*', 'ዶ', '*ዶ', 'ድየ', 'ድዩ', 'ድያ', 'ድዮም'],
  },
};

/** Little words a question may start with before its question word ("and how much …"). */
const LEADS = ['en', 'maar', 'dus', 'and', 'but', 'so', 'ok', 'oke', 'okay', 'peki', 'ama'];

const languages = Object.values(QUESTION_MARKERS);
const OPENING = wordPattern(languages.flatMap((m) => m.opening), LEADS);
const ANYWHERE = wordPattern(languages.flatMap((m) => m.anywhere));

/**
 * Whether a message reads as a question, in any of the six languages: it has a question mark, or it is
 * at least two words with a question word or particle. A single word is not enough: "Kim" is a name.
 */
export function looksLikeQuestion(text: string): boolean {
  if (hasQuestionMark(text)) return true;
  const words = normalizeText(text);
  if (words.split(' ').length < 2) return false;
  return OPENING.test(words) || ANYWHERE.test(words);
}

export function hasQuestionMark(text: string): boolean {
  return /[?？؟]/.test(text);
}
