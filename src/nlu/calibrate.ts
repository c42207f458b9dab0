import { EmbeddedRecognizer, Calibration } from './embeddedRecognizer';
import { fitLogistic, predict } from './logistic';
import { Example, examplesFingerprint, NONE_INTENT } from './trainingExamples';

export interface CalibrationReport {
  calibration: Calibration;
  folds: number;
  /** Cross-validated figures at the chosen threshold, over all examples. */
  accuracy: number;
  wrongRate: number;
  abstentionRate: number;
  /** Of the answers given, the share that was right. */
  precision: number;
}

/**
 * Calibrates the embedded recognizer on its own examples by k-fold cross-validation: each example is
 * recognized by a recognizer built without its fold. A logistic model learns how the shape of a
 * match predicts being right; the threshold is the lowest confidence at which the answers given are
 * still right at least `targetPrecision` of the time.
 */
export function calibrate(examples: Example[], options = { folds: 5, targetPrecision: 0.9 }): CalibrationReport {
  const rows: number[][] = [];
  const labels: number[] = [];
  const outcomes: Array<{ guess: string | null; expected: string | null }> = [];
  for (let fold = 0; fold < options.folds; fold++) {
    const recognizer = new EmbeddedRecognizer(examples.filter((_, i) => i % options.folds !== fold));
    examples.forEach((example, i) => {
      if (i % options.folds !== fold) return;
      const ranking = recognizer.rank(example.text);
      const guess = ranking.intents[0]?.intent ?? null;
      rows.push(ranking.features.length > 0 ? ranking.features : [0, 1, 0, 0]);
      labels.push(guess === example.intent ? 1 : 0);
      outcomes.push({ guess, expected: example.intent === NONE_INTENT ? null : example.intent });
    });
  }
  const model = fitLogistic(rows, labels);
  const confidences = rows.map((row) => predict(model, row));

  const evaluate = (threshold: number) => {
    let correct = 0;
    let wrong = 0;
    let answered = 0;
    outcomes.forEach(({ guess, expected }, i) => {
      const answer = confidences[i] >= threshold && guess !== null && guess !== NONE_INTENT ? guess : null;
      if (answer !== null) answered++;
      if (answer === expected) correct++;
      else if (answer !== null) wrong++;
    });
    const n = outcomes.length;
    return { accuracy: correct / n, wrongRate: wrong / n, abstentionRate: 1 - answered / n, precision: answered ? (answered - wrong) / answered : 1 };
  };
  let threshold = 0.99;
  for (let t = 0.99; t >= 0.2; t -= 0.01) {
    if (evaluate(t).precision < options.targetPrecision) break;
    threshold = Math.round(t * 100) / 100;
  }
  return { calibration: { examples: examplesFingerprint(examples), model, threshold }, folds: options.folds, ...evaluate(threshold) };
}
