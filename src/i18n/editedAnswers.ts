import { createHash } from 'node:crypto';
import { FAQ_TOPICS, FaqTopic } from '../domain/faqTopics';
import { answerTextProblem, AnswerProblem, characterCount, MAX_ANSWER_CHARACTERS } from '../domain/faqAnswerText';
import type { Language } from './languages';
import { RIGHT_TO_LEFT } from './languages';
import { isolate, isolateLatinRuns } from './bidi';
import type { Translator } from './translator';

/** The answer texts staff edited, as in use on this instance now (undefined: the seed in locales/). */
export interface EditedAnswerTexts {
  text(topic: FaqTopic, lang: Language): string | undefined;
}

const ANSWER_KEY = /^faq:topics\.([a-z-]+)\.answer$/;
const TOPICS: ReadonlySet<string> = new Set(FAQ_TOPICS);
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/**
 * An edited answer as the person gets it: {{answerDays}} and {{chatDays}} filled in and, in Arabic and
 * Persian, Latin words and inserted values isolated, the same as the Translator does for locales/.
 */
export function renderAnswer(lang: Language, text: string, vars: Record<string, unknown> = {}): string {
  const rtl = RIGHT_TO_LEFT.has(lang) && RTL_LETTER.test(text);
  const filled = text.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) => {
    const value = vars[name];
    if (typeof value !== 'string' && typeof value !== 'number') return whole;
    return rtl ? isolate(String(value)) : String(value);
  });
  return rtl ? isolateLatinRuns(filled) : filled;
}

/** Why this text cannot be the answer in `lang` (also when it is too long only once filled in), or undefined. */
export function editedAnswerProblem(lang: Language, text: string, vars: Record<string, unknown>): AnswerProblem | undefined {
  return answerTextProblem(text) ?? (characterCount(renderAnswer(lang, text, vars)) > MAX_ANSWER_CHARACTERS ? 'too-long' : undefined);
}

/** The digest a review mark keeps of the text reviewed. */
export function answerDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The translator with the answers staff edited in place of those in locales/; every other text unchanged. */
export function withEditedAnswers(base: Translator, edited: EditedAnswerTexts): Translator {
  return {
    t: (lng, key, vars) => {
      // Most texts are not FAQ answers: a prefix check keeps them off the regular expression.
      const topic = key.startsWith('faq:topics.') ? ANSWER_KEY.exec(key)?.[1] : undefined;
      const text = topic && TOPICS.has(topic) ? edited.text(topic as FaqTopic, lng) : undefined;
      return text === undefined ? base.t(lng, key, vars) : renderAnswer(lng, text, vars);
    },
    list: (lng, key) => base.list(lng, key),
  };
}
