import type { Language } from '../i18n/languages';
import { isLanguage } from '../i18n/languages';
import type { Translator } from '../i18n/translator';
import type { Recognition, Recognizer } from '../nlu/recognizer';
import { isFaqTopic } from '../domain/faqTopics';
import type { RetentionDays } from '../../dialogs/dialogDeps';

export interface FaqCliOptions {
  recognizer: Recognizer;
  translator: Translator;
  language: Language;
  retention: RetentionDays;
  write: (line: string) => void;
  writeError: (line: string) => void;
}

/** `vit-bot faq "question"`: the answer in the chosen language, or with --json the recognition. */
export async function runFaqQuestion(question: string, json: boolean, o: FaqCliOptions): Promise<number> {
  const result = await o.recognizer.recognize(question, o.language);
  const answer = result.topic
    ? o.translator.t(o.language, `faq:topics.${result.topic}.answer`, { ...o.retention })
    : o.translator.t(o.language, 'faq:notSure');
  if (json) o.write(JSON.stringify({ topic: result.topic, confidence: topicConfidence(result), answer }));
  else o.write(answer);
  return 0;
}

/**
 * `vit-bot faq --batch FILE`: JSON Lines {"text","lang"} in, {"topic","confidence"} out, one line per
 * input line in the same order. A bad line gets {"topic":null,"confidence":0} (so lines stay aligned),
 * an error naming it on stderr, and exit code 1.
 */
export async function runFaqBatch(input: string, o: Omit<FaqCliOptions, 'language' | 'translator' | 'retention'>): Promise<number> {
  let failed = false;
  const lines = input.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const entry = parseEntry(line);
    const lang = entry.lang ?? 'nl';
    if (typeof entry.text !== 'string' || !isLanguage(lang)) {
      failed = true;
      o.writeError(`line ${i + 1}: expected {"text": "...", "lang": "nl|en|ar|tr|fa|ti"}`);
      o.write(JSON.stringify({ topic: null, confidence: 0 }));
      continue;
    }
    const result = await o.recognizer.recognize(entry.text, lang);
    o.write(JSON.stringify({ topic: result.topic, confidence: topicConfidence(result) }));
  }
  return failed ? 1 : 0;
}

/** A line's fields when it is a JSON object; anything else (not JSON, null, a number, an array) has none. */
function parseEntry(line: string): { text?: unknown; lang?: unknown } {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/**
 * The confidence printed is always about a topic: for an answer, the chance that it is right; for
 * topic null, that of the best topic guess that was not sure enough, or 0 when the best guess was no
 * topic at all (small talk, a command), so a high number never stands next to "no answer" by accident.
 */
function topicConfidence(result: Recognition): number {
  if (result.topic) return result.confidence;
  return result.bestGuess && isFaqTopic(result.bestGuess) ? result.confidence : 0;
}
