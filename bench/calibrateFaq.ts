import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readLocaleResources } from '../src/i18n/localeResources';
import { PROJECT_ROOT } from '../src/projectRoot';
import { calibrate, LabelledQuestion } from '../src/nlu/calibrate';
import { CALIBRATION_PATH } from '../src/nlu/createFaqRecognizer';
import { collectExamples } from '../src/nlu/trainingExamples';

/**
 * Refits the FAQ recognizer's confidence and threshold on the calibration questions
 * (bench/data/faq-dev.jsonl, faq-dev-unseen.jsonl, faq-dev-realistic.jsonl) and on the examples held out in turn for the examples now in locales/, and saves it. Run: npm run calibrate:faq
 */
const examples = collectExamples(readLocaleResources(path.join(PROJECT_ROOT, 'locales')));
const readQuestions = (file: string): LabelledQuestion[] =>
  readFileSync(path.join(PROJECT_ROOT, 'bench/data', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LabelledQuestion);
// The first calibration questions, and later ones that no example was written from: they set the threshold.
const questions = readQuestions('faq-dev.jsonl');
// Realistic questions (typos, dialects, a quarter about no topic) written later, apart from the examples.
const unseen = [...readQuestions('faq-dev-unseen.jsonl'), ...readQuestions('faq-dev-realistic.jsonl')];
const report = calibrate(examples, questions, unseen);
writeFileSync(CALIBRATION_PATH, `${JSON.stringify(report.calibration, null, 2)}\n`);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
process.stdout.write(
  `calibrated ${examples.length} examples on ${questions.length + unseen.length} questions and the held-out examples (${report.rows} rows); threshold ${report.calibration.threshold}, set on ${unseen.length} unseen questions: ` +
    `precision ${pct(report.precision)}, accuracy ${pct(report.accuracy)}, wrong ${pct(report.wrongRate)} (worst language ${pct(report.worstLanguage)}), abstained ${pct(report.abstentionRate)}\n` +
    `written to ${path.relative(PROJECT_ROOT, CALIBRATION_PATH)}\n`,
);
