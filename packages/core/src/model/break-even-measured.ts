// The measured break-even: where a strategy's speedup over sequential crosses 1 in a task-size sweep (the
// grain workload: the same total work split into more or fewer tasks), and how it compares with the model.
import { speedupWithCi } from '../cell.js';
import type { Cell } from '../schema.js';
import type { BreakEven, BreakEvenUnknown } from './break-even.js';
import { isBaseline, referenceOf } from './work.js';

/** One point of a sweep: a task size and the speedup measured there. */
export interface SweepPoint {
  /** Task size, ms: the sequential median / tasks (the work measured), else the asked `taskUs` / 1000. */
  readonly taskMs: number;
  readonly speedup: number;
  /** The speedup's CI bounds (equal to it where the cell has none). */
  readonly lo: number;
  readonly hi: number;
}

/** Where one strategy's measured speedup crosses 1. */
export interface MeasuredBreakEven {
  readonly strategy: string;
  readonly family: string;
  readonly concurrency: number;
  /** `crosses` between two sizes; `below`: above 1 already at the smallest size; `above`: never above 1. */
  readonly status: 'crosses' | 'below' | 'above';
  /** The crossing, ms (log-log interpolated between the two sizes around it), with `crosses`. */
  readonly taskMs?: number;
  /**
   * The crossing of the CI bounds: `lo` from the upper speedup bounds, `hi` from the lower ones; absent
   * where that bound does not cross within the sweep (open on that side).
   */
  readonly ci: { readonly lo?: number; readonly hi?: number };
  /** How many times the speedup crosses 1 along the sweep (more than 1: not monotonic, noisy). */
  readonly crossings: number;
  readonly points: readonly SweepPoint[];
}

/**
 * The measured break-even of each strategy x concurrency in `sweepCells` (the cells of a task-size sweep
 * on one runtime, its sequential cells included): its points ordered by task size, and the first size
 * where the speedup rises above 1, interpolated between the two sizes around it on log(task size) against
 * log(speedup); the same for the speedups' CI bounds where they allow. Cells without a speedup or a task
 * size are skipped.
 */
export function measuredBreakEven(sweepCells: readonly Cell[]): MeasuredBreakEven[] {
  const groups = new Map<string, Cell[]>();
  for (const cell of sweepCells) {
    if (cell.status !== 'ok' || isBaseline(cell) || !cell.speedup) continue;
    const key = `${cell.strategy}@${cell.concurrency}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.values()].map((cells) => {
    const points = cells
      .map((cell) => pointOf(cell, sweepCells))
      .filter((p): p is SweepPoint => p !== undefined)
      .sort((a, b) => a.taskMs - b.taskMs);
    const first = cells[0] as Cell;
    const main = crossingOf(points.map((p) => [p.taskMs, p.speedup]));
    const lo = crossingOf(points.map((p) => [p.taskMs, p.hi]));
    const hi = crossingOf(points.map((p) => [p.taskMs, p.lo]));
    return {
      strategy: first.strategy,
      family: first.family,
      concurrency: first.concurrency,
      status: main.status,
      ...(main.taskMs !== undefined ? { taskMs: main.taskMs } : {}),
      ci: {
        ...(lo.taskMs !== undefined ? { lo: lo.taskMs } : {}),
        ...(hi.taskMs !== undefined ? { hi: hi.taskMs } : {}),
      },
      crossings: points.slice(1).filter((p, i) => p.speedup > 1 !== (points[i] as SweepPoint).speedup > 1)
        .length,
      points,
    };
  });
}

function pointOf(cell: Cell, cells: readonly Cell[]): SweepPoint | undefined {
  const speedup = speedupWithCi(cell);
  const reference = referenceOf(cell, cells);
  const measured =
    reference?.stats && reference.tasksPerSample > 0
      ? reference.stats.median / reference.tasksPerSample
      : undefined;
  const asked = typeof cell.params.taskUs === 'number' ? cell.params.taskUs / 1000 : undefined;
  const taskMs = measured ?? asked;
  if (!speedup || taskMs === undefined || !(taskMs > 0)) return undefined;
  return { taskMs, speedup: speedup.ratio, lo: speedup.lo, hi: speedup.hi };
}

/** The first crossing of 1 from below along (size, speedup) pairs sorted by size. */
export function crossingOf(points: readonly (readonly [number, number])[]): {
  status: 'crosses' | 'below' | 'above';
  taskMs?: number;
} {
  const first = points[0];
  if (!first || first[1] > 1) return { status: first ? 'below' : 'above' };
  for (let i = 1; i < points.length; i++) {
    const [t1, s1] = points[i] as [number, number];
    if (s1 <= 1) continue;
    const [t0, s0] = points[i - 1] as [number, number];
    // log-log: log t moves from t0 to t1 as log s moves from log s0 (<= 0) to log s1 (> 0).
    const share = s0 > 0 ? -Math.log(s0) / (Math.log(s1) - Math.log(s0)) : (1 - s0) / (s1 - s0);
    return { status: 'crosses', taskMs: Math.exp(Math.log(t0) + share * (Math.log(t1) - Math.log(t0))) };
  }
  return { status: 'above' };
}

/** A predicted break-even beside the measured one. */
export interface BreakEvenCheck {
  readonly strategy: string;
  readonly concurrency: number;
  readonly predictedMs?: number;
  readonly measuredMs?: number;
  /** measured / predicted. */
  readonly ratio?: number;
  /** The measured crossing lies within a factor `factor` of the predicted one; undefined when not comparable. */
  readonly within?: boolean;
  readonly note: string;
}

/**
 * Holds each measured break-even against the predicted one of the same strategy at the same pool size:
 * within `factor` (default 2) when 1/factor <= measured / predicted <= factor. A side that does not cross
 * (measured above 1 already at the smallest size, never, or a prediction that says always or never) is
 * not comparable as a ratio; the note says what each side found.
 */
export function compareBreakEven(
  predicted: readonly (BreakEven | BreakEvenUnknown)[],
  measured: readonly MeasuredBreakEven[],
  factor = 2,
): BreakEvenCheck[] {
  return measured.map((m) => {
    const p = predicted.find(
      (x): x is BreakEven => !('unknown' in x) && x.strategy === m.strategy && x.lanes === m.concurrency,
    );
    const base = { strategy: m.strategy, concurrency: m.concurrency };
    if (!p) return { ...base, note: 'no prediction for this strategy at this pool size' };
    if (p.status !== 'crosses' || m.status !== 'crosses' || !p.taskMs || !m.taskMs)
      return { ...base, note: `predicted ${p.status}, measured ${m.status}` };
    const ratio = m.taskMs / p.taskMs;
    const within = ratio >= 1 / factor && ratio <= factor;
    return {
      ...base,
      predictedMs: p.taskMs,
      measuredMs: m.taskMs,
      ratio,
      within,
      note: within ? 'within' : 'outside',
    };
  });
}
