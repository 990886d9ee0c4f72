import { ALPHA, bootstrapRatioCi, type Cell, mannWhitneyU } from '@paralab/core';

/** The practical gate of METHOD.md: a difference smaller than 2% is never called real. */
export const NOISE = 0.02;

/** How two cells compare: `ratio` = median(b) / median(a), so above 1 means `a` is faster. */
export interface Comparison {
  /** median(b) / median(a). */
  ratio: number;
  /** Bootstrap 95% CI of the ratio. */
  lo: number;
  hi: number;
  /** Two-sided Mann-Whitney U p-value (not adjusted for multiple comparisons). */
  p: number;
  /** 'faster' or 'slower' (a against b) when p < 0.05 and the CI lies outside ±2%; 'same' otherwise. */
  outcome: 'faster' | 'slower' | 'same';
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
 * Compares the samples of `a` with those of `b` (ratio of medians with a seeded bootstrap CI, Mann-Whitney
 * p, and the practical gate). Returns undefined when either cell has no usable samples.
 */
export function compareCells(a: Cell, b: Cell, noise = NOISE): Comparison | undefined {
  if (!timed(a) || !timed(b)) return undefined;
  const ci = bootstrapRatioCi(b.samples, a.samples);
  const { p } = mannWhitneyU(a.samples, b.samples);
  const outcome = p >= ALPHA ? 'same' : ci.lo > 1 + noise ? 'faster' : ci.hi < 1 - noise ? 'slower' : 'same';
  return { ratio: ci.ratio, lo: ci.lo, hi: ci.hi, p, outcome };
}

/** The cell with the lowest median among the timed ones, if any. */
export function quickest<T extends { cell: Cell }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (!timed(item.cell)) continue;
    if (!best || (item.cell.stats?.median ?? 0) < (best.cell.stats?.median ?? 0)) best = item;
  }
  return best;
}
