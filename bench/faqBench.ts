import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/projectRoot';
import { SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { createEmbeddedRecognizer } from '../src/nlu/createFaqRecognizer';

/**
 * FAQ recognizer benchmark: top-1 accuracy, wrong-answer rate and abstention rate per language on
 * the evaluation set (bench/data/faq-eval.jsonl, written apart from the training examples), and the
 * recognition latency per question. Run: npm run bench:faq
 */
interface EvalLine {
  text: string;
  lang: string;
  topic: string | null;
}

const file = process.argv[2] ?? path.join(PROJECT_ROOT, 'bench/data/faq-eval.jsonl');
const lines: EvalLine[] = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const recognizer = createEmbeddedRecognizer();
const verbose = process.argv.includes('--verbose');

type Tally = { n: number; correct: number; wrong: number; abstained: number };
const tallies = new Map<string, Tally>();
const tally = (key: string) => tallies.get(key) ?? tallies.set(key, { n: 0, correct: 0, wrong: 0, abstained: 0 }).get(key)!;

for (const line of lines) {
  const result = recognizer.recognizeNow(line.text);
  const answered = result.topic;
  for (const t of [tally(line.lang), tally('all')]) {
    t.n++;
    if (answered === line.topic) t.correct++;
    else if (answered !== null) t.wrong++;
    if (answered === null) t.abstained++;
  }
  if (verbose && answered !== line.topic) {
    process.stdout.write(`${answered === null ? 'ABSTAIN' : 'WRONG  '} ${line.lang} expected=${line.topic} got=${answered} guess=${result.bestGuess} conf=${result.confidence} | ${line.text}\n`);
  }
}

// Latency: every question recognised 50 times after a warm-up round; per-call times in ms.
for (const line of lines) recognizer.recognizeNow(line.text);
const times: number[] = [];
for (let round = 0; round < 50; round++) {
  for (const line of lines) {
    const start = performance.now();
    recognizer.recognizeNow(line.text);
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
const quantile = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];

const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)}%`.padStart(7);
process.stdout.write(`FAQ recognizer on ${lines.length} evaluation questions (${recognizer.size} training examples)\n`);
process.stdout.write('lang      n  accuracy    wrong  abstained\n');
for (const key of [...SUPPORTED_LANGUAGES, 'all']) {
  const t = tallies.get(key);
  if (!t) continue;
  process.stdout.write(`${key.padEnd(5)} ${String(t.n).padStart(5)}  ${pct(t.correct, t.n)}  ${pct(t.wrong, t.n)}  ${pct(t.abstained, t.n)}\n`);
}
process.stdout.write(`latency per question over ${times.length} calls: median ${quantile(0.5).toFixed(3)} ms, p99 ${quantile(0.99).toFixed(3)} ms\n`);
const heap = process.memoryUsage().heapUsed / 1024 / 1024;
process.stdout.write(`heap used ${heap.toFixed(1)} MiB\n`);
