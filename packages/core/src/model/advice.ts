// The answer for one workload: how long its task takes, what each way of running it off the calling thread
// gives (predicted by the model, beside what was measured) and the task size where that starts to pay.
import { paramsKey } from '../plan.js';
import type { Cell, Results } from '../schema.js';
import { type BreakEven, type BreakEvenUnknown, breakEven, DISPATCH_SHARE } from './break-even.js';
import { isBaseline } from './work.js';

/** What one strategy gives a workload. */
export interface StrategyAdvice {
  /** The cell the figures are from: the family's fastest measured cell of the group. */
  readonly cell: Cell;
  /** sequential median / predicted batch time, when the model could predict the cell. */
  readonly predictedSpeedup?: number;
  /** The task size above which this strategy beats sequential, ms (absent when unknown or never). */
  readonly breakEvenMs?: number;
  /** `never`: not even one task per lane pays (`breakEvenMs` is then absent). */
  readonly pays?: 'above' | 'always' | 'never';
  /** Tasks per message that keep dispatch under 5% of the work, for tasks at the break-even size. */
  readonly tasksPerMessage?: number;
}

/** The answer for one CPU workload group (workload and parameters) of a run. */
export interface WorkAdvice {
  readonly workload: string;
  readonly params: Cell['params'];
  /**
   * The mean task, ms: the sequential cell's median batch over its tasks, with that median's 95% CI; absent
   * when that cell failed (`failedBaseline`).
   */
  readonly taskMs?: { readonly value: number; readonly lo: number; readonly hi: number };
  /** One entry per family that runs tasks off the calling thread, fastest measured first. */
  readonly strategies: readonly StrategyAdvice[];
  /**
   * Per family off the calling thread with no ok cell in the group, its first cell that is not ok (errored,
   * invalid, unsupported ...): why that family has no answer here.
   */
  readonly unanswered: readonly Cell[];
  /** The group's sequential cell when it failed: every figure is relative to it, so there is no answer. */
  readonly failedBaseline?: Cell;
}

/**
 * Per CPU workload group of `results` with an ok sequential cell: the mean task time and, per family that
 * runs tasks off the calling thread (threads, processes, ...), its fastest ok cell with the model's
 * predicted speedup beside the measured one and the strategy's break-even task size (see `breakEven`), or
 * its first failed cell when it has no ok one. A group whose sequential cell failed gets only that cell.
 */
export function workAdvice(results: Results): WorkAdvice[] {
  const evens = new Map<string, BreakEven | BreakEvenUnknown>(
    breakEven(results).map((entry) => [entry.strategy, entry]),
  );
  const groups = new Map<string, Cell[]>();
  for (const cell of results.cells) {
    if (cell.kind !== 'cpu') continue;
    const key = `${cell.workload}\u0000${paramsKey(cell.params)}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.values()].flatMap((all): WorkAdvice[] => {
    const cells = all.filter(isMeasured);
    const baseline = cells.find(isBaseline);
    if (!baseline?.stats || baseline.tasksPerSample <= 0) {
      const failed = all.find((cell) => isBaseline(cell) && cell.status !== 'ok');
      const { workload, params } = all[0] as Cell;
      return failed ? [{ workload, params, strategies: [], unanswered: [], failedBaseline: failed }] : [];
    }
    const advice = groupAdvice(baseline, cells, evens);
    const answered = new Set(advice.strategies.map((strategy) => strategy.cell.family));
    const unanswered = new Map<string, Cell>();
    for (const cell of all) {
      if (isMeasured(cell) || !offThread(cell) || answered.has(cell.family)) continue;
      if (!unanswered.has(cell.family)) unanswered.set(cell.family, cell);
    }
    return [{ ...advice, unanswered: [...unanswered.values()] }];
  });
}

const isMeasured = (cell: Cell): boolean => cell.status === 'ok' && cell.stats !== undefined;

/**
 * A cell that runs its tasks off the calling thread: not the baseline, not async (a cell recorded failed
 * after its measuring process was lost has no options to say so: its family does).
 */
const offThread = (cell: Cell): boolean =>
  !isBaseline(cell) && cell.family !== 'async' && cell.options.thread !== 'main';

function groupAdvice(
  baseline: Cell,
  cells: readonly Cell[],
  evens: ReadonlyMap<string, BreakEven | BreakEvenUnknown>,
): Omit<WorkAdvice, 'unanswered'> {
  const stats = baseline.stats as NonNullable<Cell['stats']>;
  const n = baseline.tasksPerSample;
  const fastest = new Map<string, Cell>();
  for (const cell of cells) {
    if (!offThread(cell)) continue;
    const seen = fastest.get(cell.family);
    if (!seen || (cell.stats?.median ?? Infinity) < (seen.stats?.median ?? Infinity))
      fastest.set(cell.family, cell);
  }
  const strategies = [...fastest.values()]
    .sort((a, b) => (a.stats?.median ?? 0) - (b.stats?.median ?? 0))
    .map((cell) => strategyAdvice(cell, stats.median, evens.get(cell.strategy)));
  return {
    workload: baseline.workload,
    params: baseline.params,
    taskMs: { value: stats.median / n, lo: stats.ci95[0] / n, hi: stats.ci95[1] / n },
    strategies,
  };
}

function strategyAdvice(
  cell: Cell,
  sequentialMs: number,
  even: BreakEven | BreakEvenUnknown | undefined,
): StrategyAdvice {
  const model = cell.model && 'predictedMs' in cell.model ? cell.model : undefined;
  const predictedSpeedup =
    model && model.predictedMs > 0 ? { predictedSpeedup: sequentialMs / model.predictedMs } : {};
  if (!even || 'unknown' in even) return { cell, ...predictedSpeedup };
  const pays = even.status === 'crosses' ? 'above' : even.status;
  const at = even.taskMs;
  return {
    cell,
    ...predictedSpeedup,
    pays,
    ...(at !== undefined
      ? {
          breakEvenMs: at,
          tasksPerMessage: Math.max(1, Math.ceil(even.dispatchPerMessageMs / (DISPATCH_SHARE * at) - 1e-9)),
        }
      : {}),
  };
}
