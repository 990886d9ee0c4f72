// When a cell has enough samples: both minimums of the profile, a narrow enough CI of its median, and, the
// part that makes answers decisive, a settled place in its group's decision (the group is not provisional
// by core's rule, or the cell cannot change what it recommends). Cells whose place is still open keep
// sampling until their budget.
import { decisionView, type LiveCell } from './cell.js';
import { decideBest } from './decide-best.js';
import type { Profile } from './profiles.js';
import type { Cell } from './schema.js';
import { relativeCiWidth } from './stats/median-ci.js';

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
 * How far past its budget a cell whose place in the decision is open (and that `maxOpenSamples` could
 * settle, see `openCells`) may go: the samples that decide a row are worth more than those that only narrow
 * a settled cell's CI.
 */
const OPEN_BUDGET_STRETCH = 4;

/** The most samples a cell whose place in the decision is open takes (`Profile.maxOpenSamples`). */
function maxOpen(profile: Profile): number {
  return Math.max(profile.maxSamples, profile.maxOpenSamples ?? profile.maxSamples);
}

/**
 * Updates which cells of a group are done after a round. A cell is done at `maxSamples` (at
 * `maxOpenSamples` while its place in the decision is open); at its budget once
 * it has the minimum count (flagged `budget-limited`; four times its budget while its place in the decision
 * is open), or at five times its budget without it (then also `under-sampled`, and kept out of decisions);
 * or once it has both minimums, its median's CI is within `targetCiWidth`, and its comparison with the
 * group's fastest is settled.
 */
export function updateDone(live: readonly LiveCell[], profile: Profile, cores: number): void {
  const open = openCells(live, profile, cores);
  reopen(live, open);
  const running = live.filter((cell) => cell.status === 'ok' && !cell.done);
  for (const cell of running) {
    const n = cell.samples.length;
    const budget = profile.cellBudgetMs * (open.has(cell) ? OPEN_BUDGET_STRETCH : 1);
    if (n >= (open.has(cell) ? maxOpen(profile) : profile.maxSamples)) cell.done = true;
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
 * Takes up again a cell that stopped while its place in the decision was settled and whose place is open
 * now (the group's fastest changed, or the ratio moved as the other cell sampled on): `updateDone`'s rules
 * then stop it again at once if it is past the open caps (`maxOpenSamples`, four times its budget). A cell
 * stopped at its eighth sample must not leave the row undecided when more of its samples would settle it.
 */
function reopen(live: readonly LiveCell[], open: ReadonlySet<LiveCell>): void {
  for (const cell of live) {
    if (cell.status !== 'ok' || !cell.done || !open.has(cell)) continue;
    cell.done = false;
    cell.budgetLimited = false;
  }
}

/**
 * The cells whose place in the decision is still open: while core's rule ({@link decideBest}, on the
 * samples so far) calls the group provisional (more samples could change what it recommends), each cell
 * whose comparison with the fastest is undecided and that `maxOpenSamples` could settle (by
 * `samplesToSettle`: a ratio sitting on the bound within noise would take hundreds of samples, and more
 * samples up to the maximum only spend the run's time), with the fastest and the pick they are held
 * against. A cell undecided against the fastest that cannot change the pick is not open: a tie's
 * unseparated library ran its samples for nothing. Cells below the minimum count are open until they reach it.
 */
export function openCells(live: readonly LiveCell[], profile: Profile, cores: number): Set<LiveCell> {
  const ok = live.filter((cell) => cell.status === 'ok' && cell.samples.length > 0);
  const open = new Set(ok.filter((cell) => cell.samples.length < profile.minSamples));
  const eligible = ok.filter((cell) => !open.has(cell) && Math.min(...cell.samples) > 0);
  const liveOf = new Map<Cell, LiveCell>(eligible.map((cell) => [decisionView(cell), cell]));
  if (liveOf.size < 2) return open;
  const decision = decideBest([...liveOf.keys()], {
    cores,
    minSamples: profile.minSamples,
    resamples: LOOP_RESAMPLES,
    settleCap: maxOpen(profile),
  });
  const settleable = (decision.samplesToSettle?.cells ?? []).filter((estimate) => !estimate.capped);
  if (settleable.length === 0) return open;
  for (const cell of [decision.best, decision.recommendation?.cell, ...settleable.map((e) => e.cell)]) {
    const measured = cell && liveOf.get(cell);
    if (measured) open.add(measured);
  }
  return open;
}
