import { type Cell, type CellStatus, speedupWithCi } from '@paralab/core';
import { CALIBRATION } from '../shared/aggregate.js';
import { groupName, strategyName } from '../shared/format.js';
import { timed, versus } from '../shared/ratio.js';

/**
 * What a comparison compares. `median ms`: the raw wall time of a sample (same machine only; lower is
 * better). `speedup`: median(sequential) / median(cell), recorded in the cell with its bootstrap CI
 * (dimensionless, so comparable across machines; higher is better).
 */
export type Figure = 'median ms' | 'speedup';

/** A cell's verdict: `~` when the difference is not significant or lies within the noise gate. */
export type ChangeVerdict = 'slower' | 'faster' | '~';

/** A value with its 95% CI: a median with its distribution-free CI, or a speedup with its bootstrap CI. */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
}

/** One cell present and `ok` on both sides, compared. */
export interface CellChange {
  /** The cell id: `workload(params)/strategy@concurrency`. */
  id: string;
  workload: string;
  kind: Cell['kind'];
  /** `workload(params)`. */
  group: string;
  /** `strategy@concurrency`. */
  strategy: string;
  concurrency: number;
  figure: Figure;
  base: Estimate;
  current: Estimate;
  /** current / base of the figure: above 1 is slower for `median ms`, faster for `speedup`. */
  ratio: number;
  /** Bootstrap 95% CI of the ratio (same machine only: across machines only the two cells' CIs exist). */
  ci?: readonly [number, number];
  /** Two-sided Mann-Whitney U p-value of the samples (same machine only). */
  p?: number;
  /** `p` after Holm-Bonferroni across every compared cell of the comparison. */
  pAdjusted?: number;
  verdict: ChangeVerdict;
  /**
   * How many times slower current is, whatever the figure: the median ratio, or 1 / the speedup ratio (the
   * time relative to each run's own sequential cell). Above 1 is slower.
   */
  slowdown: number;
  /** Number of samples on each side (base, current). */
  samples: readonly [number, number];
}

/** A cell whose status differs between the two sides (ok → errored, unsupported → ok ...). */
export interface StatusChange {
  id: string;
  kind: Cell['kind'];
  base: CellStatus;
  current: CellStatus;
  /** The reason of the side that is not ok (current's when both are not ok). */
  reason?: string;
}

/** A cell present on both sides that could not be compared, and why. */
export interface Uncompared {
  id: string;
  kind: Cell['kind'];
  reason: string;
}

/** A cell present on one side only. */
export interface OneSided {
  id: string;
  kind: Cell['kind'];
  status: CellStatus;
}

/** The cells of two runs, matched by id. */
export interface MatchedCells {
  changes: CellChange[];
  statusChanges: StatusChange[];
  uncompared: Uncompared[];
  onlyInBase: OneSided[];
  onlyInCurrent: OneSided[];
}

/** Why a cell was not compared; shared by every renderer. */
export const NOT_COMPARED = {
  belowResolution: 'below timer resolution (a 0 ms sample), not compared',
  noSamples: 'no samples',
  calibration: 'calibration floor: a raw time, not compared across machines',
  sequential: 'sequential: the reference of speedups (always 1)',
  noSpeedup: 'no speedup recorded (no sequential cell beside it)',
  zeroSpeedup: 'speedup of 0: below timer resolution, not compared',
} as const;

type Outcome = { change: CellChange } | { status: StatusChange } | { skip: Uncompared };

function oneSided(cell: Cell): OneSided {
  return { id: cell.id, kind: cell.kind, status: cell.status };
}

function skip(cell: Cell, reason: string): Outcome {
  return { skip: { id: cell.id, kind: cell.kind, reason } };
}

function changeOf(
  cell: Cell,
  fields: Omit<CellChange, 'id' | 'workload' | 'kind' | 'group' | 'strategy' | 'concurrency'>,
): CellChange {
  return {
    id: cell.id,
    workload: cell.workload,
    kind: cell.kind,
    group: groupName(cell.workload, cell.params),
    strategy: strategyName(cell),
    concurrency: cell.concurrency,
    ...fields,
  };
}

function medianOf(cell: Cell): Estimate {
  const stats = cell.stats;
  return { value: stats?.median ?? 0, lo: stats?.ci95[0] ?? 0, hi: stats?.ci95[1] ?? 0 };
}

/** Same machine: the ratio of medians with its bootstrap CI and the Mann-Whitney p (verdict after Holm). */
function rawOutcome(base: Cell, current: Cell): Outcome {
  const sampled = (cell: Cell) => cell.stats !== undefined && cell.samples.length > 0;
  if (!sampled(base) || !sampled(current)) return skip(base, NOT_COMPARED.noSamples);
  if (!timed(base) || !timed(current)) return skip(base, NOT_COMPARED.belowResolution);
  // versus(a, b): ratio = median(b) / median(a) with bootstrapRatioCi(b, a), p of Mann-Whitney(a, b).
  const comparison = versus(base, current);
  if (!comparison) return skip(base, NOT_COMPARED.belowResolution);
  return {
    change: changeOf(base, {
      figure: 'median ms',
      base: medianOf(base),
      current: medianOf(current),
      ratio: comparison.ratio,
      ci: [comparison.lo, comparison.hi],
      p: comparison.p,
      verdict: '~',
      slowdown: comparison.ratio,
      samples: [base.samples.length, current.samples.length],
    }),
  };
}

/**
 * Across machines: the ratio of the recorded speedups. A change is real when the two cells' bootstrap CIs do
 * not overlap and the ratio lies outside ±noise; there is no test on raw times across machines.
 */
function speedupOutcome(base: Cell, current: Cell, noise: number): Outcome {
  if (base.workload === CALIBRATION || base.kind === 'calibration')
    return skip(base, NOT_COMPARED.calibration);
  if (base.family === 'sequential') return skip(base, NOT_COMPARED.sequential);
  const [b, c] = [speedupWithCi(base), speedupWithCi(current)];
  if (!b || !c) return skip(base, NOT_COMPARED.noSpeedup);
  if (!(b.ratio > 0 && c.ratio > 0)) return skip(base, NOT_COMPARED.zeroSpeedup);
  const ratio = c.ratio / b.ratio;
  const verdict: ChangeVerdict =
    c.hi < b.lo && ratio < 1 - noise ? 'slower' : c.lo > b.hi && ratio > 1 + noise ? 'faster' : '~';
  return {
    change: changeOf(base, {
      figure: 'speedup',
      base: { value: b.ratio, lo: b.lo, hi: b.hi },
      current: { value: c.ratio, lo: c.lo, hi: c.hi },
      ratio,
      verdict,
      slowdown: 1 / ratio,
      samples: [base.samples.length, current.samples.length],
    }),
  };
}

function outcomeOf(base: Cell, current: Cell, sameMachine: boolean, noise: number): Outcome {
  if (base.status !== current.status) {
    const reason = current.status !== 'ok' ? current.reason : base.reason;
    return {
      status: {
        id: base.id,
        kind: base.kind,
        base: base.status,
        current: current.status,
        ...(reason ? { reason } : {}),
      },
    };
  }
  if (base.status !== 'ok') return skip(base, `${base.status} on both sides`);
  return sameMachine ? rawOutcome(base, current) : speedupOutcome(base, current, noise);
}

/**
 * Matches the cells of two runs by id and compares each pair present on both sides: on one machine, the
 * ratio of medians (current / base) with a bootstrap CI and a Mann-Whitney p (`verdict` stays `~` until
 * `applyHolm` sets it); across machines, the ratio of recorded speedups, judged on the two cells' CIs.
 * Cells of one side only, status changes and cells that cannot be compared are listed, in the base's order
 * (current's for cells only in current).
 */
export function matchCells(
  base: readonly Cell[],
  current: readonly Cell[],
  sameMachine: boolean,
  noise: number,
): MatchedCells {
  const result: MatchedCells = {
    changes: [],
    statusChanges: [],
    uncompared: [],
    onlyInBase: [],
    onlyInCurrent: [],
  };
  const currentById = new Map<string, Cell>();
  for (const cell of current) if (!currentById.has(cell.id)) currentById.set(cell.id, cell);
  const seen = new Set<string>();
  for (const cell of base) {
    if (seen.has(cell.id)) continue;
    seen.add(cell.id);
    const other = currentById.get(cell.id);
    if (!other) {
      result.onlyInBase.push(oneSided(cell));
      continue;
    }
    const outcome = outcomeOf(cell, other, sameMachine, noise);
    if ('change' in outcome) result.changes.push(outcome.change);
    else if ('status' in outcome) result.statusChanges.push(outcome.status);
    else result.uncompared.push(outcome.skip);
  }
  for (const cell of currentById.values()) if (!seen.has(cell.id)) result.onlyInCurrent.push(oneSided(cell));
  return result;
}

/** The verdict of a same-machine change from its Holm-adjusted p, its CI and the noise gate. */
export function rawVerdict(
  ci: readonly [number, number],
  pAdjusted: number,
  alpha: number,
  noise: number,
): ChangeVerdict {
  if (pAdjusted >= alpha) return '~';
  if (ci[0] > 1 + noise) return 'slower';
  if (ci[1] < 1 - noise) return 'faster';
  return '~';
}
