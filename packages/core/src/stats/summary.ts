import { mean, medianAbsoluteDeviation, medianSorted, sampleStandardDeviation } from 'simple-statistics';
import { assertSample, sortedCopy } from './_sample.js';
import { medianCi } from './median-ci.js';

/** Coefficient of variation above which a cell is flagged noisy. */
export const NOISY_CV = 0.1;

/**
 * Descriptive statistics of one cell's samples (wall times in ms). Every quantile (p10, p25, p75, p90) uses
 * {@link linearQuantile}: linear interpolation between order statistics, Hyndman-Fan type 7 (numpy's default
 * `np.percentile(x, q)`, R's default `quantile(x, type = 7)`).
 */
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
  /** 10th percentile (type 7), ms: the low end used for floors. Equals min when n = 1. */
  p10: number;
  /** 25th percentile (type 7, lower box edge), ms. */
  p25: number;
  /** 75th percentile (type 7, upper box edge), ms. */
  p75: number;
  /** 90th percentile (type 7), ms. */
  p90: number;
}

/**
 * The q-quantile of an ascending sample by linear interpolation (Hyndman-Fan type 7, numpy's default
 * `np.quantile(x, q)`): with h = (n - 1) q, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]),
 * 0-based. q = 0 gives the minimum, q = 1 the maximum, n = 1 the only value. Throws RangeError on an empty
 * or non-finite sample or q outside [0, 1]. Does not check that `sorted` is sorted.
 */
export function linearQuantile(sorted: readonly number[], q: number): number {
  assertSample('linearQuantile', sorted);
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  const h = (sorted.length - 1) * q;
  const below = Math.floor(h);
  const lo = sorted[below] as number;
  const hi = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lo + (h - below) * (hi - lo);
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
    p10: linearQuantile(sorted, 0.1),
    p25: linearQuantile(sorted, 0.25),
    p75: linearQuantile(sorted, 0.75),
    p90: linearQuantile(sorted, 0.9),
  };
}

/**
 * Fewest samples from which a floor (a primitive's cost: round trip, start-up) is reported from the low
 * end of its distribution (METHOD.md: min or p10 of at least 20 samples).
 */
export const FLOOR_MIN_SAMPLES = 20;

/** The low end of a distribution, for floors: see {@link lowEnd}. */
export interface LowEnd {
  /** Smallest sample, ms. */
  min: number;
  /** 10th percentile (type 7, see {@link linearQuantile}), ms. */
  p10: number;
  /** Number of samples: a floor needs n >= {@link FLOOR_MIN_SAMPLES}; below that, report it as such. */
  n: number;
}

/**
 * The low end of `samples` for reporting a floor beside the median: on shared machines a primitive's cost
 * is bimodal (an idle core waking up, or not), and the median of a mixture is neither cost. Computed for
 * any n >= 1; the caller checks `n >= FLOOR_MIN_SAMPLES` before calling it a floor. Throws RangeError on
 * an empty or non-finite sample.
 */
export function lowEnd(samples: readonly number[]): LowEnd {
  assertSample('lowEnd', samples);
  const sorted = sortedCopy(samples);
  return { min: sorted[0] as number, p10: linearQuantile(sorted, 0.1), n: sorted.length };
}

/** The median of unsorted samples (mean of the two middle values when their count is even). */
export function medianOf(samples: readonly number[]): number {
  return medianSorted([...samples].sort((a, b) => a - b));
}
