import { CEFR_LEVELS } from '../domain/profile';
import { OUTCOME_STEPS, type OutcomeStep, type OutcomeStepEvent, type PoolEvent } from './outcomeEvents';

/** One step of the funnel for one group of people. */
export interface OutcomeStepFigure {
  step: OutcomeStep;
  /** How many people reached the step; null where it is not known for the group ("started" per region: the region is asked at the intake). */
  people: number | null;
  /** Of the people at the step before, how many reached this one (0…1); null without a step before or without people there. */
  shareOfPrevious: number | null;
  /** Of the people who started, how many reached this one (0…1); null where started is not known or 0. */
  shareOfStarted: number | null;
  /** The median whole days from the first contact to this step. */
  medianDaysFromFirstContact: number | null;
  /**
   * The typical days from the step before to this one: the difference of the two medians above (the
   * events hold no person, so a person's own two steps cannot be paired); never below 0.
   */
  medianDaysFromPrevious: number | null;
}

/** A group of people: a cohort (month of first contact), a language, a region (province), or 'all' of one. */
export interface OutcomeGroup {
  cohort: string;
  language: string;
  region: string;
  steps: OutcomeStepFigure[];
}

export interface OutcomeFunnel {
  /** The cohorts shown: months of first contact, `YYYY-MM`, inclusive. */
  from: string;
  to: string;
  total: OutcomeGroup;
  byCohort: OutcomeGroup[];
  byLanguage: OutcomeGroup[];
  byRegion: OutcomeGroup[];
}

/** The talent pool in one quarter, for all languages ('all') or one. */
export interface PoolQuarter {
  /** e.g. "2026-Q4". */
  quarter: string;
  language: string;
  /** People in the pool at the end of the quarter (joined minus left since the pool began). */
  size: number;
  joined: number;
  left: number;
  /** Level changes at follow-ups in the quarter: how many went up or down a CEFR level, in Dutch and in English. */
  dutchUp: number;
  dutchDown: number;
  englishUp: number;
  englishDown: number;
}

export const ALL = 'all';
/** The region of people whose municipality is not known (skipped, or not a Dutch municipality). */
export const UNKNOWN_REGION = 'unknown';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, 1);
}

/** The figures of one group; without `started` known (a region), the shares of started and the first step's are null. */
function figures(events: OutcomeStepEvent[], startedKnown: boolean): OutcomeStepFigure[] {
  const days = new Map<OutcomeStep, number[]>(OUTCOME_STEPS.map((s) => [s, []]));
  for (const e of events) days.get(e.step)!.push(e.daysSinceFirstContact);
  const people = (step: OutcomeStep) => (step === 'started' && !startedKnown ? null : days.get(step)!.length);
  const started = people('started');
  return OUTCOME_STEPS.map((step, i) => {
    const count = people(step);
    const before = i > 0 ? people(OUTCOME_STEPS[i - 1]) : null;
    const med = step === 'started' && !startedKnown ? null : median(days.get(step)!);
    // Before the first step counted, the first contact itself: day 0.
    const medBefore = i === 0 ? null : i === 1 && !startedKnown ? 0 : median(days.get(OUTCOME_STEPS[i - 1])!);
    return {
      step,
      people: count,
      shareOfPrevious: count !== null && before ? round(count / before, 4) : null,
      shareOfStarted: count !== null && started ? round(count / started, 4) : null,
      medianDaysFromFirstContact: med,
      medianDaysFromPrevious: med !== null && medBefore !== null ? Math.max(0, round(med - medBefore, 1)) : null,
    };
  });
}

function groups(events: OutcomeStepEvent[], key: (e: OutcomeStepEvent) => string, make: (value: string) => Omit<OutcomeGroup, 'steps'>, startedKnown: boolean): OutcomeGroup[] {
  const by = new Map<string, OutcomeStepEvent[]>();
  for (const e of events) (by.get(key(e)) ?? by.set(key(e), []).get(key(e))!).push(e);
  return [...by.keys()].sort().map((value) => ({ ...make(value), steps: figures(by.get(value)!, startedKnown) }));
}

/**
 * The outcome funnel of the people whose first contact fell in the months `from`…`to` (`YYYY-MM`):
 * started → intake → selected → referred → training started → contract signed, in all and per cohort,
 * language and region, with the share of the step before and of started, and the median days. Give it
 * every step event from the first of `from` until now (a cohort's later steps come months later).
 * With a language or region asked for, only that group's people are counted. "started" is counted
 * before the intake asks for the municipality: per region (and with a region asked for) it is not known.
 */
export function outcomeFunnel(events: OutcomeStepEvent[], from: string, to: string, only: { language?: string; region?: string } = {}): OutcomeFunnel {
  const regionOf = (e: OutcomeStepEvent) => e.region ?? UNKNOWN_REGION;
  const chosen = events.filter(
    (e) =>
      e.cohort >= from &&
      e.cohort <= to &&
      (!only.language || e.language === only.language) &&
      (!only.region || (e.step !== 'started' && regionOf(e) === only.region)),
  );
  const startedKnown = !only.region;
  const all = { cohort: ALL, language: ALL, region: ALL };
  return {
    from,
    to,
    total: { ...all, steps: figures(chosen, startedKnown) },
    byCohort: groups(chosen, (e) => e.cohort, (cohort) => ({ ...all, cohort }), startedKnown),
    byLanguage: groups(chosen, (e) => e.language, (language) => ({ ...all, language }), startedKnown),
    byRegion: groups(chosen.filter((e) => e.step !== 'started'), regionOf, (region) => ({ ...all, region }), false),
  };
}

/** "2026-Q4" for a day or month in it. */
export const quarterOf = (dayOrMonth: string) => `${dayOrMonth.slice(0, 4)}-Q${Math.floor((Number(dayOrMonth.slice(5, 7)) - 1) / 3) + 1}`;

/** The quarters from one month's to another's, in order. */
export function quartersBetween(from: string, to: string): string[] {
  const quarters: string[] = [];
  let year = Number(from.slice(0, 4));
  let q = Number(quarterOf(from).slice(-1));
  for (let quarter = quarterOf(from); quarter <= quarterOf(to) && quarters.length < 200; quarter = `${year}-Q${q}`) {
    quarters.push(quarter);
    q += 1;
    if (q > 4) [year, q] = [year + 1, 1];
  }
  return quarters;
}

const levelIndex = (level: string | null) => (level === null ? -1 : (CEFR_LEVELS as readonly string[]).indexOf(level));

/** +1 up, -1 down, 0 the same or not comparable (a level not known before or after). */
function direction(change: PoolEvent['dutch']): number {
  if (!change) return 0;
  const [from, to] = [levelIndex(change.from), levelIndex(change.to)];
  return from < 0 || to < 0 ? 0 : Math.sign(to - from);
}

/**
 * The talent pool per quarter from `from` to `to` (months): its size at each quarter's end, who joined
 * and left in it, and the level changes at follow-ups (up or down, in Dutch and in English), for all
 * and per language. Give it every pool event since the pool began (the size counts them all).
 */
export function poolByQuarter(events: PoolEvent[], from: string, to: string): PoolQuarter[] {
  const quarters = quartersBetween(from, to);
  const languages = [ALL, ...[...new Set(events.map((e) => e.language))].sort()];
  const rows: PoolQuarter[] = [];
  for (const quarter of quarters) {
    for (const language of languages) {
      const mine = events.filter((e) => language === ALL || e.language === language);
      const upTo = mine.filter((e) => quarterOf(e.at.slice(0, 7)) <= quarter);
      const within = mine.filter((e) => quarterOf(e.at.slice(0, 7)) === quarter);
      const count = (list: PoolEvent[], kind: PoolEvent['kind']) => list.filter((e) => e.kind === kind).length;
      const moved = (lang: 'dutch' | 'english', sign: number) => within.filter((e) => e.kind === 'level-changed' && direction(e[lang]) === sign).length;
      rows.push({
        quarter,
        language,
        size: Math.max(0, count(upTo, 'joined') - count(upTo, 'left')),
        joined: count(within, 'joined'),
        left: count(within, 'left'),
        dutchUp: moved('dutch', 1),
        dutchDown: moved('dutch', -1),
        englishUp: moved('english', 1),
        englishDown: moved('english', -1),
      });
    }
  }
  // A language nobody of in the pool by then and without movement is left out (only 'all' is always there).
  return rows.filter((r) => r.language === ALL || r.size > 0 || r.joined > 0 || r.left > 0 || r.dutchUp + r.dutchDown + r.englishUp + r.englishDown > 0);
}

/** A spreadsheet cell: quoted where needed, and never read as a formula. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const FIGURE_COLUMNS = ['people', 'shareOfPrevious', 'shareOfStarted', 'medianDaysFromFirstContact', 'medianDaysFromPrevious'] as const;
const POOL_COLUMNS = ['quarter', 'language', 'size', 'joined', 'left', 'dutchUp', 'dutchDown', 'englishUp', 'englishDown'] as const;

/** The funnel and the pool as CSV: one line per group and step, then one per quarter and language. */
export function outcomeCsv(funnel: OutcomeFunnel, pool: PoolQuarter[]): string {
  const lines = [['group', 'cohort', 'language', 'region', 'step', ...FIGURE_COLUMNS].join(',')];
  const add = (kind: string, group: OutcomeGroup) => {
    for (const figure of group.steps) lines.push([kind, group.cohort, group.language, group.region, figure.step, ...FIGURE_COLUMNS.map((c) => figure[c])].map(cell).join(','));
  };
  add('total', funnel.total);
  for (const g of funnel.byCohort) add('cohort', g);
  for (const g of funnel.byLanguage) add('language', g);
  for (const g of funnel.byRegion) add('region', g);
  lines.push('', POOL_COLUMNS.join(','));
  for (const row of pool) lines.push(POOL_COLUMNS.map((c) => cell(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
