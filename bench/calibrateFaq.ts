import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readLocaleResources } from '../src/i18n/localeResources';
import { PROJECT_ROOT } from '../src/projectRoot';
import { calibrate } from '../src/nlu/calibrate';
import { CALIBRATION_PATH } from '../src/nlu/createFaqRecognizer';
import { collectExamples } from '../src/nlu/trainingExamples';

/** Refits the FAQ recognizer's confidence on the examples in locales/ (cross-validated) and saves it. */
const examples = collectExamples(readLocaleResources(path.join(PROJECT_ROOT, 'locales')));
const report = calibrate(examples);
writeFileSync(CALIBRATION_PATH, `${JSON.stringify(report.calibration, null, 2)}\n`);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
process.stdout.write(
  `calibrated on ${examples.length} examples (${report.folds}-fold cross-validation): threshold ${report.calibration.threshold}, ` +
    `precision ${pct(report.precision)}, accuracy ${pct(report.accuracy)}, wrong ${pct(report.wrongRate)}, abstained ${pct(report.abstentionRate)}\n` +
    `written to ${path.relative(PROJECT_ROOT, CALIBRATION_PATH)}\n`,
);
