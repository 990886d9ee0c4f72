import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { bootstrapRatioCi, speedup, speedupOf } from './bootstrap.js';

// Expected values were computed independently with Python 3, numpy and scipy 1.17.1
// (`import numpy as np, scipy.stats as st`); each comment gives the expression that produced the number.

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

describe('bootstrapRatioCi and speedup', () => {
  const num = range(30, (i) => 12 + ((i * 7) % 13) / 5);
  const den = range(40, (i) => 10 + ((i * 11) % 17) / 5);

  it('is deterministic for a seed and varies with it', () => {
    expect(bootstrapRatioCi(num, den, { seed: 3 })).toEqual(bootstrapRatioCi(num, den, { seed: 3 }));
    expect(bootstrapRatioCi(num, den, { seed: 3 })).not.toEqual(bootstrapRatioCi(num, den, { seed: 4 }));
  });

  it('agrees with scipy percentile bootstrap up to Monte Carlo error', () => {
    const r = bootstrapRatioCi(num, den);
    // num = [12 + (i*7 % 13)/5 for i in range(30)]; den = [10 + (i*11 % 17)/5 for i in range(40)]
    expect(r.ratio).toBeCloseTo(1.1379310344827587, 12); // np.median(num) / np.median(den)
    expect(r.confidence).toBe(0.95);
    // st.bootstrap((num, den), lambda x, y, axis: np.median(x, axis=axis) / np.median(y, axis=axis),
    //   method='percentile', n_resamples=20000, rng=np.random.default_rng(0)).confidence_interval
    //   -> (1.0743801652892562, 1.2072072072072073); bounds are discrete, so allow 0.01 of Monte Carlo spread.
    expect(Math.abs(r.lo - 1.0743801652892562)).toBeLessThan(0.01);
    expect(Math.abs(r.hi - 1.2072072072072073)).toBeLessThan(0.01);
    expect(r.lo).toBeLessThan(r.ratio);
    expect(r.hi).toBeGreaterThan(r.ratio);
  });

  it('widens with the confidence level', () => {
    const narrow = bootstrapRatioCi(num, den, { confidence: 0.5 });
    const wide = bootstrapRatioCi(num, den, { confidence: 0.99 });
    expect(wide.lo).toBeLessThan(narrow.lo);
    expect(wide.hi).toBeGreaterThan(narrow.hi);
  });

  it('excludes 1 for a 20% shift', () => {
    const rng = createRng(42);
    const base = range(30, () => 100 + 10 * rng());
    const shifted = range(30, () => 1.2 * (100 + 10 * rng()));
    const r = bootstrapRatioCi(shifted, base);
    expect(r.ratio).toBeGreaterThan(1.1);
    expect(r.ratio).toBeLessThan(1.3);
    expect(r.lo).toBeGreaterThan(1);
    expect(r.lo).toBeLessThanOrEqual(r.ratio);
    expect(r.hi).toBeGreaterThanOrEqual(r.ratio);
  });

  it('speedup is median(sequential) / median(parallel) with the same bootstrap', () => {
    expect(speedup(num, den)).toEqual(bootstrapRatioCi(num, den, { seed: 1 }));
    expect(speedup(num, den, 7)).toEqual(bootstrapRatioCi(num, den, { seed: 7, resamples: 2000 }));
  });
});

describe('speedupOf', () => {
  const sequential = range(20, (i) => 100 + ((i * 7) % 11));
  const pool = range(20, (i) => 50 + ((i * 5) % 7));

  it('is exactly 1 with no CI for the baseline itself', () => {
    expect(speedupOf(sequential, sequential.slice(), { isBaseline: true })).toEqual({
      ratio: 1,
      baseline: true,
    });
  });

  it('is exactly 1 when the same array is passed twice, even without isBaseline', () => {
    expect(speedupOf(sequential, sequential, { isBaseline: false })).toEqual({ ratio: 1, baseline: true });
  });

  it('is the bootstrap speedup for any other cell', () => {
    expect(speedupOf(sequential, pool, { isBaseline: false })).toEqual({
      ...speedup(sequential, pool),
      baseline: false,
    });
    expect(speedupOf(sequential, pool, { isBaseline: false, seed: 9 })).toEqual({
      ...speedup(sequential, pool, 9),
      baseline: false,
    });
  });

  it('shows why: a sample bootstrapped against itself gets a spurious interval around 1', () => {
    const self = bootstrapRatioCi(sequential, sequential);
    expect(self.ratio).toBe(1);
    expect(self.hi - self.lo).toBeGreaterThan(0);
  });
});

describe('input errors', () => {
  it.each([
    { name: 'bootstrapRatioCi empty numerator', call: () => bootstrapRatioCi([], [1]) },
    { name: 'bootstrapRatioCi empty denominator', call: () => bootstrapRatioCi([1], []) },
    { name: 'bootstrapRatioCi zero denominator', call: () => bootstrapRatioCi([1], [0, 1]) },
    { name: 'bootstrapRatioCi 0 resamples', call: () => bootstrapRatioCi([1], [1], { resamples: 0 }) },
    { name: 'speedup empty', call: () => speedup([], [1]) },
    { name: 'speedupOf empty baseline', call: () => speedupOf([], [1], { isBaseline: true }) },
    { name: 'speedupOf zero sample', call: () => speedupOf([1], [0], { isBaseline: false }) },
  ])('$name throws RangeError', ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});
