import { describe, expect, it } from 'vitest';
import { EXACT_MAX_SIZE, mannWhitneyU, smallestP } from './mann-whitney.js';

// Expected values were computed independently with Python 3, numpy and scipy 1.17.1
// (`import numpy as np, scipy.stats as st`); each comment gives the expression that produced the number.
// `perm(a, b)` is st.mannwhitneyu(a, b, alternative='two-sided', method=st.PermutationMethod(n_resamples=10**7)),
// which enumerates every split exactly when C(len(a) + len(b), len(a)) <= 10**7.

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

describe('mannWhitneyU without ties', () => {
  const a = [1.1, 2.3, 3.5, 4.2, 5.9];
  const b = [2.0, 6.1, 7.4, 8.8, 9.3, 10.5];
  const b50 = range(50, (i) => i);

  it.each([
    // st.mannwhitneyu(a, b, alternative='two-sided', method='exact') -> (4.0, 0.05194805194805195); perm(a, b) gives the same
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
});

describe('mannWhitneyU with ties: the exact permutation distribution', () => {
  it.each([
    // perm([1,2,2,3,3,3,4,5], [3,4,4,5,5,6,7,7,8]) -> (7.5, 0.005183052241875772) (method='asymptotic' says 0.00637)
    {
      name: 'ties across samples, 8 vs 9',
      x: [1, 2, 2, 3, 3, 3, 4, 5],
      y: [3, 4, 4, 5, 5, 6, 7, 7, 8],
      u: 7.5,
      p: 0.005183052241875772,
    },
    // perm([10,10,10,11,11,12,10,11,10,12], [11,12,12,13,12,11,13,12,12,14]) -> (12.0, 0.0032042261144428325)
    {
      name: 'timings quantized by a coarse clock, 10 vs 10',
      x: [10, 10, 10, 11, 11, 12, 10, 11, 10, 12],
      y: [11, 12, 12, 13, 12, 11, 13, 12, 12, 14],
      u: 12,
      p: 0.0032042261144428325,
    },
    // perm([1,1,2,2,2,3,1,2,1,1,2,3], [2,3,3,2,3,3,1,3,2,3,3,2]) -> (34.5, 0.03160838354000287)
    {
      name: 'three values only, 12 vs 12',
      x: [1, 1, 2, 2, 2, 3, 1, 2, 1, 1, 2, 3],
      y: [2, 3, 3, 2, 3, 3, 1, 3, 2, 3, 3, 2],
      u: 34.5,
      p: 0.03160838354000287,
    },
    // perm([2.0,2.0,3.0], [1.0,1.0,2.0,2.0,2.0,1.0,1.0,1.0,2.0,1.0,1.0]) -> (29.0, 0.08241758241758242)
    {
      name: 'unequal sizes, 3 vs 11',
      x: [2, 2, 3],
      y: [1, 1, 2, 2, 2, 1, 1, 1, 2, 1, 1],
      u: 29,
      p: 0.08241758241758242,
    },
    // perm([1,1,1,1,2,2], [2,2,3,3,3,3,3]) -> (2.0, 0.006993006993006993)
    {
      name: 'a tail split by one tie',
      x: [1, 1, 1, 1, 2, 2],
      y: [2, 2, 3, 3, 3, 3, 3],
      u: 2,
      p: 0.006993006993006993,
    },
    // perm([5, 5, 5], [5, 5]) -> (3.0, 1.0)
    { name: 'every value equal', x: [5, 5, 5], y: [5, 5], u: 3, p: 1 },
  ])('matches scipy enumerating every split: $name', ({ x, y, u, p }) => {
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(u);
    expect(r.p / p).toBeCloseTo(1, 10);
  });

  // Too many splits for scipy to enumerate; checked against an exact count in Python integers instead:
  //   from math import comb; from collections import Counter; import scipy.stats as st
  //   def exact(a, b):  # splits counted by the doubled midrank sum of a, one tie group at a time
  //       pool = sorted(a + b); r2 = {v: int(2 * r) for v, r in zip(pool, st.rankdata(pool))}
  //       f = Counter({(0, 0): 1})
  //       for v, t in sorted(Counter(pool).items()):
  //           g = Counter()
  //           for (k, s), w in f.items():
  //               for c in range(min(t, len(a) - k) + 1): g[(k + c, s + c * r2[v])] += w * comb(t, c)
  //           f = g
  //       obs = sum(r2[v] for v in a); tail = lambda ok: sum(w for (k, s), w in f.items() if k == len(a) and ok(s))
  //       return min(1, 2 * min(tail(lambda s: s <= obs), tail(lambda s: s >= obs)) / comb(len(pool), len(a)))
  // (it gives perm's numbers for every case above).
  it.each([
    // exact([(i*7 % 11) for i in range(30)], [(i*5 % 13) + 1 for i in range(30)]) -> 0.0917413166865195
    // st.mannwhitneyu(same, method='asymptotic').statistic -> 336.0
    {
      name: '30 vs 30, 11 and 13 distinct values',
      x: range(30, (i) => (i * 7) % 11),
      y: range(30, (i) => ((i * 5) % 13) + 1),
      u: 336,
      p: 0.0917413166865195,
    },
    // exact([i % 5 for i in range(50)], [i % 5 + 2 for i in range(50)]) -> 4.4039212899412925e-09
    // (method='asymptotic' says 2.27e-08, five times too large); statistic -> 450.0
    {
      name: '50 vs 50 far tail',
      x: range(50, (i) => i % 5),
      y: range(50, (i) => (i % 5) + 2),
      u: 450,
      p: 4.4039212899412925e-9,
    },
    // exact([(i*3 % 17)/4 for i in range(40)], [(i*7 % 19)/4 for i in range(50)]) -> 0.43546004649391157; statistic -> 903.5
    {
      name: '40 vs 50, quarter steps',
      x: range(40, (i) => ((i * 3) % 17) / 4),
      y: range(50, (i) => ((i * 7) % 19) / 4),
      u: 903.5,
      p: 0.43546004649391157,
    },
    // exact([i % 4 for i in range(50)], [3, 3]) -> 0.13725490196078433 (method='asymptotic' says 0.065); statistic -> 12.0
    { name: '50 vs 2', x: range(50, (i) => i % 4), y: [3, 3], u: 12, p: 0.13725490196078433 },
  ])('matches an exact count: $name', ({ x, y, u, p }) => {
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(u);
    expect(r.p / p).toBeCloseTo(1, 10);
  });

  it('is symmetric: swapping the samples gives U = mn - u and the same p', () => {
    const x = range(30, (i) => (i * 7) % 11);
    const y = range(30, (i) => ((i * 5) % 13) + 1);
    const forward = mannWhitneyU(x, y);
    const backward = mannWhitneyU(y, x);
    expect(backward.u).toBe(900 - forward.u);
    expect(backward.p / forward.p).toBeCloseTo(1, 12);
  });
});

describe('mannWhitneyU above the exact size: normal approximation', () => {
  it('switches one past EXACT_MAX_SIZE', () => {
    expect(EXACT_MAX_SIZE).toBe(50);
    expect(
      mannWhitneyU(
        range(50, (i) => i),
        [1.5],
      ).method,
    ).toBe('exact');
    expect(
      mannWhitneyU(
        range(51, (i) => i),
        [1.5],
      ).method,
    ).toBe('normal');
  });

  it.each([
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
    expect(
      mannWhitneyU(
        range(60, () => 5),
        [5, 5],
      ),
    ).toEqual({ u: 60, p: 1, method: 'normal' });
  });
});

describe('smallestP', () => {
  it.each([
    // 2 / math.comb(m + n, m) for each pair
    { m: 5, n: 5, p: 2 / 252 },
    { m: 3, n: 4, p: 2 / 35 },
    { m: 8, n: 8, p: 2 / 12870 },
    { m: 1, n: 1, p: 1 },
    { m: 1, n: 3, p: 0.5 },
  ])('$m vs $n: $p', ({ m, n, p }) => {
    expect(smallestP(m, n)).toBeCloseTo(p, 15);
    expect(smallestP(n, m)).toBeCloseTo(p, 15);
  });

  it('is the p of two samples that do not overlap', () => {
    expect(mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).p).toBeCloseTo(smallestP(5, 5), 15);
  });

  it.each([
    [0, 5],
    [5, 2.5],
    [-1, 3],
  ])('rejects sizes %s and %s', (m, n) => {
    expect(() => smallestP(m, n)).toThrow(RangeError);
  });
});

describe('input errors', () => {
  it.each([
    { name: 'mannWhitneyU empty a', call: () => mannWhitneyU([], [1]) },
    { name: 'mannWhitneyU empty b', call: () => mannWhitneyU([1], []) },
    { name: 'mannWhitneyU NaN', call: () => mannWhitneyU([Number.NaN], [1]) },
  ])('$name throws RangeError', ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});
