import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readLocaleResources } from '../src/i18n/localeResources';
import { PROJECT_ROOT } from '../src/projectRoot';
import { calibrate, LabelledQuestion } from '../src/nlu/calibrate';
import { CALIBRATION_PATH } from '../src/nlu/createFaqRecognizer';
import { collectExamples } from '../src/nlu/trainingExamples';

/**
 * Refits the FAQ recognizer's confidence and threshold on the calibration questions
 * (bench/data/faq-dev.jsonl) for the examples now in locales/, and saves it. Run: npm run calibrate:faq
 */
const examples = collectExamples(readLocaleResources(path.join(PROJECT_ROOT, 'locales')));
const questions: LabelledQuestion[] = readFileSync(path.join(PROJECT_ROOT, 'bench/data/faq-dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const report = calibrate(examples, questions);
writeFileSync(CALIBRATION_PATH, `${JSON.stringify(report.calibration, null, 2)}\n`);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
process.stdout.write(
  `calibrated ${examples.length} examples on ${questions.length} questions: threshold ${report.calibration.threshold}, ` +
    `precision ${pct(report.precision)}, accuracy ${pct(report.accuracy)}, wrong ${pct(report.wrongRate)}, abstained ${pct(report.abstentionRate)}\n` +
    `written to ${path.relative(PROJECT_ROOT, CALIBRATION_PATH)}\n`,
);
