import { medianSorted, quantileSorted } from 'simple-statistics';
import { createRng, type Rng } from '../random.js';
import { assertConfidence, assertSample, sortedCopy } from './_sample.js';

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

/**
 * Speedup of a parallel strategy over the sequential baseline: median(sequential) / median(parallel)
 * (> 1 means parallel is faster), with the 95% bootstrap CI of {@link bootstrapRatioCi} (2000 resamples,
 * `seed` default 1). Same errors as bootstrapRatioCi. Prefer {@link speedupOf}, which never bootstraps the
 * baseline against itself.
 */
export function speedup(
  sequentialSamples: readonly number[],
  parallelSamples: readonly number[],
  seed = 1,
): RatioCi {
  return bootstrapRatioCi(sequentialSamples, parallelSamples, { seed });
}

/** The speedup of the baseline cell over itself: exactly 1, with no CI (there is nothing uncertain). */
export interface BaselineSpeedup {
  /** Always 1. */
  ratio: 1;
  /** Discriminant: this is the baseline cell itself. */
  baseline: true;
}

/** A speedup: exactly 1 for the baseline itself, otherwise a ratio with its bootstrap CI. */
export type Speedup = BaselineSpeedup | (RatioCi & { baseline: false });

/**
 * Speedup S = median(baseline) / median(samples) (METHOD.md: S(N) = median(T_sequential) / median(T_N)).
 * For the baseline cell itself (`options.isBaseline`, or the same array passed twice) it is exactly
 * `{ ratio: 1, baseline: true }` with no CI: bootstrapping a sample against itself would print a spurious
 * interval around 1 (two independent resamplings of one sample). Otherwise the 95% bootstrap CI of
 * {@link speedup} (2000 resamples, `options.seed` default 1). Throws like {@link bootstrapRatioCi} (empty,
 * non-finite, or a sample <= 0 in `samples`), and RangeError when a baseline sample is empty or non-finite.
 */
export function speedupOf(
  baselineSamples: readonly number[],
  samples: readonly number[],
  options: { isBaseline: boolean; seed?: number },
): Speedup {
  if (options.isBaseline || baselineSamples === samples) {
    assertSample('speedupOf baseline', baselineSamples);
    return { ratio: 1, baseline: true };
  }
  return { ...speedup(baselineSamples, samples, options.seed ?? 1), baseline: false };
}
