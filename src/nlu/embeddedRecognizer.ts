import MiniSearch from 'minisearch';
import { isFaqTopic } from '../domain/faqTopics';
import { Recognition, RecognizedCommand, Recognizer, RECOGNIZED_COMMANDS } from './recognizer';
import { Example, NONE_INTENT } from './trainingExamples';
import { isStem, searchTerms, tokenize } from './searchTerms';
import { LogisticModel, predict } from './logistic';

export interface Calibration {
  /** Fingerprint of the examples the model was fitted on. */
  examples: string;
  model: LogisticModel;
  /** Below this confidence the recognizer abstains. */
  threshold: number;
}

/** The intents ranked for a message, best first, with what calibration needs to know about the match. */
export interface Ranking {
  intents: Array<{ intent: string; score: number }>;
  features: number[];
}

interface IntentDoc {
  id: number;
  intent: string;
  text: string;
}

/**
 * The default recognizer, needing no cloud. Each intent (FAQ topic, command, or "none") is one
 * MiniSearch document holding all its examples in all six languages, so a question is scored (BM25,
 * with fuzzy and prefix matching for typos and inflection) against everything said about a topic
 * rather than against one lucky example. A logistic model over the shape of the match (score, margin
 * to the runner-up, how much of the message matched, its length) gives a calibrated confidence;
 * below the threshold, or when "none" wins, it abstains.
 */
export class EmbeddedRecognizer implements Recognizer {
  private readonly index: MiniSearch<IntentDoc>;
  private readonly stopWords: Set<string>;
  readonly size: number;

  constructor(
    examples: Example[],
    private readonly calibration?: Calibration,
  ) {
    this.size = examples.length;
    this.stopWords = commonWords(examples);
    const byIntent = new Map<string, string[]>();
    for (const e of examples) (byIntent.get(e.intent) ?? byIntent.set(e.intent, []).get(e.intent)!).push(e.text);
    this.index = new MiniSearch<IntentDoc>({
      fields: ['text'],
      storeFields: ['intent'],
      tokenize,
      processTerm: (word) => (this.stopWords.has(word) ? null : searchTerms(word)),
      searchOptions: {
        combineWith: 'OR',
        fuzzy: (term) => (!isStem(term) && [...term].length >= 6 ? 0.2 : false),
        prefix: (term) => !isStem(term) && [...term].length >= 4,
        weights: { fuzzy: 0.45, prefix: 0.6 },
      },
    });
    this.index.addAll([...byIntent].map(([intent, texts], id) => ({ id, intent, text: texts.join('\n') })));
  }

  /** The language does not matter here: the examples of all languages are searched together. */
  async recognize(text: string): Promise<Recognition> {
    return this.recognizeNow(text);
  }

  /** The synchronous core, for the CLI batch mode and the benchmark. */
  recognizeNow(text: string): Recognition {
    const ranking = this.rank(text);
    const best = ranking.intents[0];
    const confidence = best && this.calibration ? predict(this.calibration.model, ranking.features) : 0;
    const sure = !!best && !!this.calibration && confidence >= this.calibration.threshold && best.intent !== NONE_INTENT;
    const command = best?.intent.startsWith('command:') ? (best.intent.slice('command:'.length) as RecognizedCommand) : null;
    return {
      topic: sure && isFaqTopic(best.intent) ? best.intent : null,
      command: sure && command && RECOGNIZED_COMMANDS.includes(command) ? command : null,
      confidence: Math.round(confidence * 1000) / 1000,
      bestGuess: best?.intent ?? null,
      source: 'embedded',
    };
  }

  /** Scores every intent for a message. */
  rank(text: string): Ranking {
    const words = tokenize(text).filter((w) => !this.stopWords.has(w));
    if (words.length === 0) return { intents: [], features: [] };
    const results = this.index.search(text);
    if (results.length === 0) return { intents: [], features: [] };
    const intents = results.map((r) => ({ intent: r.intent as string, score: r.score }));
    const top = intents[0].score;
    const second = intents[1]?.score ?? 0;
    const matched = new Set(results[0].queryTerms);
    const covered = words.filter((w) => searchTerms(w).some((t) => matched.has(t))).length / words.length;
    return { intents, features: [Math.log1p(top), second / top, covered, Math.log1p(words.length)] };
  }
}

/**
 * Words so common across intents that they tell nothing ("what", "ik", "the", "هل"): found in the
 * examples themselves, so it works for every language without a stop-word list per language.
 */
function commonWords(examples: Example[]): Set<string> {
  const intentsPerWord = new Map<string, Set<string>>();
  const intents = new Set(examples.map((e) => e.intent));
  for (const e of examples) {
    for (const word of tokenize(e.text)) (intentsPerWord.get(word) ?? intentsPerWord.set(word, new Set()).get(word)!).add(e.intent);
  }
  const limit = Math.max(3, Math.ceil(intents.size * 0.5));
  return new Set([...intentsPerWord].filter(([, seen]) => seen.size >= limit).map(([word]) => word));
}
