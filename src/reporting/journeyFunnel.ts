import { JOURNEY_STAGES, type Journey, type JourneyStage } from '../domain/journey';
import { isoWeek } from './funnelReport';

/** The selection's steps in order, for the time between them; the three decisions count as one step. */
export const JOURNEY_STEPS: ReadonlyArray<readonly [string, readonly JourneyStage[]]> = [
  ['intake-done', ['intake-done']],
  ['motivation', ['motivation']],
  ['mentor-talk-booked', ['mentor-talk-booked']],
  ['mentor-talk-held', ['mentor-talk-held']],
  ['homework-given', ['homework-given']],
  ['homework-submitted', ['homework-submitted']],
  ['homework-reviewed', ['homework-reviewed']],
  ['selection-intake', ['selection-intake']],
  ['decision', ['selected', 'not-selected', 'talent-pool']],
];

export interface JourneyFunnelRow {
  week: string;
  language: string;
  /** People who reached each stage (the first time) in that week. */
  reached: Record<JourneyStage, number>;
}

export interface JourneyStepTime {
  from: string;
  to: string;
  language: string;
  /** How many people went from one step to the next in the period. */
  people: number;
  medianDays: number | null;
}

export interface JourneyFunnel {
  rows: JourneyFunnelRow[];
  /** Median days between consecutive steps, per language and for all ('all'). */
  steps: JourneyStepTime[];
}

const DAY_MS = 86_400_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(value * 10) / 10;
}

const zero = () => Object.fromEntries(JOURNEY_STAGES.map((s) => [s, 0])) as Record<JourneyStage, number>;

/**
 * The journey funnel from the journeys' histories, with no person in it: per ISO week and language,
 * how many people reached each stage (the first time, on a day from `fromDay` to `toDay`), and the
 * median days between consecutive steps (counted when the later step falls in the period).
 */
export function journeyFunnel(journeys: Array<{ journey: Journey; language: string | null }>, fromDay: string, toDay: string): JourneyFunnel {
  const rows = new Map<string, JourneyFunnelRow>();
  const gaps = new Map<string, number[]>();
  const inRange = (iso: string) => iso.slice(0, 10) >= fromDay && iso.slice(0, 10) <= toDay;
  for (const { journey, language } of journeys) {
    const lang = language ?? 'unknown';
    const first = new Map<JourneyStage, string>();
    for (const m of journey.moves) if (!first.has(m.to)) first.set(m.to, m.at);
    for (const [stage, at] of first) {
      if (!inRange(at)) continue;
      const week = isoWeek(at.slice(0, 10));
      const key = `${week}|${lang}`;
      const row = rows.get(key) ?? rows.set(key, { week, language: lang, reached: zero() }).get(key)!;
      row.reached[stage] += 1;
    }
    const stepAt = JOURNEY_STEPS.map(([, stages]) => stages.map((s) => first.get(s)).filter((a): a is string => !!a).sort()[0]);
    for (let i = 1; i < JOURNEY_STEPS.length; i++) {
      const [before, after] = [stepAt[i - 1], stepAt[i]];
      if (!before || !after || !inRange(after) || after < before) continue;
      const days = (Date.parse(after) - Date.parse(before)) / DAY_MS;
      for (const l of [lang, 'all']) {
        const key = `${i}|${l}`;
        (gaps.get(key) ?? gaps.set(key, []).get(key)!).push(days);
      }
    }
  }
  const steps: JourneyStepTime[] = [...gaps]
    .map(([key, values]) => {
      const [i, language] = key.split('|');
      return { from: JOURNEY_STEPS[Number(i) - 1][0], to: JOURNEY_STEPS[Number(i)][0], language, people: values.length, medianDays: median(values), order: Number(i) };
    })
    .sort((a, b) => a.order - b.order || (a.language === 'all' ? -1 : b.language === 'all' ? 1 : a.language.localeCompare(b.language)))
    .map(({ order: _order, ...step }) => step);
  return { rows: [...rows.values()].sort((a, b) => a.week.localeCompare(b.week) || a.language.localeCompare(b.language)), steps };
}

/** The funnel as CSV: one line per week and language with a column per stage, then the median days per step. */
export function journeyFunnelCsv(funnel: JourneyFunnel): string {
  const header = ['week', 'language', ...JOURNEY_STAGES.map((s) => `reached:${s}`)];
  const lines = funnel.rows.map((r) => [r.week, r.language, ...JOURNEY_STAGES.map((s) => r.reached[s])].join(','));
  const stepLines = funnel.steps.map((s) => [s.from, s.to, s.language, s.people, s.medianDays ?? ''].join(','));
  return `${[header.join(','), ...lines, '', 'from,to,language,people,medianDays', ...stepLines].join('\n')}\n`;
}
