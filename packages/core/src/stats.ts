import {
  mean,
  medianAbsoluteDeviation,
  medianSorted,
  quantileSorted,
  sampleStandardDeviation,
} from 'simple-statistics';
import { createRng, type Rng } from './random.js';

/** Descriptive statistics of one cell's samples (wall times in ms). */
export interface Summary {
  /** Number of samples. */
  n: number;
  /** Sample median (mean of the two middle values when n is even), ms. */
  median: number;
  /** Distribution-free CI of the median from order statistics (binomial), [lo, hi], ms. */
  ci95: [number, number];
  /** Confidence actually achieved by ci95 (>= 0.95 when n >= 6; for n < 6 the CI is [min, max] with the smaller achieved confidence 1 - 2*0.5^n). */
  ciConfidence: number;
  /** Smallest sample, ms. */
  min: number;
  /** Largest sample, ms. */
  max: number;
  /** Arithmetic mean, ms. */
  mean: number;
  /** Median absolute deviation, raw (not scaled by 1.4826), ms. */
  mad: number;
  /** Coefficient of variation: sample standard deviation / mean (0 when n < 2). */
  cv: number;
}

/** A ratio estimate with its confidence interval (unitless). */
export interface RatioCi {
  /** Point estimate: median(numerator) / median(denominator). */
  ratio: number;
  /** Lower bound of the interval. */
  lo: number;
  /** Upper bound of the interval. */
  hi: number;
  /** Nominal confidence level of [lo, hi], in (0, 1). */
  confidence: number;
}

/** Result of a two-sided Mann-Whitney U test. */
export interface MannWhitneyResult {
  /** U statistic of the first sample: pairs with a_i > b_j, plus 0.5 per tie (scipy's `statistic`). */
  u: number;
  /** Two-sided p-value in [0, 1]. */
  p: number;
  /** 'exact' null distribution (no ties, both sizes <= 50) or 'normal' approximation. */
  method: 'exact' | 'normal';
}

const EXACT_MAX_SIZE = 50;

function assertSample(name: string, samples: readonly number[]): void {
  if (samples.length === 0) throw new RangeError(`${name}: sample is empty`);
  if (!samples.every(Number.isFinite)) throw new RangeError(`${name}: sample contains a non-finite value`);
}

function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
}

function sortedCopy(samples: readonly number[]): number[] {
  return samples.slice().sort((x, y) => x - y);
}

/**
 * Summarizes one cell's samples (wall times in ms). See {@link Summary} for each field.
 * Throws RangeError on empty input or non-finite values. `cv` is also 0 when the mean is 0 (undefined ratio).
 */
export function summarize(samples: readonly number[]): Summary {
  assertSample('summarize', samples);
  const sorted = sortedCopy(samples);
  const n = sorted.length;
  const ci = medianCi(sorted);
  const avg = mean(sorted);
  return {
    n,
    median: medianSorted(sorted),
    ci95: [ci.lo, ci.hi],
    ciConfidence: ci.confidence,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean: avg,
    mad: medianAbsoluteDeviation(sorted),
    cv: n < 2 || avg === 0 ? 0 : sampleStandardDeviation(sorted) / avg,
  };
}

/**
 * Returns P(B <= k - 1) for B ~ Binomial(n, 0.5), with k the largest rank for which that tail is <= `tail`
 * (k = 0 when even P(B = 0) exceeds it). Summed in log space so n in the tens of thousands does not underflow.
 */
function binomialHalfRank(n: number, tail: number): { k: number; lowerTail: number } {
  let logPmf = -n * Math.LN2;
  let cdf = 0;
  let k = 0;
  for (let j = 0; j <= n; j++) {
    const next = cdf + Math.exp(logPmf);
    if (next > tail) break;
    cdf = next;
    k = j + 1;
    logPmf += Math.log((n - j) / (j + 1));
  }
  return { k, lowerTail: cdf };
}

/**
 * Distribution-free confidence interval of the median of a sorted (ascending) sample: the narrowest symmetric
 * pair of order statistics [x_(k), x_(n-k+1)] (1-based) whose coverage 1 - 2 P(B <= k-1), B ~ Binomial(n, 0.5),
 * is >= `confidence` (default 0.95). `confidence` in the result is the coverage actually achieved. When no
 * rank reaches the target (n < 6 at 0.95) it returns [min, max] with its lower coverage 1 - 2 * 0.5^n.
 * Throws RangeError on an empty sample or a confidence outside (0, 1). Does not check that `sorted` is sorted.
 */
export function medianCi(
  sorted: readonly number[],
  confidence = 0.95,
): { lo: number; hi: number; confidence: number } {
  assertSample('medianCi', sorted);
  assertConfidence(confidence);
  const n = sorted.length;
  const found = binomialHalfRank(n, (1 - confidence) / 2);
  const k = Math.max(found.k, 1);
  const lowerTail = found.k === 0 ? 0.5 ** n : found.lowerTail;
  return { lo: sorted[k - 1] as number, hi: sorted[n - k] as number, confidence: 1 - 2 * lowerTail };
}

/**
 * Width of the 95% CI of the median relative to the middle sample (`sorted[floor(n / 2)]`): what the
 * sampling loops compare with `profile.targetCiWidth`. Infinity when that sample is 0 or less. Throws
 * RangeError on an empty sample.
 */
export function relativeCiWidth(samples: readonly number[]): number {
  const sorted = sortedCopy(samples);
  const ci = medianCi(sorted);
  const mid = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return mid > 0 ? (ci.hi - ci.lo) / mid : Number.POSITIVE_INFINITY;
}

function resampledMedian(samples: readonly number[], rng: Rng, scratch: number[]): number {
  const n = samples.length;
  for (let i = 0; i < n; i++) scratch[i] = samples[Math.floor(rng() * n)] as number;
  scratch.sort((x, y) => x - y);
  return medianSorted(scratch);
}

/**
 * Percentile-bootstrap confidence interval of median(numerator) / median(denominator). Each side is
 * resampled with replacement independently, `resamples` times (default 2000), from a seeded generator
 * (default seed 1), so the result is deterministic for a given seed; lo and hi are the (1-c)/2 and (1+c)/2
 * quantiles (linear interpolation) of the resampled ratios, c = `confidence` (default 0.95).
 * Throws RangeError when a sample is empty or non-finite, when a denominator value is <= 0 (a resampled
 * median of 0 would make the ratio infinite), or on a bad option.
 */
export function bootstrapRatioCi(
  numerator: readonly number[],
  denominator: readonly number[],
  options: { resamples?: number; seed?: number; confidence?: number } = {},
): RatioCi {
  const { resamples = 2000, seed = 1, confidence = 0.95 } = options;
  assertSample('bootstrapRatioCi numerator', numerator);
  assertSample('bootstrapRatioCi denominator', denominator);
  if (denominator.some((x) => x <= 0))
    throw new RangeError('bootstrapRatioCi: denominator values must be > 0');
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bad resamples: ${resamples}`);
  assertConfidence(confidence);
  const rng = createRng(seed);
  const numScratch: number[] = [];
  const denScratch: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const num = resampledMedian(numerator, rng, numScratch);
    ratios.push(num / resampledMedian(denominator, rng, denScratch));
  }
  ratios.sort((x, y) => x - y);
  return {
    ratio: medianSorted(sortedCopy(numerator)) / medianSorted(sortedCopy(denominator)),
    lo: quantileSorted(ratios, (1 - confidence) / 2),
    hi: quantileSorted(ratios, (1 + confidence) / 2),
    confidence,
  };
}

/** Midranks (1-based, ties share their mean rank) of `values`, plus the sizes of the tie groups. */
function rankWithTies(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end++;
    for (let i = start; i < end; i++) ranks[order[i] as number] = (start + end + 1) / 2;
    tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/**
 * P(U <= u) under the null for sample sizes m and n without ties. Counts arrangements with the recurrence
 * f(i, j, u) = f(i-1, j, u-j) + f(i, j-1, u) (is the largest value from the first sample or not?), all
 * additions so small tails keep full relative precision; only counts up to u are kept.
 */
function exactLowerTail(m: number, n: number, u: number): number {
  let prev: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const counts = new Float64Array(Math.min(i * j, u) + 1);
      const left = prev[j] as Float64Array;
      const down = cur[j - 1] as Float64Array;
      for (let v = 0; v < counts.length; v++) {
        counts[v] = (v >= j && v - j < left.length ? (left[v - j] as number) : 0) + (down[v] ?? 0);
      }
      cur.push(counts);
    }
    prev = cur;
  }
  let total = 1;
  for (let i = 1; i <= m; i++) total = (total * (n + i)) / i;
  let ways = 0;
  for (const c of prev[n] as Float64Array) ways += c;
  return ways / total;
}

// Numerical Recipes' erfc Chebyshev fit, highest power first.
const ERFC_COEFFICIENTS = [
  0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196,
  1.00002368, -1.26551223,
];

/**
 * Complementary error function for x >= 0, relative error < 1.2e-7 everywhere. simple-statistics'
 * errorFunction uses the same fit but returns erf = 1 - erfc, and taking 1 - erf back loses all relative
 * precision once erfc drops below ~1e-9, which p-values of large samples do.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  let poly = 0;
  for (const c of ERFC_COEFFICIENTS) poly = poly * t + c;
  return t * Math.exp(-x * x + poly);
}

/** Two-sided normal-approximation p-value with tie and continuity correction (scipy 'asymptotic'). */
function normalPValue(u: number, n1: number, n2: number, tieSizes: readonly number[]): number {
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((acc, t) => acc + t ** 3 - t, 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (sigma === 0) return 1;
  const z = (Math.max(u, n1 * n2 - u) - (n1 * n2) / 2 - 0.5) / sigma;
  // p = 2 * (1 - Phi(z)) = erfc(z / sqrt 2); z <= 0 only when u is at the centre, where scipy clips to 1.
  return z <= 0 ? 1 : Math.min(1, erfc(z / Math.SQRT2));
}

/**
 * Two-sided Mann-Whitney U test of `a` against `b` (same statistic and p-value as scipy.stats.mannwhitneyu
 * with alternative='two-sided'). Exact null distribution when there are no ties and both sizes <= 50,
 * p = min(1, 2 min(P(U <= u), P(U >= u))); otherwise the normal approximation with tie and continuity
 * correction. When every value is equal p is 1. Throws RangeError on an empty or non-finite sample.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  assertSample('mannWhitneyU a', a);
  assertSample('mannWhitneyU b', b);
  const n1 = a.length;
  const n2 = b.length;
  const { ranks, tieSizes } = rankWithTies([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < n1; i++) rankSumA += ranks[i] as number;
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const hasTies = tieSizes.some((t) => t > 1);
  if (!hasTies && n1 <= EXACT_MAX_SIZE && n2 <= EXACT_MAX_SIZE) {
    // By symmetry P(U >= u) = P(U <= n1*n2 - u), so only the smaller lower tail is needed.
    const tail = exactLowerTail(n1, n2, Math.min(u, n1 * n2 - u));
    return { u, p: Math.min(1, 2 * tail), method: 'exact' };
  }
  return { u, p: normalPValue(u, n1, n2, tieSizes), method: 'normal' };
}

/**
 * Holm step-down adjusted p-values, in the input order: the i-th smallest p (0-based) is multiplied by
 * (m - i), then a running maximum keeps the sequence monotone, capped at 1 (statsmodels
 * multipletests(method='holm')). Empty input gives []. Throws RangeError on a value outside [0, 1].
 */
export function holmBonferroni(pValues: readonly number[]): number[] {
  if (!pValues.every((p) => p >= 0 && p <= 1)) throw new RangeError('p-values must be in [0, 1]');
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => (pValues[i] as number) - (pValues[j] as number));
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order.forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * (pValues[index] as number)));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

/**
 * Speedup of a parallel strategy over the sequential baseline: median(sequential) / median(parallel)
 * (> 1 means parallel is faster), with the 95% bootstrap CI of {@link bootstrapRatioCi} (2000 resamples,
 * `seed` default 1). Same errors as bootstrapRatioCi.
 */
export function speedup(
  sequentialSamples: readonly number[],
  parallelSamples: readonly number[],
  seed = 1,
): RatioCi {
  return bootstrapRatioCi(sequentialSamples, parallelSamples, { seed });
}
