import { type Cell, FLOOR_MIN_SAMPLES, lowEnd } from '@paralab/core';
import type { Entry, Run } from './aggregate.js';
import { timed } from './ratio.js';
import { idealSpeedup, sequentialTasks, taskBound } from './task-sizes.js';

/**
 * A calibration floor read from the low end of its distribution (METHOD.md: on a shared machine a
 * primitive's cost is bimodal, and the median of a mixture is neither cost), with the median beside it.
 */
export interface FloorFigures {
  /** Median time of one operation, ms. */
  medianMs: number;
  /** The low end of one operation, ms: p10 with at least FLOOR_MIN_SAMPLES samples, the minimum below. */
  lowMs: number;
  /** Which low end `lowMs` is. */
  which: 'p10' | 'min';
  /** Samples the figures come from. */
  n: number;
}

/** A floor: its calibration cell, its probe and what it names, and its figures. */
export interface FloorRef {
  entry: Entry;
  /** `worker-startup`, `spawn`, `message-roundtrip`, `ipc-roundtrip` ... */
  probe: string;
  /** The primitive the probe ran on (the calibration cell's strategy): `worker_threads`, `bun-spawn` ... */
  primitive: string;
  figures: FloorFigures;
}

/**
 * The figures of a calibration cell (samples are per sample of `tasksPerSample` operations): the median
 * and the low end of one operation. The low end is p10 when there are FLOOR_MIN_SAMPLES (20) samples or
 * more, else the minimum (a p10 of a few samples is an interpolation between the two smallest).
 */
export function floorFigures(cell: Cell): FloorFigures {
  const per = Math.max(1, cell.tasksPerSample);
  const { min, p10, n } = lowEnd(cell.samples);
  const which = n >= FLOOR_MIN_SAMPLES ? 'p10' : 'min';
  return { medianMs: (cell.stats?.median ?? 0) / per, lowMs: (which === 'p10' ? p10 : min) / per, which, n };
}

/** `min of 6` or `p10 of 40`: which low end a floor shows, and from how many samples. */
export function lowEndText(figures: FloorFigures): string {
  const few = figures.n < FLOOR_MIN_SAMPLES ? `; fewer than ${FLOOR_MIN_SAMPLES}, so the minimum` : '';
  return `${figures.which} of ${figures.n}${few}`;
}

const token = (text: unknown): string =>
  String(text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Whether a calibration cell probed the primitive a cell uses, as their own records name it. */
function samePrimitive(floor: Cell, cell: Cell): boolean {
  const floorNames = [floor.strategy, floor.options.api].map(token).filter((name) => name.length > 2);
  const cellNames = [cell.options.library, cell.options.api].map(token).filter((name) => name.length > 2);
  return cellNames.some((name) => floorNames.some((floorName) => name.includes(floorName)));
}

/**
 * The run's timed calibration cell of `probe` (`params.probe`). When the run has several (Bun probes both
 * worker_threads and Web Workers), the one whose primitive the cell's own options name (`library`, `api`)
 * is preferred; otherwise the first.
 */
export function floorOf(run: Run, probe: string, cell?: Cell): FloorRef | undefined {
  const found = run.floors.filter((entry) => entry.cell.params.probe === probe && timed(entry.cell));
  const entry = (cell && found.find((floor) => samePrimitive(floor.cell, cell))) ?? found[0];
  if (!entry) return undefined;
  return { entry, probe, primitive: entry.cell.strategy, figures: floorFigures(entry.cell) };
}

/** Off-main-thread families, whose costs are read against floors: threads and processes. */
function offMainThread(cell: Cell): 'threads' | 'processes' | undefined {
  return cell.family === 'threads' || cell.family === 'processes' ? cell.family : undefined;
}

/** Start-up of a pool or of workers (creation until every one is ready), against its floor. */
export interface StartupRow {
  run: Run;
  entry: Entry;
  startupMs: number;
  /** startupMs / concurrency. */
  perWorkerMs: number;
  /** worker-startup (threads) or spawn (processes), when measured. */
  floor?: FloorRef;
}

/** Every threads or processes cell of the run that recorded its start-up. */
export function startupRows(run: Run): StartupRow[] {
  return run.entries.flatMap((entry) => {
    const family = offMainThread(entry.cell);
    const startupMs = entry.cell.startupMs;
    if (!family || startupMs === undefined) return [];
    const floor = floorOf(run, family === 'threads' ? 'worker-startup' : 'spawn', entry.cell);
    const perWorkerMs = startupMs / entry.cell.concurrency;
    return [{ run, entry, startupMs, perWorkerMs, ...(floor ? { floor } : {}) }];
  });
}

/**
 * Parallel overhead per task of a CPU-bound cell: (ideal × T_N − T_sequential) / tasks, the lane time lost
 * per task compared with perfect scaling (ideal = min(N, task-size bound)).
 */
export interface DispatchRow {
  run: Run;
  entry: Entry;
  overheadPerTaskMs: number;
  /** message-roundtrip (threads) or ipc-roundtrip (processes), when measured. */
  floor?: FloorRef;
}

/** Every timed CPU-bound threads or processes cell of the run with a timed sequential cell beside it. */
export function dispatchRows(run: Run): DispatchRow[] {
  const sequentials = new Map(
    run.entries.filter((e) => e.cell.family === 'sequential' && timed(e.cell)).map((e) => [e.group, e]),
  );
  return run.entries.flatMap((entry) => {
    const family = offMainThread(entry.cell);
    const sequential = sequentials.get(entry.group);
    if (!family || !sequential || entry.cell.kind !== 'cpu' || !timed(entry.cell)) return [];
    const bound = taskBound(entry.cell, sequentialTasks(sequential.cell));
    const ideal = idealSpeedup(entry.cell.concurrency, bound);
    const lost = ideal * (entry.cell.stats?.median ?? 0) - (sequential.cell.stats?.median ?? 0);
    const overheadPerTaskMs = lost / Math.max(1, entry.cell.tasksPerSample);
    const floor = floorOf(run, family === 'threads' ? 'message-roundtrip' : 'ipc-roundtrip', entry.cell);
    return [{ run, entry, overheadPerTaskMs, ...(floor ? { floor } : {}) }];
  });
}
