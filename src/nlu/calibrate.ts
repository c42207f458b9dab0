import { EmbeddedRecognizer, Calibration } from './embeddedRecognizer';
import { fitLogistic, predict } from './logistic';
import { Example, examplesFingerprint, NONE_INTENT } from './trainingExamples';
import { isFaqTopic } from '../domain/faqTopics';

/** A labelled question for calibration: what a person typed and the topic it is about (null: none). */
export interface LabelledQuestion {
  text: string;
  lang: string;
  topic: string | null;
}

export interface CalibrationOptions {
  /**
   * On the questions that set the threshold, at most this share may get a wrong answer, overall and
   * in each language (`maxWrongPerLanguage`): the targets (5% and 8%) with a margin, since the
   * calibration questions are few and a newcomer's questions are not quite like them.
   */
  maxWrong: number;
  maxWrongPerLanguage: number;
  /**
   * What a wrong answer costs next to a "not sure" (which costs 1: the person asks a mentor). A wrong
   * answer is a missed answer and a misleading one, so it costs at least twice as much. Within the
   * bounds above, the threshold with the lowest cost on the threshold questions is chosen.
   */
  wrongCost: number;
  /** Of the commands taken on all rows, at least this share must be the one meant. */
  targetCommandPrecision: number;
  /** The examples are also split in this many parts; each part is recognised by an index built on the others. */
  folds: number;
}

export interface CalibrationReport {
  calibration: Calibration;
  /** How many rows the model was fitted on: the calibration questions and the held-out examples. */
  rows: number;
  /** Figures on the calibration questions at the chosen threshold. */
  accuracy: number;
  wrongRate: number;
  /** The wrong answers in the language that has most of them, as a share of that language's questions. */
  worstLanguage: number;
  abstentionRate: number;
  /** Of the answers given, the share that was right. */
  precision: number;
  /** Per question: a topic left unanswered counts 1, a wrong answer `wrongCost`. */
  cost: number;
}

/** The features of a message that matched nothing. */
const NO_MATCH_FEATURES = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0];

interface Row {
  features: number[];
  guess: string | null;
  /** The intent meant: a topic, a command or none. */
  intent: string;
  /** The answer that would be right: the topic, or null (none, a command). */
  expected: string | null;
}

/**
 * Calibrates the embedded recognizer. A logistic model learns how the shape of a match predicts being
 * right; the threshold is, of the confidences down to which at most `maxWrong` of `thresholdQuestions`
 * get a wrong answer (and at most `maxWrongPerLanguage` of those in any one language), the one where
 * wrong answers (each `wrongCost`) and unanswered questions with a topic (each 1) cost least. It learns from three kinds of rows: the labelled
 * questions (`questions`, `thresholdQuestions`: written apart from the evaluation sets), ranked by the
 * recognizer over all examples, and every example ranked by a recognizer built without it (k folds).
 * The held-out examples are questions the recognizer has not seen, as a newcomer's question is; the
 * calibration questions alone were too few, and too close to the examples once those had been
 * written with them in view, so the confidence came out higher than it proved on unseen questions.
 */
export function calibrate(examples: Example[], questions: LabelledQuestion[], thresholdQuestions: LabelledQuestion[], options: Partial<CalibrationOptions> = {}): CalibrationReport {
  const { maxWrong = 0.03, maxWrongPerLanguage = 0.05, wrongCost = 2, targetCommandPrecision = 0.9, folds = 5 } = options;
  const rows: Row[] = [];
  const whole = new EmbeddedRecognizer(examples);
  for (const q of thresholdQuestions) rows.push(row(whole, q.text, q.topic ?? NONE_INTENT));
  const questionRows = rows.length;
  for (const q of questions) rows.push(row(whole, q.text, q.topic ?? NONE_INTENT));
  for (let fold = 0; fold < folds; fold++) {
    const trained = new EmbeddedRecognizer(examples.filter((_, i) => i % folds !== fold));
    examples.forEach((e, i) => {
      if (i % folds === fold) rows.push(row(trained, e.text, e.intent));
    });
  }
  const model = fitLogistic(
    rows.map((r) => r.features),
    rows.map((r) => (r.guess === r.intent ? 1 : 0)),
  );
  const confidences = rows.map((r) => predict(model, r.features));

  // The model learns from all rows. The threshold is set on questions no example was written from: the
  // held-out examples (terse, one per idea) are harder than real questions and would set it too high,
  // the first calibration questions easier (examples were added where they were missed), too low.
  const evaluate = (threshold: number) => {
    let correct = 0;
    let wrong = 0;
    let answered = 0;
    const perLanguage = new Map<string, { n: number; wrong: number }>();
    thresholdQuestions.forEach(({ lang }, i) => {
      const { guess, expected } = rows[i];
      const answer = confidences[i] >= threshold && guess !== null && isFaqTopic(guess) ? guess : null;
      const language = perLanguage.get(lang) ?? perLanguage.set(lang, { n: 0, wrong: 0 }).get(lang)!;
      language.n++;
      if (answer !== null) answered++;
      if (answer === expected) correct++;
      else if (answer !== null) {
        wrong++;
        language.wrong++;
      }
    });
    const n = questionRows;
    const worstLanguage = Math.max(0, ...[...perLanguage.values()].map((l) => l.wrong / l.n));
    // A question with a topic left unanswered costs 1, a wrong answer `wrongCost`; a right one nothing.
    const cost = (wrongCost * wrong + (n - correct - wrong)) / n;
    return { accuracy: correct / n, wrongRate: wrong / n, worstLanguage, abstentionRate: 1 - answered / n, precision: answered ? (answered - wrong) / answered : 1, cost };
  };
  const threshold = cheapestThreshold(evaluate, maxWrong, maxWrongPerLanguage);
  // Commands: the lowest confidence at which the commands taken are still the ones meant
  // `commandPrecision` of the time, on every row. Most commands taken wrongly are "help" for a
  // message about nothing the bot knows ("help me with my maths"), which only shows the help text.
  const commandPrecision = (t: number) => {
    const taken = rows.filter((r, i) => confidences[i] >= t && r.guess !== null && r.guess.startsWith('command:'));
    return taken.length ? taken.filter((r) => r.guess === r.intent).length / taken.length : 1;
  };
  let commandThreshold = 0.99;
  for (let t = 0.99; t >= 0.05; t -= 0.01) {
    if (commandPrecision(t) < targetCommandPrecision) break;
    commandThreshold = Math.round(t * 100) / 100;
  }
  return { calibration: { examples: examplesFingerprint(examples), model, threshold, commandThreshold }, rows: rows.length, ...evaluate(threshold) };
}

/** What a threshold gives on the threshold questions (shares of them). */
export interface AtThreshold {
  wrongRate: number;
  worstLanguage: number;
  cost: number;
}

/**
 * Down to the lowest threshold at which the wrong answers stay within bounds, overall and per
 * language, the one that costs least (the highest of equal cost). The lowest allowed alone sat on the
 * edge of the bounds: one calibration question more or less moved it, and with it the wrong answers
 * a newcomer gets, while it answered hardly more questions rightly.
 */
export function cheapestThreshold(evaluate: (threshold: number) => AtThreshold, maxWrong: number, maxWrongPerLanguage: number): number {
  let threshold = 0.99;
  let lowestCost = evaluate(threshold).cost;
  for (let step = 99; step >= 5; step--) {
    const t = step / 100;
    const at = evaluate(t);
    if (at.wrongRate > maxWrong || at.worstLanguage > maxWrongPerLanguage) break;
    if (at.cost < lowestCost - 1e-9) {
      lowestCost = at.cost;
      threshold = t;
    }
  }
  return threshold;
}

/** One calibration row: the match's features, the best guess, and what was meant (a topic, or null for none and commands). */
function row(recognizer: EmbeddedRecognizer, text: string, intent: string): Row {
  const ranking = recognizer.rank(text);
  return {
    features: ranking.features.length > 0 ? ranking.features : NO_MATCH_FEATURES,
    guess: ranking.intents[0]?.intent ?? null,
    intent,
    expected: isFaqTopic(intent) ? intent : null,
  };
}
