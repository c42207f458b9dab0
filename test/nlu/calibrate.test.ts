import { AtThreshold, cheapestThreshold } from '../../src/nlu/calibrate';

/** A made-up curve: what each threshold gives on the threshold questions. */
function curve(points: Record<string, { right: number; wrong: number; worstLanguage?: number }>, wrongCost = 2): (t: number) => AtThreshold {
  const thresholds = Object.keys(points)
    .map(Number)
    .sort((a, b) => a - b);
  return (t) => {
    // A threshold answers what the nearest point at or above it answers.
    const at = points[String(thresholds.find((p) => p >= t - 1e-9) ?? thresholds[thresholds.length - 1])];
    const missed = 1 - at.right - at.wrong;
    return { wrongRate: at.wrong, worstLanguage: at.worstLanguage ?? at.wrong, cost: wrongCost * at.wrong + missed };
  };
}

describe('cheapestThreshold: where wrong answers and "not sure" cost least, within the bounds', () => {
  it('does not go down to the edge of the bounds for a few more right answers and twice the wrong ones', () => {
    // As on the calibration questions: 0.69 answers 1.1 points more rightly and 1.5 points more wrongly.
    const evaluate = curve({ '0.99': { right: 0.5, wrong: 0 }, '0.74': { right: 0.827, wrong: 0.015 }, '0.69': { right: 0.838, wrong: 0.03 }, '0.6': { right: 0.84, wrong: 0.05 } });
    expect(cheapestThreshold(evaluate, 0.03, 0.05)).toBe(0.74);
  });

  it('goes lower when that answers more questions rightly than it answers wrongly', () => {
    const evaluate = curve({ '0.99': { right: 0.5, wrong: 0 }, '0.74': { right: 0.8, wrong: 0.01 }, '0.7': { right: 0.85, wrong: 0.015 } });
    expect(cheapestThreshold(evaluate, 0.03, 0.05)).toBe(0.7);
  });

  it('never goes below a threshold where the wrong answers break the bounds, overall or in one language', () => {
    const evaluate = curve({ '0.99': { right: 0.5, wrong: 0 }, '0.8': { right: 0.7, wrong: 0.01 }, '0.75': { right: 0.8, wrong: 0.01, worstLanguage: 0.06 }, '0.6': { right: 0.95, wrong: 0.01 } });
    expect(cheapestThreshold(evaluate, 0.03, 0.05)).toBe(0.8);
  });
});
