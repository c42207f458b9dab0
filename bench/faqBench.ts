import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { availableParallelism, loadavg } from 'node:os';
import { PROJECT_ROOT } from '../src/projectRoot';
import { SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { createEmbeddedRecognizer } from '../src/nlu/createFaqRecognizer';

/**
 * FAQ recognizer benchmark, per language: *right* (the right topic, or no answer to a question about
 * no topic), *wrong* (an answer given that was not right) and *abstained* ("not sure"), on the
 * evaluation sets (written apart from the examples and the calibration questions), and the
 * recognition latency per question. Run: npm run bench:faq [FILE ...] [--verbose]
 * Without files: the realistic set (bench/data/faq-eval-realistic.jsonl, the one the targets are for),
 * the first set (bench/data/faq-eval.jsonl) and the newcomers' set (bench/data/faq-eval-newcomers.jsonl,
 * statements and short questions as typed at the menu; a line's `also` lists other topics that serve it).
 */
interface EvalLine {
  text: string;
  lang: string;
  topic: string | null;
  /** Other topics whose answer also serves the question ("my dutch is bad": how to improve, or what is asked). */
  also?: string[];
}

const TARGETS = { wrongOverall: 0.05, wrongPerLanguage: 0.08, rightOverall: 0.85, p99Ms: 2 };
const DEFAULT_FILES = ['bench/data/faq-eval-realistic.jsonl', 'bench/data/faq-eval.jsonl', 'bench/data/faq-eval-newcomers.jsonl'];

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const files = args.filter((a) => !a.startsWith('--'));
const recognizer = createEmbeddedRecognizer();
const read = (file: string): EvalLine[] =>
  readFileSync(path.resolve(PROJECT_ROOT, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EvalLine);

type Tally = { n: number; correct: number; wrong: number; abstained: number; outOfScope: number };
const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)}%`.padStart(7);

function report(file: string, lines: EvalLine[]): void {
  const tallies = new Map<string, Tally>();
  const tally = (key: string) => tallies.get(key) ?? tallies.set(key, { n: 0, correct: 0, wrong: 0, abstained: 0, outOfScope: 0 }).get(key)!;
  for (const line of lines) {
    const result = recognizer.recognizeNow(line.text);
    const answered = result.topic;
    const right = answered === line.topic || (answered !== null && (line.also ?? []).includes(answered));
    for (const t of [tally(line.lang), tally('all')]) {
      t.n++;
      if (line.topic === null) t.outOfScope++;
      if (right) t.correct++;
      else if (answered !== null) t.wrong++;
      if (answered === null) t.abstained++;
    }
    if (verbose && !right) {
      process.stdout.write(`${answered === null ? 'ABSTAIN' : 'WRONG  '} ${line.lang} expected=${line.topic} got=${answered} guess=${result.bestGuess} conf=${result.confidence} | ${line.text}\n`);
    }
  }
  process.stdout.write(`\nFAQ recognizer on ${path.basename(file)}: ${lines.length} questions (${recognizer.size} training examples)\n`);
  process.stdout.write('lang      n  no topic    right    wrong  abstained\n');
  for (const key of [...SUPPORTED_LANGUAGES, 'all']) {
    const t = tallies.get(key);
    if (!t) continue;
    process.stdout.write(`${key.padEnd(5)} ${String(t.n).padStart(5)}  ${pct(t.outOfScope, t.n)}  ${pct(t.correct, t.n)}  ${pct(t.wrong, t.n)}  ${pct(t.abstained, t.n)}\n`);
  }
  const all = tallies.get('all');
  if (!all) return;
  const worst = Math.max(...SUPPORTED_LANGUAGES.map((l) => (tallies.get(l) ? tallies.get(l)!.wrong / tallies.get(l)!.n : 0)));
  const check = (ok: boolean) => (ok ? 'met' : 'NOT met');
  process.stdout.write(
    `targets: right >= ${TARGETS.rightOverall * 100}% ${check(all.correct / all.n >= TARGETS.rightOverall)}; ` +
      `wrong <= ${TARGETS.wrongOverall * 100}% ${check(all.wrong / all.n <= TARGETS.wrongOverall)}; ` +
      `wrong <= ${TARGETS.wrongPerLanguage * 100}% in every language ${check(worst <= TARGETS.wrongPerLanguage)}\n`,
  );
}

const sets = (files.length > 0 ? files : DEFAULT_FILES).map((file) => ({ file, lines: read(file) }));
for (const { file, lines } of sets) report(file, lines);

// Latency: every question recognised 50 times after a warm-up round; per-call times in ms.
const everything = sets.flatMap((s) => s.lines);
for (const line of everything) recognizer.recognizeNow(line.text);
// Wall time is what a person waits for; CPU time (this process's, per call) is the recognizer's own
// work, which stays the same when other programs keep the cores busy and the wall time grows.
const times: number[] = [];
const cpuTimes: number[] = [];
for (let round = 0; round < 50; round++) {
  for (const line of everything) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    recognizer.recognizeNow(line.text);
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
}
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const p99 = quantile(times, 0.99);
const [load1] = loadavg();
process.stdout.write(
  `\nlatency per question over ${times.length} calls: median ${quantile(times, 0.5).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms ` +
    `(target p99 < ${TARGETS.p99Ms} ms ${p99 < TARGETS.p99Ms ? 'met' : 'NOT met'}); ` +
    `CPU time median ${quantile(cpuTimes, 0.5).toFixed(3)} ms, p99 ${quantile(cpuTimes, 0.99).toFixed(3)} ms; ` +
    `load average ${load1.toFixed(1)} on ${availableParallelism()} cores\n`,
);
const heap = process.memoryUsage().heapUsed / 1024 / 1024;
process.stdout.write(`heap used ${heap.toFixed(1)} MiB\n`);
