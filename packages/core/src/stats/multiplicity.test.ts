import { describe, expect, it } from 'vitest';
import { smallestP } from './mann-whitney.js';
import {
  ALPHA,
  benjaminiHochberg,
  canReachSignificance,
  holmBonferroni,
  minimumAdjustedP,
} from './multiplicity.js';

describe('holmBonferroni', () => {
  // statsmodels is not installed; expected values use the Holm formula in numpy:
  // m = len(p); o = np.argsort(p); adj = np.minimum(1, np.maximum.accumulate(np.sort(p) * (m - np.arange(m))))
  // result = adj[np.argsort(o)]
  it.each([
    // p = [0.01, 0.04, 0.03, 0.005, 0.2] -> [0.04, 0.09, 0.09, 0.025, 0.2]
    { p: [0.01, 0.04, 0.03, 0.005, 0.2], expected: [0.04, 0.09, 0.09, 0.025, 0.2] },
    // p = [0.3, 0.5, 0.6] -> [0.8999999999999999, 1.0, 1.0] (capped at 1, then monotone)
    { p: [0.3, 0.5, 0.6], expected: [0.9, 1, 1] },
    // p = [0.02, 0.02, 0.5] -> [0.06, 0.06, 0.5]
    { p: [0.02, 0.02, 0.5], expected: [0.06, 0.06, 0.5] },
    { p: [0.7], expected: [0.7] },
  ])('adjusts $p', ({ p, expected }) => {
    const adjusted = holmBonferroni(p);
    expect(adjusted).toHaveLength(expected.length);
    adjusted.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] as number, 12);
    });
  });

  it('returns [] for no p-values', () => {
    expect(holmBonferroni([])).toEqual([]);
  });
});

describe('benjaminiHochberg', () => {
  it.each([
    // st.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.2], method='bh') -> [0.025, 0.05, 0.05, 0.025, 0.2]
    { p: [0.01, 0.04, 0.03, 0.005, 0.2], expected: [0.025, 0.05, 0.05, 0.025, 0.2] },
    // st.false_discovery_control([0.3, 0.5, 0.6], method='bh') -> [0.6, 0.6, 0.6]
    { p: [0.3, 0.5, 0.6], expected: [0.6, 0.6, 0.6] },
    // st.false_discovery_control([0.02, 0.02, 0.5], method='bh') -> [0.03, 0.03, 0.5]
    { p: [0.02, 0.02, 0.5], expected: [0.03, 0.03, 0.5] },
    // st.false_discovery_control([0.7], method='bh') -> [0.7]
    { p: [0.7], expected: [0.7] },
    // st.false_discovery_control([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216], method='bh')
    //   -> [0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.1057142857142857, 0.216, 0.216, 0.216]
    {
      p: [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216],
      expected: [0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.1057142857142857, 0.216, 0.216, 0.216],
    },
    // st.false_discovery_control([0.9, 0.95], method='bh') -> [0.95, 0.95]
    { p: [0.9, 0.95], expected: [0.95, 0.95] },
  ])('matches scipy for $p', ({ p, expected }) => {
    const adjusted = benjaminiHochberg(p);
    expect(adjusted).toHaveLength(expected.length);
    adjusted.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] as number, 12);
    });
  });

  it('is never above Holm', () => {
    const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216];
    const holm = holmBonferroni(p);
    benjaminiHochberg(p).forEach((q, i) => {
      expect(q).toBeLessThanOrEqual(holm[i] as number);
    });
  });

  it('returns [] for no p-values', () => {
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe('minimumAdjustedP and canReachSignificance', () => {
  const p55 = 2 / 252; // smallestP(5, 5) = 2 / math.comb(10, 5)

  it.each([
    // Holm: tests x the floor. 6 x 0.0079 = 0.048 < 0.05; 7 x 0.0079 = 0.056
    { sizes: [5, 5] as const, tests: 6, correction: 'holm' as const, min: 6 * p55, reachable: true },
    { sizes: [5, 5] as const, tests: 7, correction: 'holm' as const, min: 7 * p55, reachable: false },
    { sizes: [5, 5] as const, tests: 100, correction: 'holm' as const, min: 100 * p55, reachable: false },
    { sizes: [5, 5] as const, tests: 200, correction: 'holm' as const, min: 1, reachable: false }, // capped
    // BH with one shared pair: every comparison at the floor gives q = floor, however many tests
    { sizes: [5, 5] as const, tests: 100, correction: 'bh' as const, min: p55, reachable: true },
    // 3 vs 3 can never reach 0.05, even alone: 2 / comb(6, 3) = 0.1
    { sizes: [3, 3] as const, tests: 1, correction: 'bh' as const, min: 0.1, reachable: false },
    { sizes: [3, 3] as const, tests: 1, correction: 'holm' as const, min: 0.1, reachable: false },
  ])('$sizes x $tests with $correction: $min', ({ sizes, tests, correction, min, reachable }) => {
    expect(minimumAdjustedP(sizes, tests, correction)).toBeCloseTo(min, 15);
    expect(canReachSignificance(sizes, tests, correction)).toBe(reachable);
  });

  it('takes one pair per test: BH uses min over k of (m / k) x the k-th smallest floor', () => {
    // floors: [2/252, 2/10, 2/10] (5 vs 5, then two 2 vs 3). (m/k) p_(k): 3 x 2/252, 1.5 x 0.2, 1 x 0.2
    const sizes = [
      [5, 5],
      [2, 3],
      [3, 2],
    ] as const;
    expect(minimumAdjustedP(sizes, 3, 'bh')).toBeCloseTo(Math.min(3 * p55, 0.3, 0.2), 15);
    expect(minimumAdjustedP(sizes, 3, 'holm')).toBeCloseTo(3 * p55, 15);
    expect(canReachSignificance(sizes, 3, 'bh')).toBe(true);
    // with only small samples the smallest q is 0.2
    expect(
      minimumAdjustedP(
        [
          [2, 3],
          [2, 3],
        ],
        2,
        'bh',
      ),
    ).toBeCloseTo(smallestP(2, 3), 15);
  });

  it('honours alpha', () => {
    expect(ALPHA).toBe(0.05);
    expect(canReachSignificance([5, 5], 10, 'holm', 0.1)).toBe(true); // 10 x 0.0079 = 0.079 < 0.1
    expect(canReachSignificance([5, 5], 10, 'holm')).toBe(false);
  });

  it.each([
    { name: 'tests 0', call: () => minimumAdjustedP([5, 5], 0, 'holm') },
    { name: 'tests 1.5', call: () => minimumAdjustedP([5, 5], 1.5, 'holm') },
    {
      name: 'two pairs for three tests',
      call: () =>
        minimumAdjustedP(
          [
            [5, 5],
            [5, 5],
          ],
          3,
          'bh',
        ),
    },
    { name: 'no pairs', call: () => minimumAdjustedP([], 1, 'bh') },
    { name: 'size 0', call: () => minimumAdjustedP([0, 5], 1, 'bh') },
    { name: 'alpha 0', call: () => canReachSignificance([5, 5], 1, 'bh', 0) },
  ])('$name throws RangeError', ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});

describe('input errors', () => {
  it.each([
    { name: 'holmBonferroni p > 1', call: () => holmBonferroni([0.5, 1.5]) },
    { name: 'benjaminiHochberg p < 0', call: () => benjaminiHochberg([-0.1]) },
    { name: 'benjaminiHochberg NaN', call: () => benjaminiHochberg([Number.NaN]) },
  ])('$name throws RangeError', ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});
