// The work a cell's batch holds: each task's CPU time and waiting, read from its group's sequential cell
// (the task sizes it timed one by one, and its own median for the scale).
import { paramsKey } from '../plan.js';
import type { Cell } from '../schema.js';
import { type ModelStatistic, statisticOf } from './context.js';
import { fmt } from './payload.js';

/** A batch's work, as the model divides it. */
export interface BatchWork {
  /** Each task's CPU time, ms, in input order. */
  readonly cpuMs: readonly number[];
  /** Each task's waiting (I/O latency), ms. */
  readonly waitMs: number;
  /** The group's sequential cell, when the work was read from it. */
  readonly reference?: Cell;
  /** The waiting is only its nominal value (the prediction is then a lower bound). */
  readonly lowerBound?: boolean;
  readonly assumptions: readonly string[];
  /** Numbers worth showing beside the prediction (ms unless named otherwise). */
  readonly inputs: Readonly<Record<string, number>>;
}

/** True for a group's baseline: the sequential cell (its speedup is exactly 1). */
export function isBaseline(cell: Cell): boolean {
  return cell.speedup?.baseline === true || cell.family === 'sequential';
}

/** The ok sequential cell with statistics of `cell`'s group (same workload and parameters), if any. */
export function referenceOf(cell: Cell, cells: readonly Cell[]): Cell | undefined {
  const key = paramsKey(cell.params);
  return cells.find(
    (c) =>
      c.workload === cell.workload &&
      c.kind === cell.kind &&
      c.status === 'ok' &&
      c.stats !== undefined &&
      isBaseline(c) &&
      paramsKey(c.params) === key,
  );
}

/**
 * The work of `cell`'s batch, or why it is unknown:
 * - CPU: each task's time as the sequential cell timed it alone (`tasks.perTaskMs`; every task at the mean
 *   when only the summary was kept), scaled so that the tasks add up to the sequential cell's median (the
 *   batch time measured among the other cells, which one untimed pass cannot match on a shared machine);
 * - mixed, split (tasks timed `phase: 'cpu'`): the waiting per task is what the CPU phases leave of the
 *   sequential median, spread evenly, but never below the nominal `latencyMs`; the CPU phases are then
 *   scaled to the rest;
 * - I/O: no CPU; the waiting per task is the sequential median / tasks, or, without a sequential cell,
 *   the nominal `latencyMs` (or `ms`) parameter, a lower bound.
 * With `statistic: 'p10'`, the sequential cell's p10 stands for its median throughout.
 */
export function batchWork(
  cell: Cell,
  cells: readonly Cell[],
  statistic: ModelStatistic = 'median',
  timerResolutionMs = 0,
): BatchWork | { unknown: string } {
  const reference = referenceOf(cell, cells);
  const measured = reference ? statisticOf(reference, statistic) : undefined;
  if (cell.kind === 'io') return ioWork(cell, reference, measured, statistic);
  if (!reference) return { unknown: 'no ok sequential cell in this group: the work per task is unknown' };
  const tasks = reference.tasks;
  if (!tasks)
    return { unknown: 'the sequential cell recorded no task sizes (an older run, or timing failed)' };
  if (tasks.n !== cell.tasksPerSample)
    return { unknown: `task sizes are for ${tasks.n} tasks, the cell runs ${cell.tasksPerSample}` };
  const { each, kept } = taskSizes(tasks, timerResolutionMs);
  const median = measured ?? 0;
  if (cell.kind === 'mixed') return mixedWork(cell, reference, each, tasks.phase, kept, median);
  if (!(tasks.totalMs > 0)) return { unknown: 'the tasks were timed at 0 ms in total: no scale' };
  const scale = median / tasks.totalMs;
  return {
    cpuMs: each.map((ms) => ms * scale),
    waitMs: 0,
    reference,
    assumptions: [
      `work: ${kept} (sum ${fmt(tasks.totalMs)} ms), scaled ×${fmt(scale)} to the sequential ${statistic} ${fmt(median)} ms`,
    ],
    inputs: { workMs: median, workScale: scale, largestTaskMs: tasks.maxMs * scale, tasks: tasks.n },
  };
}

/** Tasks shorter than this many timer steps are taken at the mean: one reading of them is mostly rounding. */
export const TIMER_STEPS_PER_TASK = 10;

/**
 * Each task's timed size in input order, and how it was read: one by one, or every task at the mean when
 * only the summary was kept (more than 1000 tasks) or when the median task is under
 * `TIMER_STEPS_PER_TASK` steps of the timer (a coarse browser clock reads such a task as 0 or one step).
 */
function taskSizes(tasks: NonNullable<Cell['tasks']>, timerResolutionMs: number) {
  const coarse = tasks.medianMs < TIMER_STEPS_PER_TASK * timerResolutionMs;
  if (tasks.perTaskMs && !coarse) return { each: tasks.perTaskMs, kept: `${tasks.n} tasks timed one by one` };
  const why = coarse
    ? `the median task is under ${TIMER_STEPS_PER_TASK} timer steps of ${fmt(timerResolutionMs)} ms`
    : 'sizes not kept';
  return {
    each: new Array<number>(tasks.n).fill(tasks.meanMs),
    kept: `${tasks.n} tasks, each taken at the mean ${fmt(tasks.meanMs)} ms (${why})`,
  };
}

function mixedWork(
  cell: Cell,
  reference: Cell,
  each: readonly number[],
  phase: 'whole' | 'cpu',
  kept: string,
  measured: number,
): BatchWork | { unknown: string } {
  if (phase !== 'cpu')
    return { unknown: 'the tasks were timed whole: their CPU and their waiting cannot be told apart' };
  const cpu = each.reduce((sum, ms) => sum + ms, 0);
  const nominal = nominalWait(cell) ?? 0;
  const n = each.length;
  // What the sequential cell measured is n waits and the CPU phases: the waits take what the CPU phases
  // leave, but never less than the nominal latency; then the CPU phases are scaled to what is left.
  const waitMs = Math.max(nominal, (measured - cpu) / n);
  const scale = cpu > 0 ? Math.max(0, measured - n * waitMs) / cpu : 1;
  return {
    cpuMs: each.map((ms) => ms * scale),
    waitMs,
    reference,
    assumptions: [
      `CPU phases: ${kept} (sum ${fmt(cpu)} ms, scaled ×${fmt(scale)}); waiting ${fmt(waitMs)} ms per task (nominal ${fmt(nominal)} ms): together the sequential cell's ${fmt(measured)} ms`,
    ],
    inputs: { cpuMs: cpu * scale, waitMs, workScale: scale, tasks: n },
  };
}

function ioWork(
  cell: Cell,
  reference: Cell | undefined,
  measured: number | undefined,
  statistic: string,
): BatchWork | { unknown: string } {
  const n = cell.tasksPerSample;
  const cpuMs = new Array<number>(n).fill(0);
  const note = 'per-request CPU is not measured: requests are taken to overlap freely';
  if (reference && measured !== undefined && n > 0) {
    const waitMs = measured / n;
    const assumption = `waiting ${fmt(waitMs)} ms per request: the sequential ${statistic} / ${n}; ${note}`;
    return { cpuMs, waitMs, reference, assumptions: [assumption], inputs: { waitMs, tasks: n } };
  }
  const nominal = nominalWait(cell);
  if (nominal === undefined)
    return { unknown: 'no sequential cell and no latencyMs parameter: the waiting per request is unknown' };
  return {
    cpuMs,
    waitMs: nominal,
    lowerBound: true,
    assumptions: [`waiting ${fmt(nominal)} ms per request, the nominal latency (a lower bound); ${note}`],
    inputs: { waitMs: nominal, tasks: n },
  };
}

/** The nominal wait of one task: the `latencyMs` parameter, or `ms` (the sleep workload's). */
function nominalWait(cell: Cell): number | undefined {
  const value = cell.params.latencyMs ?? cell.params.ms;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}
