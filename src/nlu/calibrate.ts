import { EmbeddedRecognizer, Calibration } from './embeddedRecognizer';
import { fitLogistic, predict } from './logistic';
import { Example, examplesFingerprint, NONE_INTENT } from './trainingExamples';

/** A labelled question for calibration: what a person typed and the topic it is about (null: none). */
export interface LabelledQuestion {
  text: string;
  lang: string;
  topic: string | null;
}

export interface CalibrationReport {
  calibration: Calibration;
  /** Figures on the calibration questions at the chosen threshold. */
  accuracy: number;
  wrongRate: number;
  abstentionRate: number;
  /** Of the answers given, the share that was right. */
  precision: number;
}

/**
 * Calibrates the embedded recognizer, built on all examples, on a separate set of labelled questions
 * (bench/data/faq-dev.jsonl: written apart from both the examples and the evaluation set). A logistic
 * model learns how the shape of a match predicts being right; the threshold is the lowest confidence
 * at which the answers given are still right at least `targetPrecision` of the time.
 */
export function calibrate(examples: Example[], questions: LabelledQuestion[], targetPrecision = 0.95): CalibrationReport {
  const recognizer = new EmbeddedRecognizer(examples);
  const rows: number[][] = [];
  const labels: number[] = [];
  const outcomes: Array<{ guess: string | null; expected: string | null }> = [];
  for (const q of questions) {
    const ranking = recognizer.rank(q.text);
    const guess = ranking.intents[0]?.intent ?? null;
    rows.push(ranking.features.length > 0 ? ranking.features : [0, 1, 0, 0]);
    labels.push(guess === (q.topic ?? NONE_INTENT) ? 1 : 0);
    outcomes.push({ guess, expected: q.topic });
  }
  const model = fitLogistic(rows, labels);
  const confidences = rows.map((row) => predict(model, row));

  const evaluate = (threshold: number) => {
    let correct = 0;
    let wrong = 0;
    let answered = 0;
    outcomes.forEach(({ guess, expected }, i) => {
      const isTopic = guess !== null && guess !== NONE_INTENT && !guess.startsWith('command:');
      const answer = confidences[i] >= threshold && isTopic ? guess : null;
      if (answer !== null) answered++;
      if (answer === expected) correct++;
      else if (answer !== null) wrong++;
    });
    const n = outcomes.length;
    return { accuracy: correct / n, wrongRate: wrong / n, abstentionRate: 1 - answered / n, precision: answered ? (answered - wrong) / answered : 1 };
  };
  let threshold = 0.99;
  for (let t = 0.99; t >= 0.05; t -= 0.01) {
    if (evaluate(t).precision < targetPrecision) break;
    threshold = Math.round(t * 100) / 100;
  }
  return { calibration: { examples: examplesFingerprint(examples), model, threshold }, ...evaluate(threshold) };
}
