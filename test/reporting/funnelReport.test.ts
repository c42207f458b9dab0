import { funnelCsv, funnelReport, isoWeek } from '../../src/reporting/funnelReport';
import type { DayCounts } from '../../src/reporting/statsStore';

/** Day counts as the stats store gives them: day → language → counts. */
const days = (entries: Array<[string, string, DayCounts]>) => {
  const map = new Map<string, Map<string, DayCounts>>();
  for (const [day, language, counts] of entries) (map.get(day) ?? map.set(day, new Map()).get(day)!).set(language, counts);
  return map;
};

describe('isoWeek', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1
    ['2027-01-01', '2026-W53'], // a Friday: the last week of the year before
    ['2024-12-30', '2025-W01'], // a Monday: already week 1 of the next year
    ['2021-01-03', '2020-W53'], // a Sunday ends the week
    ['2026-11-30', '2026-W49'], // Monday and Sunday of one week
    ['2026-12-06', '2026-W49'],
  ])('puts %s in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });
});

describe('funnelReport', () => {
  const report = funnelReport(
    days([
      ['2026-12-01', 'ar', { started: 3, consented: 2, intakeCompleted: 1, 'outcome:eligible': 1, mentorAsked: 1, mentorTook: 1, rated: 1, ratingSum: 4, waitCount: 1, waitSum: 90, 'wait:<5m': 1 }],
      ['2026-12-03', 'ar', { started: 1, consented: 1, rated: 2, ratingSum: 9, waitCount: 1, waitSum: 30, 'wait:<1m': 1 }],
      ['2026-12-03', 'nl', { started: 2, 'outcome:language-first': 1 }],
      ['2026-12-08', 'ar', { started: 1 }],
    ]),
  );

  it('adds the days of one week and language into one row, sorted by week, then language', () => {
    expect(report.rows.map((r) => [r.week, r.language, r.started])).toEqual([
      ['2026-W49', 'ar', 4],
      ['2026-W49', 'nl', 2],
      ['2026-W50', 'ar', 1],
    ]);
    expect(report.weeks).toEqual(['2026-W49', '2026-W50']);
    expect(report.languages).toEqual(['ar', 'nl']);
  });

  it('gives averages over what was counted, rounded, and none where nothing was', () => {
    const [ar49, nl49] = report.rows;
    expect(ar49).toMatchObject({ consented: 3, intakeCompleted: 1, mentorAsked: 1, mentorTook: 1, ratings: 3, ratingAverage: 4.33, waitAverageSeconds: 60 });
    expect(ar49.outcomes).toEqual({ eligible: 1 });
    expect(ar49.waitBuckets).toEqual({ '<1m': 1, '<5m': 1, '<15m': 0, '<1h': 0, '<4h': 0, '<24h': 0, '>=24h': 0 });
    expect(nl49).toMatchObject({ ratings: 0, ratingAverage: null, waitAverageSeconds: null, outcomes: { 'language-first': 1 } });
  });

  it('totals everything, without a week or language', () => {
    expect(report.totals).toMatchObject({ started: 7, consented: 3, ratings: 3, ratingAverage: 4.33, outcomes: { eligible: 1, 'language-first': 1 } });
    expect(report.totals).not.toHaveProperty('week');
    expect(report.totals).not.toHaveProperty('language');
  });

  it('is empty, with empty totals, when nothing was counted', () => {
    const empty = funnelReport(new Map());
    expect(empty).toMatchObject({ weeks: [], languages: [], rows: [] });
    expect(empty.totals).toMatchObject({ started: 0, ratingAverage: null, waitAverageSeconds: null, outcomes: {} });
  });
});

describe('funnelCsv', () => {
  it('writes one line per week and language, every outcome as a column (0 where absent, empty for no average)', () => {
    const csv = funnelCsv(
      funnelReport(
        days([
          ['2026-12-01', 'ar', { started: 3, 'outcome:eligible': 1, rated: 1, ratingSum: 5 }],
          ['2026-12-01', 'nl', { started: 1, 'outcome:language-first': 2 }],
        ]),
      ),
    );
    expect(csv.split('\n')).toEqual([
      'week,language,started,consented,intakeCompleted,mentorAsked,mentorTook,ratings,ratingAverage,waitAverageSeconds,outcome:eligible,outcome:language-first',
      '2026-W49,ar,3,0,0,0,0,1,5,,1,0',
      '2026-W49,nl,1,0,0,0,0,0,,,0,2',
      '',
    ]);
  });
});
