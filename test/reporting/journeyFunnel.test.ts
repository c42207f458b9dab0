import { move, startJourney, type Journey, type JourneyStage } from '../../src/domain/journey';
import { journeyFunnel, journeyFunnelCsv } from '../../src/reporting/journeyFunnel';

const DAY = 86_400_000;
const T0 = new Date('2026-11-30T09:00:00.000Z'); // a Monday, week 2026-W49
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const staff = { kind: 'staff' as const, id: 'acc-noor', firstName: 'Noor' };

/** A journey through these stages, one every `gap` days from `start`. */
function walk(start: number, gap: number, stages: JourneyStage[]): Journey {
  let journey = startJourney(at(start));
  stages.forEach((to, i) => {
    const moved = move(journey, to, staff, 'step', at(start + (i + 1) * gap));
    if (!moved.ok) throw new Error(moved.refusal.message);
    journey = moved.journey;
  });
  return journey;
}

describe('journeyFunnel', () => {
  const people = [
    { journey: walk(0, 1, ['motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given']), language: 'ar' },
    { journey: walk(0, 3, ['motivation', 'mentor-talk-booked']), language: 'ar' },
    { journey: walk(1, 2, ['motivation']), language: 'nl' },
    { journey: walk(7, 1, ['motivation']), language: 'ar' },
  ];

  it('counts people reaching each stage per week and language, with no person in the result', () => {
    const funnel = journeyFunnel(people, '2026-11-30', '2026-12-13');
    expect(funnel.rows.map((r) => [r.week, r.language, r.reached['intake-done'], r.reached.motivation, r.reached['mentor-talk-booked'], r.reached['homework-given']])).toEqual([
      ['2026-W49', 'ar', 2, 2, 2, 1],
      ['2026-W49', 'nl', 1, 1, 0, 0],
      ['2026-W50', 'ar', 1, 1, 0, 0],
    ]);
    const text = JSON.stringify(funnel);
    expect(text).not.toContain('acc-noor');
    expect(text).not.toContain('Noor');
  });

  it('gives the median days between consecutive steps, per language and for all', () => {
    const steps = journeyFunnel(people, '2026-11-30', '2026-12-13').steps;
    expect(steps.filter((s) => s.from === 'intake-done')).toEqual([
      { from: 'intake-done', to: 'motivation', language: 'all', people: 4, medianDays: 1.5 },
      { from: 'intake-done', to: 'motivation', language: 'ar', people: 3, medianDays: 1 },
      { from: 'intake-done', to: 'motivation', language: 'nl', people: 1, medianDays: 2 },
    ]);
    expect(steps.find((s) => s.from === 'motivation' && s.language === 'all')).toEqual({ from: 'motivation', to: 'mentor-talk-booked', language: 'all', people: 2, medianDays: 2 });
  });

  it('counts only what happened in the period', () => {
    const funnel = journeyFunnel(people, '2026-12-07', '2026-12-13');
    expect(funnel.rows.map((r) => [r.week, r.language, r.reached.motivation])).toEqual([['2026-W50', 'ar', 1]]);
    expect(funnel.steps.map((s) => [s.from, s.language, s.people])).toEqual([
      ['intake-done', 'all', 1],
      ['intake-done', 'ar', 1],
    ]);
  });

  it('writes a CSV with a column per stage and the median days per step', () => {
    const csv = journeyFunnelCsv(journeyFunnel(people, '2026-12-07', '2026-12-13'));
    const [header, first] = csv.split('\n');
    expect(header.split(',').slice(0, 4)).toEqual(['week', 'language', 'reached:intake-done', 'reached:motivation']);
    expect(first.split(',').slice(0, 4)).toEqual(['2026-W50', 'ar', '1', '1']);
    expect(csv).toContain('from,to,language,people,medianDays\nintake-done,motivation,all,1,1\n');
  });
});
