import { describe, expect, it } from 'vitest';
import { FLOOR_MIN_SAMPLES, linearQuantile, lowEnd, summarize } from './summary.js';

// Expected values were computed independently with Python 3, numpy and scipy 1.17.1
// (`import numpy as np, scipy.stats as st`); each comment gives the expression that produced the number.

describe('summarize', () => {
  const x = [12.1, 10.4, 11.8, 13.5, 10.9, 12.7, 30.2, 11.3, 12.0, 11.6];

  it('matches numpy/scipy on a small sample with an outlier', () => {
    const s = summarize(x);
    expect(s.n).toBe(10);
    expect(s.median).toBeCloseTo(11.9, 12); // np.median(x)
    expect(s.mean).toBeCloseTo(13.65, 12); // np.mean(x)
    expect(s.mad).toBeCloseTo(0.6999999999999993, 12); // st.median_abs_deviation(x)
    expect(s.cv).toBeCloseTo(0.4308075756995795, 12); // np.std(x, ddof=1) / np.mean(x)
    expect(s.min).toBe(10.4);
    expect(s.max).toBe(30.2);
    expect(s.ci95).toEqual([10.9, 13.5]); // st.quantile_test(x, q=np.median(x)).confidence_interval(0.95)
    expect(s.ciConfidence).toBeCloseTo(0.978515625, 12); // 1 - 2*st.binom.cdf(1, 10, 0.5)
  });

  it('gives p10, p25, p75 and p90 as numpy does (linear, type 7)', () => {
    const s = summarize(x);
    // np.percentile(x, [10, 25, 75, 90]) -> [10.85, 11.375, 12.549999999999999, 15.169999999999995]
    expect(s.p10).toBeCloseTo(10.85, 12);
    expect(s.p25).toBeCloseTo(11.375, 12);
    expect(s.p75).toBeCloseTo(12.55, 12);
    expect(s.p90).toBeCloseTo(15.17, 12);
  });

  it('does not depend on input order and does not mutate the input', () => {
    const copy = x.slice();
    expect(summarize(x.slice().reverse())).toEqual(summarize(x));
    expect(x).toEqual(copy);
  });

  it('gives cv = 0 and a degenerate CI for a single sample', () => {
    expect(summarize([4])).toEqual({
      n: 1,
      median: 4,
      ci95: [4, 4],
      ciConfidence: 0,
      min: 4,
      max: 4,
      mean: 4,
      mad: 0,
      cv: 0,
      p10: 4,
      p25: 4,
      p75: 4,
      p90: 4,
    });
  });
});

describe('linearQuantile', () => {
  const sorted = [1, 2, 4, 8];

  it.each([
    // np.quantile([1, 2, 4, 8], q) for each q
    { q: 0, expected: 1 },
    { q: 1 / 3, expected: 2 },
    { q: 0.5, expected: 3 },
    { q: 0.9, expected: 6.800000000000001 },
    { q: 1, expected: 8 },
  ])('q = $q gives $expected', ({ q, expected }) => {
    expect(linearQuantile(sorted, q)).toBeCloseTo(expected, 12);
  });

  it.each([-0.1, 1.1, Number.NaN])('rejects q = %s', (q) => {
    expect(() => linearQuantile(sorted, q)).toThrow(RangeError);
  });
});

describe('lowEnd', () => {
  it('gives min and p10 of 20 samples, in any order', () => {
    const y = [
      4.4, 3.7, 5.0, 3.9, 4.1, 7.9, 4.2, 3.8, 4.3, 4.5, 4.6, 4.65, 4.7, 4.8, 4.9, 4.0, 5.1, 5.2, 5.5, 6.0,
    ];
    // np.min(y) -> 3.7; np.percentile(y, 10) -> 3.89
    const low = lowEnd(y);
    expect(low.n).toBe(FLOOR_MIN_SAMPLES);
    expect(low.min).toBe(3.7);
    expect(low.p10).toBeCloseTo(3.89, 12);
  });

  it('reports n so that a caller can refuse a floor from too few samples', () => {
    expect(lowEnd([2, 1])).toEqual({ min: 1, p10: 1.1, n: 2 }); // np.percentile([1, 2], 10) -> 1.1
  });
});

describe('input errors', () => {
  it.each([
    { name: 'summarize([])', call: () => summarize([]) },
    { name: 'summarize with NaN', call: () => summarize([1, Number.NaN]) },
    { name: 'summarize with Infinity', call: () => summarize([Number.POSITIVE_INFINITY]) },
    { name: 'lowEnd([])', call: () => lowEnd([]) },
    { name: 'linearQuantile([])', call: () => linearQuantile([], 0.5) },
  ])('$name throws RangeError', ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});
