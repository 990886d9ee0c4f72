import type { MeasureOptions } from './measure-types.js';
import { type CellPlan, cellId } from './plan.js';
import type { CellProbe } from './probe.js';
import type { Cell } from './schema.js';
import { summarizeServed } from './serve/metrics.js';
import { speedup } from './stats/bootstrap.js';
import { modality } from './stats/modality.js';
import { NOISY_CV, summarize } from './stats/summary.js';
import type { ServedSample, StrategyInfo, StrategyInstance } from './strategy.js';
import { fitsCores } from './tie-break.js';

/** A cell while it is being measured. */
export interface LiveCell {
  readonly id: string;
  readonly plan: CellPlan;
  instance?: StrategyInstance;
  probe?: CellProbe;
  /** Estimated bytes copied between threads or processes per sample. */
  bytesMoved?: number;
  status: Cell['status'];
  reason?: string;
  options: Cell['options'];
  samples: number[];
  warmups: number[];
  startupMs?: number;
  /** The cell's own memory (see `FootprintWatch`). */
  footprint?: NonNullable<Cell['metrics']>['footprint'];
  /** Each task's own duration, for the sequential cell of CPU and mixed groups. */
  tasks?: Cell['tasks'];
  tasksPerSample: number;
  /** What the load generator measured of each kept sample of a served cell, in sample order. */
  served?: ServedSample[];
  spentMs: number;
  done: boolean;
  budgetLimited: boolean;
}

/** A cell about to be measured: nothing measured yet, `ok` until something fails. */
export function newLiveCell(plan: CellPlan): LiveCell {
  return {
    id: cellId(plan),
    plan,
    status: 'ok',
    options: {},
    samples: [],
    warmups: [],
    tasksPerSample: 0,
    spentMs: 0,
    done: false,
    budgetLimited: false,
  };
}

/** What a cell's record says of its plan: which workload, module, services, strategy, level and parameters. */
export function cellHeader(
  plan: CellPlan<StrategyInfo>,
): Pick<
  Cell,
  'id' | 'workload' | 'kind' | 'module' | 'services' | 'strategy' | 'family' | 'concurrency' | 'params'
> {
  const services = plan.workload.services ?? [];
  return {
    id: cellId(plan),
    workload: plan.workload.id,
    kind: plan.workload.kind,
    module: plan.ref.module,
    ...(services.length > 0 ? { services: [...services] } : {}),
    strategy: plan.strategy.name,
    family: plan.strategy.family,
    concurrency: plan.concurrency,
    params: { ...plan.params },
  };
}

/**
 * Turns a measured cell into its results record: statistics, throughput, speedup over the group's
 * sequential baseline and flags. Samples are kept whatever the status, so nothing measured is lost;
 * statistics are given only for `ok` cells.
 */
export function toCell(cell: LiveCell, baseline: LiveCell | undefined, options: MeasureOptions): Cell {
  const record = recordOf(cell);
  if (cell.status !== 'ok' || cell.samples.length === 0) return record;
  const stats = summarize(cell.samples);
  const { n: _n, ...kept } = stats;
  record.stats = kept;
  record.throughput = stats.median > 0 ? (cell.tasksPerSample * 1000) / stats.median : 0;
  // A 0 ms sample (a coarse clock) has no meaningful ratio: such cells are flagged, not divided by.
  const positive = (samples: readonly number[]): boolean => samples.length > 0 && Math.min(...samples) > 0;
  if (baseline === cell) record.speedup = { ratio: 1, baseline: true };
  else if (baseline && positive(baseline.samples) && positive(cell.samples)) {
    const ratio = speedup(baseline.samples, cell.samples);
    record.speedup = { ratio: ratio.ratio, lo: ratio.lo, hi: ratio.hi };
  }
  if (cell.tasks) record.tasks = cell.tasks;
  record.flags = flagsOf(cell, stats, options);
  const metrics = {
    ...cell.probe?.result(),
    ...(cell.footprint ? { footprint: cell.footprint } : {}),
    ...(cell.bytesMoved !== undefined ? { bytesMovedPerSample: cell.bytesMoved } : {}),
    ...(cell.served?.length ? { serve: summarizeServed(cell.served, cell.tasksPerSample) } : {}),
  };
  if (Object.keys(metrics).length > 0) record.metrics = metrics;
  return record;
}

/** The record's fields read straight off the live cell: its header, options, status, samples and start-up. */
function recordOf(cell: LiveCell): Cell {
  return {
    ...cellHeader(cell.plan),
    options: { ...cell.options },
    status: cell.status,
    ...(cell.reason ? { reason: cell.reason } : {}),
    samples: cell.samples,
    warmups: cell.warmups,
    tasksPerSample: cell.tasksPerSample,
    ...(cell.startupMs !== undefined ? { startupMs: cell.startupMs } : {}),
    flags: [],
  };
}

/**
 * What the decision rule reads of a cell while it is still sampled (the sampling loop decides with it
 * which cells to sample on): its record so far, statistics and own memory, without speedup or flags.
 */
export function decisionView(cell: LiveCell): Cell {
  const { n: _n, ...stats } = summarize(cell.samples);
  const memory = cell.footprint ? { metrics: { footprint: cell.footprint } } : {};
  return { ...recordOf(cell), stats, ...memory };
}

function flagsOf(cell: LiveCell, stats: ReturnType<typeof summarize>, options: MeasureOptions): string[] {
  const flags: string[] = [];
  if (stats.cv > NOISY_CV) flags.push('noisy');
  const sized = { options: cell.options, concurrency: cell.plan.concurrency };
  if (!fitsCores(sized, options.availableParallelism)) flags.push('oversubscribed');
  if (stats.median < 100 * options.timerResolutionMs) flags.push('below-timer-resolution');
  if (cell.budgetLimited) flags.push('budget-limited');
  if (cell.samples.length < options.profile.minSamples) flags.push('under-sampled');
  if (stats.ciConfidence < 0.95) flags.push('ci-wide');
  if (modality(cell.samples, { resolutionMs: options.timerResolutionMs }).multimodal)
    flags.push('multimodal');
  if (cell.warmups.length > options.profile.warmups) flags.push('long-warmup');
  return flags;
}

/**
 * A cell's speedup with its CI bounds filled in: the baseline's own speedup is exactly 1 (recorded with no
 * CI), read here as [1, 1]. Undefined when the cell has no speedup.
 */
export function speedupWithCi(
  cell: Pick<Cell, 'speedup'>,
): { ratio: number; lo: number; hi: number } | undefined {
  const speedup = cell.speedup;
  if (!speedup) return undefined;
  return { ratio: speedup.ratio, lo: speedup.lo ?? speedup.ratio, hi: speedup.hi ?? speedup.ratio };
}
