// What the model knows about one run before predicting any cell: its cores, its cells (for each group's
// sequential cell) and its floors: the calibration cells, and what the empty-task cells measured per task.
import type { Cell, Results } from '../schema.js';
import { lowEnd } from '../stats/summary.js';
import { noop } from '../workloads/noop.js';
import { type Floor, floorOf, type PrimitiveFloors, primitiveFloors, primitiveOf } from './floors.js';

/**
 * Which statistic of a cell's samples the model compares with (and reads the sequential work from):
 * `median` (the default, what the results report) or `p10`, the low end, like the floors (on a shared,
 * loaded machine the median of a mixture of quiet and disturbed samples is neither).
 */
export type ModelStatistic = 'median' | 'p10';

/** Options of the model over a run. */
export interface ModelOptions {
  /** Default `median`. */
  readonly statistic?: ModelStatistic;
  /**
   * Read each pool strategy's own per-task cost beyond its primitive's round trip from its empty-task
   * cell (default true); false predicts from the calibration floors alone.
   */
  readonly strategyOverhead?: boolean;
}

/** One run, as the model reads it. */
export interface ModelContext {
  /** The runtime's name (`node`, `bun`, `chromium`). */
  readonly runtime: string;
  /** Cores the lanes share: `machine.availableParallelism`. */
  readonly cores: number;
  /** Every cell of the run. */
  readonly cells: readonly Cell[];
  readonly statistic: ModelStatistic;
  /** The run's timer step, ms (`timer.resolutionMs`): task sizes near it are read at their mean. */
  readonly timerResolutionMs: number;
  /** Each peer primitive's floors, by primitive. */
  readonly floors: ReadonlyMap<string, PrimitiveFloors>;
  /**
   * The per-task cost of a pipelined stream, by primitive, ms: no calibration probe measures it, so it is
   * read from the run's empty-task cells (workload `noop`, `inFlight: 'pipelined'`, the lowest concurrency):
   * their p10 batch time / tasks.
   */
  readonly pipelined: ReadonlyMap<string, Floor>;
  /**
   * Each pool strategy's per-task lane time on empty tasks, by strategy name, at each concurrency it was
   * measured at (workload `noop`, one-per-worker or one-per-process): p10 / ceil(tasks / concurrency), ms.
   * What exceeds the round trip is the strategy's own cost (a library's bookkeeping, the dispatcher, the
   * main thread's share). Empty without `strategyOverhead`.
   */
  readonly emptyTask: ReadonlyMap<string, readonly EmptyTaskFloor[]>;
  /** Ids of the cells a floor was read from: their predictions are not independent of them. */
  readonly floorCells: ReadonlySet<string>;
}

/** A strategy's per-task lane time on empty tasks at one concurrency. */
export interface EmptyTaskFloor extends Floor {
  readonly concurrency: number;
}

/** Reads a run's context for `predictCell`. */
export function modelContext(results: Results, options: ModelOptions = {}): ModelContext {
  const floors = primitiveFloors(results.cells);
  const pipelined = pipelinedFloors(results.cells, floors);
  const emptyTask = options.strategyOverhead === false ? new Map() : emptyTaskFloors(results.cells);
  const used = [...[...pipelined.values()], ...[...emptyTask.values()].flat()].map((floor) => floor.source);
  return {
    runtime: results.runtime.name,
    cores: results.machine.availableParallelism,
    cells: results.cells,
    statistic: options.statistic ?? 'median',
    timerResolutionMs: results.timer.resolutionMs,
    floors,
    pipelined,
    emptyTask,
    floorCells: new Set(used),
  };
}

/** The empty-task floor of `strategy` measured nearest to `concurrency` (the lower on a tie), if any. */
export function emptyTaskFloor(
  context: ModelContext,
  strategy: string,
  concurrency: number,
): EmptyTaskFloor | undefined {
  const distance = (floor: EmptyTaskFloor): number => Math.abs(Math.log(floor.concurrency / concurrency));
  return [...(context.emptyTask.get(strategy) ?? [])].sort(
    (a, b) => distance(a) - distance(b) || a.concurrency - b.concurrency,
  )[0];
}

/** The value of a cell's samples the model compares with: its median, or the p10 of its samples. */
export function statisticOf(cell: Cell, statistic: ModelStatistic): number | undefined {
  if (!cell.stats) return undefined;
  if (statistic === 'median') return cell.stats.median;
  return cell.stats.p10 ?? (cell.samples.length > 0 ? lowEnd(cell.samples).p10 : undefined);
}

/** True for an ok empty-task cell (workload `noop`) with samples. */
function isEmptyTaskCell(cell: Cell): boolean {
  return (
    cell.workload === noop.id &&
    cell.kind === 'cpu' &&
    cell.status === 'ok' &&
    cell.tasksPerSample > 0 &&
    cell.samples.length > 0
  );
}

/** Each primitive's pipelined floor: its empty-task pipelined cell at the lowest concurrency, p10 / tasks. */
function pipelinedFloors(
  cells: readonly Cell[],
  floors: ReadonlyMap<string, PrimitiveFloors>,
): Map<string, Floor> {
  const chosen = new Map<string, { floor: Floor; concurrency: number }>();
  for (const cell of cells.filter((c) => isEmptyTaskCell(c) && c.options.inFlight === 'pipelined')) {
    const found = primitiveOf(cell, floors);
    const floor = floorOf(cell, cell.tasksPerSample);
    if ('unknown' in found || !floor) continue;
    const seen = chosen.get(found.primitive.primitive);
    if (!seen || cell.concurrency < seen.concurrency)
      chosen.set(found.primitive.primitive, { floor, concurrency: cell.concurrency });
  }
  return new Map([...chosen].map(([key, { floor }]) => [key, floor]));
}

/** Every pool strategy's empty-task floors, by strategy: p10 / ceil(tasks / concurrency) at each concurrency. */
function emptyTaskFloors(cells: readonly Cell[]): Map<string, EmptyTaskFloor[]> {
  const byStrategy = new Map<string, EmptyTaskFloor[]>();
  for (const cell of cells.filter(isEmptyTaskCell)) {
    const inFlight = cell.options.inFlight;
    if (inFlight !== 'one-per-worker' && inFlight !== 'one-per-process') continue;
    const floor = floorOf(cell, Math.ceil(cell.tasksPerSample / cell.concurrency));
    if (!floor) continue;
    const list = byStrategy.get(cell.strategy) ?? [];
    byStrategy.set(cell.strategy, [...list, { ...floor, concurrency: cell.concurrency }]);
  }
  return byStrategy;
}
