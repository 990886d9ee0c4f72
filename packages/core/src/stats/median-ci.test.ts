import { describe, expect, it } from 'vitest';
import { medianCi, relativeCiWidth } from './median-ci.js';

// Expected values were computed independently with Python 3, numpy and scipy 1.17.1
// (`import numpy as np, scipy.stats as st`); each comment gives the expression that produced the number.

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

describe('medianCi', () => {
  it('n = 10 uses ranks 2 and 9', () => {
    const x = [10.4, 10.9, 11.3, 11.6, 11.8, 12.0, 12.1, 12.7, 13.5, 30.2];
    // k = st.binom.ppf(0.025, 10, 0.5) = 2; st.quantile_test(x, q=np.median(x)).confidence_interval(0.95) = (10.9, 13.5)
    expect(medianCi(x)).toEqual({ lo: 10.9, hi: 13.5, confidence: 0.978515625 }); // 1 - 2*st.binom.cdf(1, 10, 0.5)
  });

  const y = [
    3.7, 3.8, 3.9, 4.0, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.65, 4.7, 4.8, 4.9, 5.0, 5.1, 5.2, 5.5, 6.0, 7.9,
  ];

  it.each([
    // k = st.binom.ppf(0.025, 20, 0.5) = 6; st.quantile_test(y, q=np.median(y)).confidence_interval(0.95) = (4.2, 5.0)
    // confidence: 1 - 2*st.binom.cdf(5, 20, 0.5)
    { confidence: 0.95, lo: 4.2, hi: 5.0, achieved: 0.9586105346679688 },
    // k = st.binom.ppf(0.005, 20, 0.5) = 4; st.quantile_test(y, q=np.median(y)).confidence_interval(0.99) = (4.0, 5.2)
    // confidence: 1 - 2*st.binom.cdf(3, 20, 0.5)
    { confidence: 0.99, lo: 4.0, hi: 5.2, achieved: 0.9974231719970703 },
  ])('n = 20 at $confidence gives [$lo, $hi]', ({ confidence, lo, hi, achieved }) => {
    const ci = medianCi(y, confidence);
    expect([ci.lo, ci.hi]).toEqual([lo, hi]);
    expect(ci.confidence).toBeCloseTo(achieved, 12);
  });

  it('n = 10000 stays exact in log space', () => {
    const z = range(10000, (i) => i);
    const ci = medianCi(z);
    // st.quantile_test(np.arange(10000), q=4999.5).confidence_interval(0.95) = (4901, 5098)
    expect([ci.lo, ci.hi]).toEqual([4901, 5098]);
    // 1 - 2*st.binom.cdf(st.binom.ppf(0.025, 10000, 0.5) - 1, 10000, 0.5)
    expect(ci.confidence).toBeCloseTo(0.9511670501036188, 10);
  });

  it.each([
    { n: 1, achieved: 0 }, // 1 - 2*0.5**1
    { n: 2, achieved: 0.5 }, // 1 - 2*0.5**2
    { n: 3, achieved: 0.75 }, // 1 - 2*0.5**3
    { n: 4, achieved: 0.875 }, // 1 - 2*0.5**4
    { n: 5, achieved: 0.9375 }, // 1 - 2*0.5**5
  ])('n = $n < 6 falls back to [min, max] with confidence $achieved', ({ n, achieved }) => {
    const sorted = range(n, (i) => 10 + i);
    expect(medianCi(sorted)).toEqual({ lo: 10, hi: 10 + n - 1, confidence: achieved });
  });

  it('n = 6 is the smallest sample reaching 95% with [min, max]', () => {
    // 1 - 2*st.binom.cdf(0, 6, 0.5)
    expect(medianCi([1, 2, 3, 4, 5, 6])).toEqual({ lo: 1, hi: 6, confidence: 0.96875 });
  });
});

describe('relativeCiWidth', () => {
  it('is the CI width over the middle sample, whatever the input order', () => {
    // CI of [10, ..., 19] is (11, 18) (ranks 2 and 9, as above); middle sample sorted[5] = 15
    expect(relativeCiWidth(range(10, (i) => 19 - i))).toBe((18 - 11) / 15);
  });

  it('is infinite when the middle sample is 0', () => {
    expect(relativeCiWidth([0, 0, 0])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('input errors', () => {
  it.each([
    { name: 'medianCi([])', call: () => medianCi([]) },
    { name: 'medianCi confidence 1', call: () => medianCi([1, 2, 3], 1) },
    { name: 'relativeCiWidth([])', call: () => relativeCiWidth([]) },
  ])('$name throws RangeError', ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});
