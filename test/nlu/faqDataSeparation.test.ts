import { readFileSync } from 'node:fs';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { readLocaleResources } from '../../src/i18n/localeResources';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { normalizeText } from '../../src/domain/normalizeText';
import { collectExamples } from '../../src/nlu/trainingExamples';
import { isFaqTopic } from '../../src/domain/faqTopics';

/**
 * The evaluation set only measures if the recognizer has not seen its questions: neither among the
 * training examples nor in the calibration set. A line counts as a copy when, after normalizeText, it
 * equals a line of the other set or is within 15% character edits of it.
 */
interface Line {
  text: string;
  lang: string;
  topic: string | null;
  /** Other topics whose answer also serves the question (faq-eval-newcomers.jsonl only). */
  also?: string[];
}

const readJsonl = (name: string): Line[] =>
  readFileSync(path.join(PROJECT_ROOT, 'bench/data', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

const MAX_SHARE = 0.15;

function copies(lines: Line[], others: Array<{ text: string }>): string[] {
  const normalOthers = [...new Set(others.map((o) => normalizeText(o.text)).filter(Boolean))];
  const found: string[] = [];
  for (const line of lines) {
    const text = normalizeText(line.text);
    for (const other of normalOthers) {
      const edits = distance(text, other);
      if (edits <= MAX_SHARE * Math.max(text.length, other.length)) {
        found.push(`${line.lang} ${JSON.stringify(line.text)} ~ ${JSON.stringify(other)} (${edits} edits)`);
        break;
      }
    }
  }
  return found;
}

const examples = collectExamples(readLocaleResources(path.join(PROJECT_ROOT, 'locales')));
/**
 * The evaluation sets: the first one, the realistic one that mixes in questions about no topic, and the
 * newcomers' set (statements and short questions as people type them at the menu, written before the
 * examples for them).
 */
const evaluationSets = {
  'faq-eval.jsonl': readJsonl('faq-eval.jsonl'),
  'faq-eval-realistic.jsonl': readJsonl('faq-eval-realistic.jsonl'),
  'faq-eval-newcomers.jsonl': readJsonl('faq-eval-newcomers.jsonl'),
};
const evaluation = Object.values(evaluationSets).flat();
const realistic = evaluationSets['faq-eval-realistic.jsonl'];
/** The calibration questions: the first set, and one written later that no example was written from. */
const dev = [...readJsonl('faq-dev.jsonl'), ...readJsonl('faq-dev-unseen.jsonl'), ...readJsonl('faq-dev-realistic.jsonl')];

describe('FAQ evaluation data is written apart from what the recognizer learns from', () => {
  it('no evaluation question copies a training example', () => {
    expect(copies(evaluation, examples)).toEqual([]);
  });

  it('no evaluation question copies a calibration question', () => {
    expect(copies(evaluation, dev)).toEqual([]);
  });

  it('no calibration question copies a training example', () => {
    expect(copies(dev, examples)).toEqual([]);
  });

  it('no question of the realistic calibration set repeats another calibration question', () => {
    const realisticDev = readJsonl('faq-dev-realistic.jsonl');
    const earlier = new Set([...readJsonl('faq-dev.jsonl'), ...readJsonl('faq-dev-unseen.jsonl')].map((l) => normalizeText(l.text)));
    const seen = new Set<string>();
    const repeated = realisticDev.map((l) => normalizeText(l.text)).filter((text) => earlier.has(text) || seen.has(text) || !seen.add(text));
    expect(repeated).toEqual([]);
  });

  it('the check itself catches a verbatim and a near copy', () => {
    const line = (text: string): Line => ({ text, lang: 'nl', topic: 'costs' });
    expect(copies([line('Hoeveel kost het?')], [{ text: 'hoeveel kost het' }])).toHaveLength(1);
    expect(copies([line('hoeveel kost het programma')], [{ text: 'hoeveel kost het programa' }])).toHaveLength(1);
    expect(copies([line('moet ik iets betalen voor de cursus')], [{ text: 'hoeveel kost het' }])).toEqual([]);
  });

  it('the evaluation set is big enough and covers every language', () => {
    expect(evaluation.length).toBeGreaterThanOrEqual(150);
    expect(new Set(evaluation.map((l) => l.lang))).toEqual(new Set(['nl', 'en', 'ar', 'tr', 'fa', 'ti']));
  });

  it('the realistic set has at least 300 questions, 40 per language, a quarter about no topic', () => {
    expect(realistic.length).toBeGreaterThanOrEqual(300);
    for (const lang of ['nl', 'en', 'ar', 'tr', 'fa', 'ti']) expect(realistic.filter((l) => l.lang === lang).length).toBeGreaterThanOrEqual(40);
    expect(realistic.filter((l) => l.topic === null).length).toBeGreaterThanOrEqual(realistic.length / 4);
  });

  it('the newcomers\' set has at least 40 questions in the six languages', () => {
    const newcomers = evaluationSets['faq-eval-newcomers.jsonl'];
    expect(newcomers.length).toBeGreaterThanOrEqual(40);
    for (const lang of ['nl', 'en', 'ar', 'tr', 'fa', 'ti']) expect(newcomers.filter((l) => l.lang === lang).length).toBeGreaterThanOrEqual(6);
  });

  it('every label in the evaluation and calibration sets is a topic id or null', () => {
    const unknown = [...evaluation, ...dev].filter((l) => (l.topic !== null && !isFaqTopic(l.topic)) || (l.also ?? []).some((t) => !isFaqTopic(t)));
    expect(unknown).toEqual([]);
  });

  it('no calibration question is also an evaluation question', () => {
    const normalEvaluation = new Set(evaluation.map((l) => normalizeText(l.text)));
    expect(dev.filter((l) => normalEvaluation.has(normalizeText(l.text)))).toEqual([]);
  });
});
