// When a cell has enough samples: both minimums of the profile, a narrow enough CI of its median, and, the
// part that makes answers decisive, a settled place in its group's decision (clearly worse than the
// fastest, or equivalent to it). Cells whose place is still open keep sampling until their budget.
import type { LiveCell } from './cell.js';
import { comparisonState, DECISION_DELTA, samplesToSettle } from './decide-best.js';
import type { Profile } from './profiles.js';
import { bootstrapRatioCi } from './stats/bootstrap.js';
import { relativeCiWidth } from './stats/median-ci.js';
import { medianOf } from './stats/summary.js';

/** Bootstrap resamples of the loop's own comparisons (the report's decisions use 2000). */
const LOOP_RESAMPLES = 400;

/** True once a cell has the profile's minimum samples and minimum measured time. */
export function hasMinimums(cell: LiveCell, profile: Profile): boolean {
  return cell.samples.length >= profile.minSamples && cell.spentMs >= profile.minTimeMs;
}

/**
 * How far past its budget a cell below the minimum count may go to reach it (then it is `under-sampled`):
 * far enough that a cell of about a second a sample (a page's 100 requests over 6 connections) still
 * reaches the 5 samples a decision needs.
 */
const BUDGET_STRETCH = 5;

/**
 * How far past its budget a cell whose place in the decision is open (and that `maxSamples` could settle,
 * see `openCells`) may go: the samples that decide a row are worth more than those that only narrow a
 * settled cell's CI.
 */
const OPEN_BUDGET_STRETCH = 2;

/**
 * Updates which cells of a group are done after a round. A cell is done at `maxSamples`; at its budget once
 * it has the minimum count (flagged `budget-limited`; twice its budget while its place in the decision is
 * open), or at five times its budget without it (then also `under-sampled`, and kept out of decisions);
 * or once it has both minimums, its median's CI is within `targetCiWidth`, and its comparison with the
 * group's fastest is settled.
 */
export function updateDone(live: readonly LiveCell[], profile: Profile): void {
  const running = live.filter((cell) => cell.status === 'ok' && !cell.done);
  const open = openCells(live, profile);
  for (const cell of running) {
    const n = cell.samples.length;
    const budget = profile.cellBudgetMs * (open.has(cell) ? OPEN_BUDGET_STRETCH : 1);
    if (n >= profile.maxSamples) cell.done = true;
    else if (
      cell.spentMs >= budget &&
      (n >= profile.minSamples || cell.spentMs >= BUDGET_STRETCH * profile.cellBudgetMs)
    ) {
      cell.done = true;
      cell.budgetLimited = true;
    } else if (
      hasMinimums(cell, profile) &&
      relativeCiWidth(cell.samples) <= profile.targetCiWidth &&
      !open.has(cell)
    )
      cell.done = true;
  }
}

/**
 * The cells whose place in the decision is still open: against the fastest cell (lowest median among those
 * with the minimum count), a ratio whose CI straddles 1 + delta and that `maxSamples` could settle (by
 * `samplesToSettle`: a ratio sitting on the bound within noise would take hundreds of samples, and more
 * samples up to the maximum only spend the run's time); the fastest itself is open while any other is.
 * Cells below the minimum count are open until they reach it.
 */
export function openCells(live: readonly LiveCell[], profile: Profile): Set<LiveCell> {
  const ok = live.filter((cell) => cell.status === 'ok' && cell.samples.length > 0);
  const open = new Set(ok.filter((cell) => cell.samples.length < profile.minSamples));
  const eligible = ok.filter((cell) => !open.has(cell) && Math.min(...cell.samples) > 0);
  const [best, ...others] = eligible.sort((a, b) => medianOf(a.samples) - medianOf(b.samples));
  if (!best) return open;
  for (const cell of others) {
    const ratio = bootstrapRatioCi(cell.samples, best.samples, { resamples: LOOP_RESAMPLES });
    if (
      comparisonState(ratio, DECISION_DELTA) === 'undecided' &&
      samplesToSettle(ratio, cell.samples.length, best.samples.length, DECISION_DELTA) <= profile.maxSamples
    ) {
      open.add(cell);
      open.add(best);
    }
  }
  return open;
}
