import { outcomeCsv, outcomeFunnel, poolByQuarter, quartersBetween, type OutcomeStepFigure } from '../../src/reporting/outcomeFunnel';
import type { OutcomeStep, OutcomeStepEvent, PoolEvent } from '../../src/reporting/outcomeEvents';
import type { Language } from '../../src/domain/language';

/** One person's way through the funnel: the steps reached, each on a day after the first contact. */
function person(cohort: string, language: Language, region: string | null, days: Partial<Record<OutcomeStep, number>>): OutcomeStepEvent[] {
  return Object.entries(days).map(([step, d]) => ({
    step: step as OutcomeStep,
    at: new Date(Date.parse(`${cohort}-01T10:00:00.000Z`) + d! * 86400000).toISOString(),
    cohort,
    language,
    region: step === 'started' ? null : region,
    daysSinceFirstContact: d!,
  }));
}

const EVENTS: OutcomeStepEvent[] = [
  // November: four start, three do the intake, two are selected, one is referred, starts training, signs.
  ...person('2026-11', 'ar', 'Groningen', { started: 0, intake: 2, selected: 40, referred: 50, 'training-started': 80, 'contract-signed': 200 }),
  ...person('2026-11', 'ar', 'Utrecht', { started: 0, intake: 4, selected: 60 }),
  ...person('2026-11', 'ti', 'Groningen', { started: 1, intake: 10 }),
  ...person('2026-11', 'ti', null, { started: 0 }),
  // December: two start, one does the intake (municipality skipped).
  ...person('2026-12', 'fa', null, { started: 0, intake: 3 }),
  ...person('2026-12', 'nl', 'Friesland', { started: 0 }),
  // October: outside the cohorts asked for.
  ...person('2026-10', 'ar', 'Groningen', { started: 0, intake: 1, selected: 30 }),
];

const row = (steps: OutcomeStepFigure[]) => Object.fromEntries(steps.map((s) => [s.step, [s.people, s.shareOfPrevious, s.shareOfStarted, s.medianDaysFromFirstContact, s.medianDaysFromPrevious]]));

describe('the outcome funnel', () => {
  const funnel = outcomeFunnel(EVENTS, '2026-11', '2026-12');

  it.each([
    // step: [people, share of previous, share of started, median days from first contact, from the step before]
    ['started', [6, null, 1, 0, null]],
    ['intake', [4, 0.6667, 0.6667, 3.5, 3.5]],
    ['selected', [2, 0.5, 0.3333, 50, 46.5]],
    ['referred', [1, 0.5, 0.1667, 50, 0]],
    ['training-started', [1, 1, 0.1667, 80, 30]],
    ['contract-signed', [1, 1, 0.1667, 200, 120]],
  ])('counts %s for all cohorts asked for', (step, expected) => {
    expect(row(funnel.total.steps)[step]).toEqual(expected);
  });

  it('splits by cohort (month of first contact), leaving out cohorts not asked for', () => {
    expect(funnel.byCohort.map((g) => [g.cohort, g.steps.map((s) => s.people)])).toEqual([
      ['2026-11', [4, 3, 2, 1, 1, 1]],
      ['2026-12', [2, 1, 0, 0, 0, 0]],
    ]);
    expect(row(funnel.byCohort[1].steps).selected).toEqual([0, 0, 0, null, null]);
  });

  it('splits by language', () => {
    expect(funnel.byLanguage.map((g) => [g.language, g.steps.map((s) => s.people)])).toEqual([
      ['ar', [2, 2, 2, 1, 1, 1]],
      ['fa', [1, 1, 0, 0, 0, 0]],
      ['nl', [1, 0, 0, 0, 0, 0]],
      ['ti', [2, 1, 0, 0, 0, 0]],
    ]);
  });

  it('splits by region from the intake on: started is not known per region, nor its shares', () => {
    expect(funnel.byRegion.map((g) => [g.region, g.steps.map((s) => s.people)])).toEqual([
      ['Groningen', [null, 2, 1, 1, 1, 1]],
      ['Utrecht', [null, 1, 1, 0, 0, 0]],
      ['unknown', [null, 1, 0, 0, 0, 0]],
    ]);
    expect(row(funnel.byRegion[0].steps).intake).toEqual([2, null, null, 6, 6]);
    expect(row(funnel.byRegion[0].steps).selected).toEqual([1, 0.5, null, 40, 34]);
  });

  it('counts one language or one region only when asked', () => {
    expect(outcomeFunnel(EVENTS, '2026-11', '2026-12', { language: 'ti' }).total.steps.map((s) => s.people)).toEqual([2, 1, 0, 0, 0, 0]);
    const groningen = outcomeFunnel(EVENTS, '2026-10', '2026-12', { region: 'Groningen' });
    expect(groningen.total.steps.map((s) => s.people)).toEqual([null, 3, 2, 1, 1, 1]);
    expect(groningen.byCohort.map((g) => g.cohort)).toEqual(['2026-10', '2026-11']);
  });

  it('shows zeros and no shares when nobody is in the cohorts', () => {
    const empty = outcomeFunnel([], '2027-01', '2027-03');
    expect(empty.total.steps.every((s) => s.people === 0 && s.shareOfPrevious === null && s.shareOfStarted === null && s.medianDaysFromFirstContact === null)).toBe(true);
    expect([empty.byCohort, empty.byLanguage, empty.byRegion]).toEqual([[], [], []]);
  });

  it('never shows a step as taking negative days', () => {
    const odd = [...person('2026-11', 'en', null, { started: 0, intake: 20 }), ...person('2026-11', 'en', null, { selected: 5 })];
    expect(row(outcomeFunnel(odd, '2026-11', '2026-11').total.steps).selected[4]).toBe(0);
  });
});

describe('the talent pool per quarter', () => {
  const pool = (kind: PoolEvent['kind'], at: string, language: Language, change: Partial<PoolEvent> = {}): PoolEvent => ({ kind, at: `${at}T12:00:00.000Z`, language, region: null, ...change });
  const EVENTS_POOL: PoolEvent[] = [
    pool('joined', '2026-05-01', 'ar'),
    pool('joined', '2026-08-10', 'ar'),
    pool('joined', '2026-09-30', 'ti'),
    pool('level-changed', '2026-10-02', 'ar', { dutch: { from: 'A2', to: 'B1' }, english: { from: 'B1', to: 'B1' } }),
    pool('level-changed', '2026-11-15', 'ti', { dutch: { from: 'A2', to: 'A1' }, english: { from: null, to: 'A2' } }),
    pool('level-changed', '2026-12-01', 'ar', { english: { from: 'A2', to: 'B2' } }),
    pool('left', '2026-12-31', 'ar'),
    pool('joined', '2027-01-01', 'fa'),
  ];

  it.each([
    // quarter, language: [size at end, joined, left, Dutch up, Dutch down, English up, English down]
    ['2026-Q3', 'all', [3, 2, 0, 0, 0, 0, 0]],
    ['2026-Q3', 'ar', [2, 1, 0, 0, 0, 0, 0]],
    ['2026-Q3', 'ti', [1, 1, 0, 0, 0, 0, 0]],
    ['2026-Q4', 'all', [2, 0, 1, 1, 1, 1, 0]],
    ['2026-Q4', 'ar', [1, 0, 1, 1, 0, 1, 0]],
    ['2026-Q4', 'ti', [1, 0, 0, 0, 1, 0, 0]],
  ])('%s %s', (quarter, language, expected) => {
    const found = poolByQuarter(EVENTS_POOL, '2026-07', '2026-12').find((r) => r.quarter === quarter && r.language === language)!;
    expect([found.size, found.joined, found.left, found.dutchUp, found.dutchDown, found.englishUp, found.englishDown]).toEqual(expected);
  });

  it('has a line for all in each quarter, and a language only once someone of it is in the pool', () => {
    expect(poolByQuarter(EVENTS_POOL, '2026-07', '2026-12').map((r) => `${r.quarter} ${r.language}`)).toEqual(['2026-Q3 all', '2026-Q3 ar', '2026-Q3 ti', '2026-Q4 all', '2026-Q4 ar', '2026-Q4 ti']);
    expect(poolByQuarter([], '2026-01', '2026-06').map((r) => [r.quarter, r.size])).toEqual([['2026-Q1', 0], ['2026-Q2', 0]]);
  });

  it('names the quarters across a year', () => {
    expect(quartersBetween('2026-11', '2027-04')).toEqual(['2026-Q4', '2027-Q1', '2027-Q2']);
  });
});

describe('the outcome numbers as CSV', () => {
  it('has a line per group and step, then per quarter and language, and no cell a spreadsheet reads as a formula', () => {
    const funnel = outcomeFunnel([...EVENTS, ...person('2026-11', 'en', '=HYPERLINK("x")', { started: 0, intake: 1 })], '2026-11', '2026-12');
    const csv = outcomeCsv(funnel, poolByQuarter([], '2026-10', '2026-12'));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('group,cohort,language,region,step,people,shareOfPrevious,shareOfStarted,medianDaysFromFirstContact,medianDaysFromPrevious');
    expect(lines).toContain('total,all,all,all,intake,5,0.7143,0.7143,3,3');
    expect(lines).toContain('region,all,all,Groningen,started,,,,,');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines.slice(-2)).toEqual(['quarter,language,size,joined,left,dutchUp,dutchDown,englishUp,englishDown', '2026-Q4,all,0,0,0,0,0,0,0']);
  });
});
