import type { LiveCell, MeasureOptions } from './measure.js';
import type { Cell } from './schema.js';
import { speedup, summarize } from './stats.js';

/** Coefficient of variation above which a cell is flagged noisy. */
export const NOISY_CV = 0.1;

/**
 * Turns a measured cell into its results record: statistics, throughput, speedup over the group's
 * sequential baseline and flags. Samples are kept whatever the status, so nothing measured is lost;
 * statistics are given only for `ok` cells.
 */
export function toCell(cell: LiveCell, baseline: LiveCell | undefined, options: MeasureOptions): Cell {
  const { plan } = cell;
  const record: Cell = {
    id: cell.id,
    workload: plan.workload.id,
    kind: plan.workload.kind,
    module: plan.ref.module,
    strategy: plan.strategy.name,
    concurrency: plan.concurrency,
    params: { ...plan.params },
    options: { ...cell.options },
    status: cell.status,
    ...(cell.reason ? { reason: cell.reason } : {}),
    samples: cell.samples,
    warmups: cell.warmups,
    tasksPerSample: cell.tasksPerSample,
    ...(cell.startupMs !== undefined ? { startupMs: cell.startupMs } : {}),
    flags: [],
  };
  if (cell.status !== 'ok' || cell.samples.length === 0) return record;
  const stats = summarize(cell.samples);
  const { n: _n, ...kept } = stats;
  record.stats = kept;
  record.throughput = stats.median > 0 ? (cell.tasksPerSample * 1000) / stats.median : 0;
  // A 0 ms sample (a coarse clock) has no meaningful ratio: such cells are flagged, not divided by.
  const positive = (samples: readonly number[]): boolean => samples.length > 0 && Math.min(...samples) > 0;
  if (baseline && positive(baseline.samples) && positive(cell.samples)) {
    const ratio = speedup(baseline.samples, cell.samples);
    record.speedup = { ratio: ratio.ratio, lo: ratio.lo, hi: ratio.hi };
  }
  record.flags = flagsOf(cell, stats, options);
  const metrics = {
    ...cell.probe?.result(),
    ...(cell.bytesMoved !== undefined ? { bytesMovedPerSample: cell.bytesMoved } : {}),
  };
  if (Object.keys(metrics).length > 0) record.metrics = metrics;
  return record;
}

function flagsOf(cell: LiveCell, stats: ReturnType<typeof summarize>, options: MeasureOptions): string[] {
  const flags: string[] = [];
  if (stats.cv > NOISY_CV) flags.push('noisy');
  // A pool's size is its concurrency, unless it says otherwise (hybrid: many fetches, a pool sized to cores).
  const { thread, poolSize } = cell.options;
  const threads = typeof poolSize === 'number' ? poolSize : cell.plan.concurrency;
  if (thread !== 'main' && threads > options.availableParallelism) flags.push('oversubscribed');
  if (stats.median < 100 * options.timerResolutionMs) flags.push('below-timer-resolution');
  if (cell.budgetLimited) flags.push('budget-limited');
  if (stats.ciConfidence < 0.95) flags.push('ci-wide');
  return flags;
}
