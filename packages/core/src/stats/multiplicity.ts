import { smallestP } from './mann-whitney.js';

/** The multiplicity corrections paralab uses: Holm for confirmatory gates, Benjamini-Hochberg for tables. */
export type Correction = 'holm' | 'bh';

/** Significance level of paralab's tests. */
export const ALPHA = 0.05;

function assertPValues(pValues: readonly number[]): void {
  if (!pValues.every((p) => p >= 0 && p <= 1)) throw new RangeError('p-values must be in [0, 1]');
}

/** Indices of `pValues` in ascending order of p (a stable sort: equal p keep their input order). */
function ascendingOrder(pValues: readonly number[]): number[] {
  return pValues.map((_, i) => i).sort((i, j) => (pValues[i] as number) - (pValues[j] as number));
}

/**
 * Holm step-down adjusted p-values, in the input order: the i-th smallest p (0-based) is multiplied by
 * (m - i), then a running maximum keeps the sequence monotone, capped at 1 (statsmodels
 * multipletests(method='holm')). Controls the family-wise error rate: for confirmatory gates.
 * Empty input gives []. Throws RangeError on a value outside [0, 1].
 */
export function holmBonferroni(pValues: readonly number[]): number[] {
  assertPValues(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  ascendingOrder(pValues).forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * (pValues[index] as number)));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

/**
 * Benjamini-Hochberg step-up adjusted p-values (q-values), in the input order: the k-th smallest p
 * (1-based) becomes min over j >= k of (m / j) p_(j), capped at 1 (scipy.stats.false_discovery_control(p,
 * method='bh')). Controls the false discovery rate, for exploratory tables (say so beside them).
 * Empty input gives []. Throws RangeError on a value outside [0, 1].
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  assertPValues(pValues);
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m);
  let runningMin = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] as number;
    runningMin = Math.min(runningMin, (m / (rank + 1)) * (pValues[index] as number));
    adjusted[index] = runningMin;
  }
  return adjusted;
}

/** Sample sizes [m, n] of one comparison. */
export type SizePair = readonly [m: number, n: number];

/** One pair per test, or one pair shared by every test. */
function pairsOf(sizes: SizePair | readonly SizePair[], tests: number): readonly SizePair[] {
  if (!Number.isInteger(tests) || tests < 1)
    throw new RangeError(`tests must be a positive integer, got ${tests}`);
  const pairs = typeof sizes[0] === 'number' ? [sizes as SizePair] : (sizes as readonly SizePair[]);
  if (pairs.length !== 1 && pairs.length !== tests)
    throw new RangeError(`sizes must hold 1 or ${tests} pairs (one per test), got ${pairs.length}`);
  return pairs;
}

/**
 * The smallest adjusted p-value that any of `tests` exact Mann-Whitney comparisons could reach, in the
 * best case for each (samples that do not overlap, no ties: {@link smallestP}). `sizes` is one [m, n]
 * pair shared by all tests, or one pair per test. Holm: tests x the smallest floor (its first step).
 * Benjamini-Hochberg: min over k of (tests / k) x the k-th smallest floor, reached when every comparison
 * is at its floor; with one shared pair that is the floor itself, whatever the number of tests (BH
 * adjusts less when many comparisons are strong together). Capped at 1. Throws RangeError on a bad size
 * or count, or when `sizes` holds neither 1 nor `tests` pairs.
 */
export function minimumAdjustedP(
  sizes: SizePair | readonly SizePair[],
  tests: number,
  correction: Correction,
): number {
  const floors = pairsOf(sizes, tests)
    .map(([m, n]) => smallestP(m, n))
    .sort((x, y) => x - y);
  const all = floors.length === tests ? floors : new Array<number>(tests).fill(floors[0] as number);
  if (correction === 'holm') return Math.min(1, tests * (all[0] as number));
  return Math.min(1, ...all.map((p, k) => (tests / (k + 1)) * p));
}

/**
 * Whether any of `tests` comparisons with these sample sizes can ever be significant (adjusted p <
 * `alpha`, default {@link ALPHA}) after `correction`, so a table whose sample counts cannot reach
 * significance says so in words instead of printing "~". E.g. `canReachSignificance([5, 5], 100, 'holm')`
 * is false. See {@link minimumAdjustedP} for `sizes`, the best case and the errors; also RangeError when
 * alpha is outside (0, 1).
 */
export function canReachSignificance(
  sizes: SizePair | readonly SizePair[],
  tests: number,
  correction: Correction,
  alpha: number = ALPHA,
): boolean {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return minimumAdjustedP(sizes, tests, correction) < alpha;
}
