import MiniSearch from 'minisearch';
import { isFaqTopic } from '../domain/faqTopics';
import { Recognition, RecognizedCommand, Recognizer, RECOGNIZED_COMMANDS } from './recognizer';
import { Example, NONE_INTENT } from './trainingExamples';
import { isPair, isStem, pairWords, searchTerms, tokenize, wordsAndPairs } from './searchTerms';
import { LogisticModel, predict } from './logistic';
import { normalizeText } from '../domain/normalizeText';
import { boundQuestion } from './boundQuestion';

export interface Calibration {
  /** Fingerprint of the examples the model was fitted on. */
  examples: string;
  model: LogisticModel;
  /** Below this confidence the recognizer abstains. */
  threshold: number;
  /**
   * Below this confidence a command said in other words is not carried out (else `threshold`). A
   * command taken wrongly costs less than a wrong answer (delete asks to confirm, menu and mentor can
   * be undone), and commands are fitted on their own rows, so it has a threshold of its own.
   */
  commandThreshold?: number;
}

/** The intents ranked for a message, best first, with what calibration needs to know about the match. */
export interface Ranking {
  intents: Array<{ intent: string; score: number }>;
  features: number[];
}

/** A word in at least this share of the intents tells nothing and is not searched. */
const STOP_WORD_SHARE = 0.5;
/** A word in at least this share of the intents tells little: it weighs less and cannot make a match alone. */
const FREQUENT_WORD_SHARE = 1 / 3;
const FREQUENT_WORD_BOOST = 0.5;
/**
 * The longest word searched with typos or as a prefix. MiniSearch's fuzzy search keeps a row of
 * edit distances per letter of the word for every path it walks, so its memory grows with the square
 * of the word's length: one 30,000-letter "word" took a gigabyte. No word of the catalogue is near 30.
 */
const MAX_FUZZY_TERM = 30;
const noMatch = (): Ranking => ({ intents: [], features: [] });
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
/** Pronoun endings of Arabic and Persian words (after normalizeText: Persian yeh is yeh), longest first. */
const PRONOUN_ENDINGS = ['هما', 'كما', 'مان', 'تان', 'شان', 'ها', 'هم', 'كم', 'نا', 'ام', 'م', 'ت', 'ش', 'ي', 'ك', 'ه'];

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
 * to the runner-up, how much of the message's telling words matched, its length) gives a calibrated
 * confidence; below the threshold, or when "none" wins, it abstains. A message typed exactly as an
 * example of one intent is that intent. A match on words found in many intents alone ("ik snap het
 * niet" against "kost het niets") is no match.
 */
export class EmbeddedRecognizer implements Recognizer {
  private readonly index: MiniSearch<IntentDoc>;
  private readonly stopWords: Set<string>;
  /** Words found in many intents ("het", "the", "niet"): they count a little, but a match on them alone is no match. */
  private readonly frequentWords: Set<string>;
  /** Each example's normalised text and its intent; null when the same words are an example of two intents. */
  private readonly exactExamples = new Map<string, string | null>();
  /** Every term found in the examples: a message whose words are mostly unknown here is about something else. */
  private readonly vocabulary = new Set<string>();
  readonly size: number;

  constructor(
    examples: Example[],
    private readonly calibration?: Calibration,
  ) {
    this.size = examples.length;
    this.stopWords = commonWords(examples, STOP_WORD_SHARE);
    this.frequentWords = commonWords(examples, FREQUENT_WORD_SHARE);
    for (const e of examples) {
      const key = normalizeText(e.text);
      const known = this.exactExamples.get(key);
      this.exactExamples.set(key, known === undefined || known === e.intent ? e.intent : null);
    }
    for (const e of examples) for (const word of tokenize(e.text)) for (const term of searchTerms(word)) this.vocabulary.add(term);
    const byIntent = new Map<string, string[]>();
    for (const e of examples) (byIntent.get(e.intent) ?? byIntent.set(e.intent, []).get(e.intent)!).push(e.text);
    this.index = new MiniSearch<IntentDoc>({
      fields: ['text'],
      storeFields: ['intent'],
      tokenize: wordsAndPairs,
      processTerm: (term) => (this.stopWords.has(term) ? null : isPair(term) ? term : searchTerms(term)),
      searchOptions: {
        combineWith: 'OR',
        // A word found as it is in the examples is no typo: searching its neighbours by edit distance was
        // most of the recognizer's time and found mostly other words.
        fuzzy: (term) => (!isStem(term) && !isPair(term) && !this.vocabulary.has(term) && [...term].length >= 6 && [...term].length <= MAX_FUZZY_TERM ? 0.1 : false),
        prefix: (term) => !isStem(term) && !isPair(term) && [...term].length >= 4 && [...term].length <= MAX_FUZZY_TERM,
        weights: { fuzzy: 0.45, prefix: 0.6 },
        // One typo in a word of 6 to 14 letters, two from 15. Allowing a typo per five letters (three in
        // "rijksoverheid") cost up to 7 ms a search, most of the recognizer's time, and changed the answer
        // to no question of the calibration set; in alternating runs the median fell from about 0.5 to
        // 0.3 ms and the p99 from about 2.5 to 1.3-1.7 ms.
        maxFuzzy: 2,
        boostTerm: (term) => (this.frequentWords.has(term) ? FREQUENT_WORD_BOOST : 1),
      },
    });
    // "None" is many unrelated things (weather, housing, "ok"): one document per example, so a short
    // message like "fulltime" meets its own short example instead of one huge, diluted document.
    const docs = [...byIntent].flatMap(([intent, texts]) => (intent === NONE_INTENT ? texts.map((text) => ({ intent, text })) : [{ intent, text: texts.join('\n') }]));
    this.index.addAll(docs.map((doc, id) => ({ id, ...doc })));
  }

  /** The language does not matter here: the examples of all languages are searched together. */
  async recognize(text: string): Promise<Recognition> {
    return this.recognizeNow(text);
  }

  /** The synchronous core, for the CLI batch mode and the benchmark. */
  recognizeNow(message: string): Recognition {
    const text = boundQuestion(message);
    // Typed exactly as one of the examples ("is it free", "ok"): no need to weigh a match.
    const normal = normalizeText(text);
    const exact = this.calibration && normal ? this.exactExamples.get(normal) : undefined;
    const ranking = exact ? { intents: [{ intent: exact, score: Infinity }], features: [] } : this.rank(text);
    const best = ranking.intents[0];
    const confidence = exact ? 1 : best && this.calibration ? predict(this.calibration.model, ranking.features) : 0;
    const command = best?.intent.startsWith('command:') ? (best.intent.slice('command:'.length) as RecognizedCommand) : null;
    const threshold = command ? (this.calibration?.commandThreshold ?? this.calibration?.threshold) : this.calibration?.threshold;
    const sure = !!best && threshold !== undefined && confidence >= threshold && best.intent !== NONE_INTENT;
    return {
      topic: sure && isFaqTopic(best.intent) ? best.intent : null,
      command: sure && command && RECOGNIZED_COMMANDS.includes(command) ? command : null,
      confidence: Math.round(confidence * 1000) / 1000,
      bestGuess: best?.intent ?? null,
      source: 'embedded',
    };
  }

  /**
   * An Arabic-script word the examples do not know, read without a pronoun ending when that form is
   * known: Persian "حقوقم" (my salary) as "حقوق", "مدرکم" as "مدرک", Arabic "شهادتي" as "شهاده".
   */
  private knownForm(word: string): string {
    if (!ARABIC_SCRIPT.test(word) || this.vocabulary.has(word)) return word;
    for (const ending of PRONOUN_ENDINGS) {
      if (!word.endsWith(ending) || [...word].length - ending.length < 3) continue;
      const stem = word.slice(0, -ending.length);
      for (const form of [stem, stem.replace(/ت$/, 'ه')]) if (this.vocabulary.has(form)) return form;
    }
    return word;
  }

  /** Scores every intent for a message. */
  rank(message: string): Ranking {
    const text = tokenize(boundQuestion(message))
      .map((w) => this.knownForm(w))
      .join(' ');
    const words = tokenize(text).filter((w) => !this.stopWords.has(w));
    const contentWords = words.filter((w) => !this.frequentWords.has(w));
    if (contentWords.length === 0) return noMatch();
    const isContentWord = (term: string) => !this.stopWords.has(term) && !this.frequentWords.has(term);
    const isContent = (term: string) => isContentWord(term) && (!isPair(term) || pairWords(term).some(isContentWord));
    // An intent that shares only filler with the message ("ik snap het niet" and "kost het niets") is no match.
    const results = this.index.search(text).filter((r) => r.queryTerms.some(isContent));
    if (results.length === 0) return noMatch();
    const seen = new Set<string>();
    const intents = results
      .map((r) => ({ intent: r.intent as string, score: r.score }))
      .filter(({ intent }) => !seen.has(intent) && !!seen.add(intent));
    const top = intents[0].score;
    const second = intents[1]?.score ?? 0;
    const matched = new Set(results[0].queryTerms);
    const coveredWords = contentWords.filter((w) => searchTerms(w).some((t) => matched.has(t))).length;
    // How much of the best match was typed as written rather than found by a typo or a prefix.
    const exactTerms = new Set(results[0].terms);
    const exactShare = results[0].queryTerms.filter((t) => exactTerms.has(t)).length / results[0].queryTerms.length;
    // A question about no topic often meets one of the examples of "none" almost as well as a topic.
    const noneScore = intents[0].intent === NONE_INTENT ? top : (intents.find((i) => i.intent === NONE_INTENT)?.score ?? 0);
    const knownWords = contentWords.filter((w) => searchTerms(w).some((t) => this.vocabulary.has(t))).length;
    return {
      intents,
      features: [
        Math.log1p(top),
        second / top,
        coveredWords / contentWords.length,
        Math.log1p(words.length),
        exactShare,
        noneScore / top,
        Math.log1p(coveredWords),
        knownWords / contentWords.length,
        // Words of the message the best match leaves unexplained ("mijn buurman maakt lawaai" meets one
        // topic on "maakt" alone): a lone match is no margin when most of the message is about something else.
        Math.log1p(contentWords.length - coveredWords),
        (1 - second / top) * (coveredWords / contentWords.length),
      ],
    };
  }
}

/**
 * Words so common across intents that they tell nothing ("what", "ik", "the", "هل"): found in the
 * examples themselves, so it works for every language without a stop-word list per language.
 */
function commonWords(examples: Example[], share: number): Set<string> {
  const intentsPerWord = new Map<string, Set<string>>();
  const intents = new Set(examples.map((e) => e.intent));
  for (const e of examples) {
    for (const word of wordsAndPairs(e.text)) (intentsPerWord.get(word) ?? intentsPerWord.set(word, new Set()).get(word)!).add(e.intent);
  }
  const limit = Math.max(3, Math.ceil(intents.size * share));
  return new Set([...intentsPerWord].filter(([, seen]) => seen.size >= limit).map(([word]) => word));
}
