import type { Cell } from './schema.js';
import { bootstrapRatioCi, mannWhitneyU, type RatioCi } from './stats.js';

/** The significance level of the winner test (two-sided Mann-Whitney U). */
export const ALPHA = 0.05;

/** The fastest cell of a set and how sure we are that it beats the runner-up. */
export interface Verdict {
  /** The cell with the lowest median. */
  best: Cell;
  /** The cell with the next lowest median, if any. */
  runnerUp?: Cell;
  /** median(runner-up) / median(best) with its bootstrap 95% CI: how much faster the best is. */
  margin?: RatioCi;
  /** Two-sided Mann-Whitney U p-value, best versus runner-up. */
  p?: number;
  /**
   * True when the best is faster than the runner-up with p < 0.05 and the margin's CI lies above
   * 1 + `noise`; false means "no clear winner" between the two.
   */
  clear: boolean;
}

/**
 * Picks the fastest `ok` cell (lowest median) and tests it against the runner-up. Returns undefined when no
 * cell is `ok`. `noise` is the practical gate (default 2%): a win smaller than that is not called clear.
 */
export function fastest(cells: readonly Cell[], noise = 0.02): Verdict | undefined {
  const ranked = cells
    .filter((cell) => cell.status === 'ok' && cell.stats && cell.samples.length > 0)
    .sort((a, b) => (a.stats?.median ?? 0) - (b.stats?.median ?? 0));
  const [best, runnerUp] = ranked;
  if (!best) return undefined;
  if (!runnerUp) return { best, clear: true };
  // A 0 ms sample (a clock too coarse for the cell) gives no ratio: the two cannot be told apart.
  if (Math.min(...best.samples, ...runnerUp.samples) <= 0) return { best, runnerUp, clear: false };
  const margin = bootstrapRatioCi(runnerUp.samples, best.samples);
  const { p } = mannWhitneyU(best.samples, runnerUp.samples);
  return { best, runnerUp, margin, p, clear: p < ALPHA && margin.lo > 1 + noise };
}
