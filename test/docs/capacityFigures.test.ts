import { readFileSync } from 'node:fs';
import { CAPACITY_DOC, CapacityResults, FIGURES_END, FIGURES_START, limits, planFor, readCapacityResults, SCALES, withCapacityFigures } from '../../support/capacityModel';

const doc = readFileSync(CAPACITY_DOC, 'utf8');
const recorded = readCapacityResults();

describe('the capacity figures in docs/capacity.md', () => {
  it('are what the recorded bench run (bench/results/capacity.json) and the assumptions give (else run npm run docs:capacity)', () => {
    expect(withCapacityFigures(doc, recorded)).toBe(doc);
  });

  it('come from the recorded run: another measurement gives other figures', () => {
    const doubledCpu: CapacityResults = { ...recorded, perTurn: { ...recorded.perTurn, botCpuMs: recorded.perTurn.botCpuMs * 2 } };
    const moreMemory: CapacityResults = { ...recorded, perPerson: { ...recorded.perPerson, redisMemoryBytes: recorded.perPerson.redisMemoryBytes * 3 }, keyKinds: recorded.keyKinds.map((k) => ({ ...k, bytesPerPerson: k.bytesPerPerson * 3 })) };
    expect(withCapacityFigures(doc, doubledCpu)).not.toBe(doc);
    expect(withCapacityFigures(doc, moreMemory)).not.toBe(doc);
    expect(planFor(moreMemory, 100_000).redisDataGB).toBeCloseTo(planFor(recorded, 100_000).redisDataGB * 3, 5);
  });

  it('names the run it comes from: date, machine, commit and how much was measured', () => {
    expect(recorded.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(recorded.commit).toMatch(/^[0-9a-f]{7,}/);
    expect(recorded.measured.people).toBeGreaterThanOrEqual(100);
    expect(recorded.measured.handoffs).toBeGreaterThan(0);
    const figures = doc.slice(doc.indexOf(FIGURES_START), doc.indexOf(FIGURES_END));
    expect(figures).toContain(`Measured ${recorded.date}`);
    expect(figures).toContain(`commit \`${recorded.commit}\``);
  });

  it('plans more of everything for more newcomers, never less', () => {
    const plans = SCALES.map((n) => planFor(recorded, n));
    for (let i = 1; i < plans.length; i++) {
      expect(plans[i].instances).toBeGreaterThanOrEqual(plans[i - 1].instances);
      expect(plans[i].redisDataGB).toBeGreaterThan(plans[i - 1].redisDataGB);
      expect(plans[i].totalPerMonth).toBeGreaterThanOrEqual(plans[i - 1].totalPerMonth);
    }
    const reached = limits(recorded).map((l) => l.newcomersPerYear);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
  });

  it('keeps the hand-written text around the markers as it is', () => {
    const edited = doc.replace('# Capacity', '# Capacity (edited)');
    expect(withCapacityFigures(edited, recorded)).toBe(edited);
  });
});
