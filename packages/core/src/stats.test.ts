import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';
import { bootstrapRatioCi, holmBonferroni, mannWhitneyU, medianCi, speedup, summarize } from './stats.js';

// Expected values were computed independently with Python 3, numpy and scipy 1.17.1
// (`import numpy as np, scipy.stats as st`); each comment gives the expression that produced the number.

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

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
    });
  });
});

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

describe('mannWhitneyU', () => {
  const a = [1.1, 2.3, 3.5, 4.2, 5.9];
  const b = [2.0, 6.1, 7.4, 8.8, 9.3, 10.5];
  const b50 = range(50, (i) => i);

  it.each([
    // st.mannwhitneyu(a, b, alternative='two-sided', method='exact') -> (4.0, 0.05194805194805195)
    { name: 'a vs b', x: a, y: b, u: 4, p: 0.05194805194805195 },
    // st.mannwhitneyu(b, a, alternative='two-sided', method='exact') -> (26.0, 0.05194805194805195)
    { name: 'b vs a', x: b, y: a, u: 26, p: 0.05194805194805195 },
    // st.mannwhitneyu([3.1, 0.4, 2.2], [1.5, 5.0], alternative='two-sided', method='exact') -> (2.0, 0.8)
    { name: '3 vs 2', x: [3.1, 0.4, 2.2], y: [1.5, 5.0], u: 2, p: 0.8 },
    // st.mannwhitneyu([7.0], [1.0, 2.0, 3.0], alternative='two-sided', method='exact') -> (3.0, 0.5)
    { name: '1 vs 3', x: [7], y: [1, 2, 3], u: 3, p: 0.5 },
    // b50 = [float(i) for i in range(50)]
    // st.mannwhitneyu([i + 0.5 for i in range(50)], b50, alternative='two-sided', method='exact') -> (1275.0, 0.8664717523984022)
    { name: '50 vs 50 overlapping', x: range(50, (i) => i + 0.5), y: b50, u: 1275, p: 0.8664717523984022 },
    // st.mannwhitneyu([i + 20.25 for i in range(50)], b50, alternative='two-sided', method='exact') -> (2065.0, 3.3553375012888766e-09)
    { name: '50 vs 50 shifted', x: range(50, (i) => i + 20.25), y: b50, u: 2065, p: 3.3553375012888766e-9 },
    // st.mannwhitneyu([i + 100.5 for i in range(50)], b50, alternative='two-sided', method='exact') -> (2500.0, 1.9823306042836686e-29)
    {
      name: '50 vs 50 separated',
      x: range(50, (i) => i + 100.5),
      y: b50,
      u: 2500,
      p: 1.9823306042836686e-29,
    },
  ])('exact: $name', ({ x, y, u, p }) => {
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(u);
    expect(r.p / p).toBeCloseTo(1, 10); // relative, so tiny p-values are checked too
  });

  it.each([
    // st.mannwhitneyu([1,2,2,3,3,3,4,5], [3,4,4,5,5,6,7,7,8], alternative='two-sided', method='asymptotic') -> (7.5, 0.006373133838085873)
    {
      name: 'ties',
      x: [1, 2, 2, 3, 3, 3, 4, 5],
      y: [3, 4, 4, 5, 5, 6, 7, 7, 8],
      u: 7.5,
      p: 0.006373133838085873,
    },
    // la = [(i*37 % 101)/10 for i in range(60)]; lb = [(i*53 % 107)/10 + 1.5 for i in range(60)]
    // st.mannwhitneyu(la, lb, alternative='two-sided', method='asymptotic') -> (896.0, 2.1126076788389374e-06)
    {
      name: '60 vs 60',
      x: range(60, (i) => ((i * 37) % 101) / 10),
      y: range(60, (i) => ((i * 53) % 107) / 10 + 1.5),
      u: 896,
      p: 2.1126076788389374e-6,
    },
    // st.mannwhitneyu([(i*37 % 101)/10 + 3 for i in range(60)], lb, alternative='two-sided', method='asymptotic') -> (1819.5, 0.9205585255112392)
    {
      name: '60 vs 60 overlapping',
      x: range(60, (i) => ((i * 37) % 101) / 10 + 3),
      y: range(60, (i) => ((i * 53) % 107) / 10 + 1.5),
      u: 1819.5,
      p: 0.9205585255112392,
    },
    // st.mannwhitneyu([i + 0.5 for i in range(51)], [10.0, 20.0, 30.0], alternative='two-sided', method='asymptotic') -> (93.0, 0.5457080686504783)
    { name: '51 vs 3, no ties', x: range(51, (i) => i + 0.5), y: [10, 20, 30], u: 93, p: 0.5457080686504783 },
    // st.mannwhitneyu([i + 1000.5 for i in range(100)], [float(i) for i in range(100)], alternative='two-sided', method='asymptotic') -> (10000.0, 2.562143669163401e-34)
    {
      name: '100 vs 100 separated',
      x: range(100, (i) => i + 1000.5),
      y: range(100, (i) => i),
      u: 10000,
      p: 2.562143669163401e-34,
    },
  ])('normal: $name', ({ x, y, u, p }) => {
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(u);
    // The erfc fit has < 1.2e-7 relative error, so 5 significant digits hold even in the far tail.
    expect(r.p / p).toBeCloseTo(1, 5);
  });

  it('gives p = 1 when every value is equal', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5])).toEqual({ u: 3, p: 1, method: 'normal' });
  });
});

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

describe('input errors', () => {
  it.each([
    { name: 'summarize([])', call: () => summarize([]) },
    { name: 'summarize with NaN', call: () => summarize([1, Number.NaN]) },
    { name: 'summarize with Infinity', call: () => summarize([Number.POSITIVE_INFINITY]) },
    { name: 'medianCi([])', call: () => medianCi([]) },
    { name: 'medianCi confidence 1', call: () => medianCi([1, 2, 3], 1) },
    { name: 'mannWhitneyU empty a', call: () => mannWhitneyU([], [1]) },
    { name: 'mannWhitneyU empty b', call: () => mannWhitneyU([1], []) },
    { name: 'bootstrapRatioCi empty numerator', call: () => bootstrapRatioCi([], [1]) },
    { name: 'bootstrapRatioCi empty denominator', call: () => bootstrapRatioCi([1], []) },
    { name: 'bootstrapRatioCi zero denominator', call: () => bootstrapRatioCi([1], [0, 1]) },
    { name: 'bootstrapRatioCi 0 resamples', call: () => bootstrapRatioCi([1], [1], { resamples: 0 }) },
    { name: 'speedup empty', call: () => speedup([], [1]) },
    { name: 'holmBonferroni p > 1', call: () => holmBonferroni([0.5, 1.5]) },
  ])('$name throws RangeError', ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});
