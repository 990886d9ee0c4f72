import { bootstrapRatioCi, type Cell, mannWhitneyU } from '@paralab/core';

/** Two cells' samples side by side: the ratio of medians with its bootstrap CI and the Mann-Whitney p. */
export interface Versus {
  /** median(b) / median(a): above 1 means `a` is faster. */
  ratio: number;
  /** Bootstrap 95% CI of the ratio (2000 resamples, seed 1). */
  lo: number;
  hi: number;
  /** Two-sided Mann-Whitney U p-value, not adjusted for multiple comparisons. */
  p: number;
}

/** True when a cell has a time to compare: `ok`, with statistics and positive samples. */
export function timed(cell: Cell): boolean {
  return (
    cell.status === 'ok' &&
    cell.stats !== undefined &&
    cell.samples.length > 0 &&
    Math.min(...cell.samples) > 0
  );
}

/**
 * The statistic that every comparison of two cells starts from (no verdict: each caller judges it by its
 * own rule: the cross-runtime table after Benjamini-Hochberg, compare after Holm, claims by the
 * equivalence bounds). Undefined when either cell is not `timed`.
 */
export function versus(a: Cell, b: Cell): Versus | undefined {
  if (!timed(a) || !timed(b)) return undefined;
  const ci = bootstrapRatioCi(b.samples, a.samples);
  return { ratio: ci.ratio, lo: ci.lo, hi: ci.hi, p: mannWhitneyU(a.samples, b.samples).p };
}

/** The practical gate of METHOD.md: a difference smaller than 2% is never called real. */
export const NOISE = 0.02;

/** True when a ratio's CI lies wholly outside ±`noise` around 1. */
export function outsideNoise(ci: { lo: number; hi: number }, noise: number = NOISE): boolean {
  return ci.lo > 1 + noise || ci.hi < 1 - noise;
}

/** Geometric mean; 1 for no values. */
export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) return 1;
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}
