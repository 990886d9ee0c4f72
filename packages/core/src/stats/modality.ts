import { assertSample } from './_sample.js';

/** Fewest samples {@link modality} tests: below it a two-component fit has too little to go on. */
export const MODALITY_MIN_SAMPLES = 20;

/** One component of a two-component fit. */
export interface Mode {
  /** exp(mean of the component's log samples): its geometric mean (about its median), in the samples' unit (ms). */
  mean: number;
  /** Share of the samples in this component, in (0, 1); the weights of a fit sum to 1. */
  weight: number;
}

/** Whether a cell's samples look like a mixture of two costs; see {@link modality}. */
export interface Modality {
  /** True when the two-component fit is preferred and its components are separate and both substantial. */
  multimodal: boolean;
  /** The two components, ascending by mean; only when multimodal. */
  modes?: Mode[];
  /** 'gaussian-mixture' when tested; 'not-tested' when n < {@link MODALITY_MIN_SAMPLES} or a sample is <= 0. */
  method: 'gaussian-mixture' | 'not-tested';
  /** Why the samples were not tested (one line). */
  reason?: string;
  /** The numbers behind the call, when tested: BIC of one and two components, Ashman's D, smaller weight. */
  fit?: { bicOne: number; bicTwo: number; ashmanD: number; minWeight: number };
}

interface Component {
  weight: number;
  mean: number;
  variance: number;
}

/** Fewer distinct values than this (but more than one) is a clock's steps, not a distribution's shape. */
const MIN_DISTINCT = 5;
const LOG_2PI = Math.log(2 * Math.PI);
const MAX_ITERATIONS = 500;

function logDensity(y: number, c: Component): number {
  return Math.log(c.weight) - 0.5 * (LOG_2PI + Math.log(c.variance) + (y - c.mean) ** 2 / c.variance);
}

/** Weight, mean and floored variance of `values` weighted by `w` (their weights sum to `total`). */
function moments(
  values: readonly number[],
  w: readonly number[],
  total: number,
  n: number,
  floor: number,
): Component {
  let sum = 0;
  values.forEach((y, i) => {
    sum += (w[i] as number) * y;
  });
  const mean = sum / total;
  let squares = 0;
  values.forEach((y, i) => {
    squares += (w[i] as number) * (y - mean) ** 2;
  });
  return { weight: total / n, mean, variance: Math.max(squares / total, floor) };
}

/** log-likelihood of the mixture and each value's responsibility of the first component. */
function expectation(
  ys: readonly number[],
  fit: readonly [Component, Component],
): { logLik: number; r: number[] } {
  let logLik = 0;
  const r = ys.map((y) => {
    const a = logDensity(y, fit[0]);
    const b = logDensity(y, fit[1]);
    const top = Math.max(a, b);
    const total = top + Math.log(Math.exp(a - top) + Math.exp(b - top));
    logLik += total;
    return Math.exp(a - total);
  });
  return { logLik, r };
}

/** EM from the partition ys[0..split) / ys[split..n) of the sorted values, until the log-likelihood settles. */
function fitTwo(
  ys: readonly number[],
  split: number,
  floor: number,
): { fit: [Component, Component]; logLik: number } {
  const n = ys.length;
  let r: number[] = ys.map((_, i) => (i < split ? 1 : 0));
  let previous = Number.NEGATIVE_INFINITY;
  for (let iteration = 0; ; iteration++) {
    const first = r.reduce((acc, x) => acc + x, 0);
    // A component that lost every value cannot be re-estimated: the fit is one component in disguise.
    if (first < 1e-9 || n - first < 1e-9)
      return { fit: [one(ys, floor), one(ys, floor)], logLik: Number.NEGATIVE_INFINITY };
    const fit: [Component, Component] = [
      moments(ys, r, first, n, floor),
      moments(
        ys,
        r.map((x) => 1 - x),
        n - first,
        n,
        floor,
      ),
    ];
    const step = expectation(ys, fit);
    if (iteration >= MAX_ITERATIONS || step.logLik - previous <= 1e-10 * Math.abs(step.logLik)) {
      return { fit, logLik: step.logLik };
    }
    previous = step.logLik;
    r = step.r;
  }
}

function one(ys: readonly number[], floor: number): Component {
  return moments(
    ys,
    ys.map(() => 1),
    ys.length,
    ys.length,
    floor,
  );
}

/** Deterministic starting splits of the sorted values: the largest gap, the median and both quartiles. */
function startingSplits(ys: readonly number[]): number[] {
  const n = ys.length;
  let gapAt = 1;
  for (let i = 1; i < n; i++)
    if ((ys[i] as number) - (ys[i - 1] as number) > (ys[gapAt] as number) - (ys[gapAt - 1] as number))
      gapAt = i;
  return [gapAt, Math.floor(n / 2), Math.floor(n / 4), Math.floor((3 * n) / 4)];
}

function logLikelihood(ys: readonly number[], c: Component): number {
  return ys.reduce((acc, y) => acc + logDensity(y, c), 0);
}

/** Why `samples` cannot be tested, or undefined when they can. */
function untestable(samples: readonly number[]): string | undefined {
  const n = samples.length;
  if (n < MODALITY_MIN_SAMPLES) return `n = ${n} is under ${MODALITY_MIN_SAMPLES} samples`;
  if (samples.some((x) => x <= 0)) return 'a sample is 0 ms or less, which has no logarithm';
  const distinct = new Set(samples).size;
  if (distinct < MIN_DISTINCT && distinct > 1) {
    return `only ${distinct} distinct values: the clock is too coarse to show a shape`;
  }
  return undefined;
}

/** The best two-component fit of the sorted log samples `ys`, ascending by mean, and its BIC. */
function bestTwo(ys: readonly number[], floor: number): { fit: [Component, Component]; bic: number } {
  let best = fitTwo(ys, startingSplits(ys)[0] as number, floor);
  for (const split of startingSplits(ys).slice(1)) {
    const candidate = fitTwo(ys, split, floor);
    if (candidate.logLik > best.logLik) best = candidate;
  }
  const [a, b] = best.fit;
  return { fit: a.mean <= b.mean ? [a, b] : [b, a], bic: 5 * Math.log(ys.length) - 2 * best.logLik };
}

/**
 * Tests whether a cell's samples (wall times, ms) are a mixture of two costs (METHOD.md: an idle core
 * waking up, or not). Fits one and two Gaussian components to log(samples); the two-component fit is EM
 * (at most 500 iterations) from four deterministic starts (split at the largest gap between sorted values,
 * at the median, at each quartile), keeping the highest likelihood, so the result depends only on the
 * samples. Multimodal when all three hold: BIC prefers two components (2 ln n vs 5 ln n parameters' cost);
 * the components are well separated, Ashman's D = |mu1 - mu2| sqrt(2 / (s1^2 + s2^2)) > 2; and the smaller
 * weight is >= 0.1 (a lone outlier is not a mode). Variances are floored at 1e-4 x the one-component
 * variance, and at the quantization of a clock of `options.resolutionMs` (default 0) at the samples'
 * geometric mean, (resolution / mean)^2 / 12, so tied values cannot make a component of zero width.
 *
 * Not tested (method 'not-tested', with a reason) when n < {@link MODALITY_MIN_SAMPLES}, when a sample is
 * <= 0, or when the samples take only 2 to 4 distinct values (a clock's steps: a Gaussian fit would see
 * each step as a mode); samples that are all equal are tested and unimodal. Throws RangeError on an empty
 * or non-finite sample or a negative resolution.
 *
 * Known limits, measured on 200 seeded samples of each kind (n = 60 unless said): normal and lognormal
 * costs are called multimodal in 0-0.5% of samples, but ~10% at n = 20; an exponential cost ~10%; a
 * uniform one most of the time (a flat top fits two separated components); normal timings rounded to a
 * step of one standard deviation ~33%, or 0.5% when `resolutionMs` gives the step. `fit` holds the numbers
 * for a stricter rule (e.g. bicOne - bicTwo > 10 roughly halves those rates, and misses close modes).
 */
export function modality(samples: readonly number[], options: { resolutionMs?: number } = {}): Modality {
  assertSample('modality', samples);
  const { resolutionMs = 0 } = options;
  if (!(resolutionMs >= 0)) throw new RangeError(`options.resolutionMs must be >= 0, got ${resolutionMs}`);
  const reason = untestable(samples);
  if (reason) return { multimodal: false, method: 'not-tested', reason };
  const ys = samples.map(Math.log).sort((x, y) => x - y);
  if (ys[0] === ys[ys.length - 1]) return { multimodal: false, method: 'gaussian-mixture' };
  const spread = one(ys, 0);
  const floor = Math.max(1e-4 * spread.variance, (resolutionMs / Math.exp(spread.mean)) ** 2 / 12);
  const bicOne = 2 * Math.log(ys.length) - 2 * logLikelihood(ys, one(ys, floor));
  const two = bestTwo(ys, floor);
  const [a, b] = two.fit;
  const ashmanD = Math.abs(a.mean - b.mean) * Math.sqrt(2 / (a.variance + b.variance));
  const minWeight = Math.min(a.weight, b.weight);
  const fit = { bicOne, bicTwo: two.bic, ashmanD, minWeight };
  if (!(two.bic < bicOne && ashmanD > 2 && minWeight >= 0.1)) {
    return { multimodal: false, method: 'gaussian-mixture', fit };
  }
  const modes = [a, b].map((c) => ({ mean: Math.exp(c.mean), weight: c.weight }));
  return { multimodal: true, modes, method: 'gaussian-mixture', fit };
}
