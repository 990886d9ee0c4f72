/**
 * Resource metrics of a cell, as newer runners record them. Every field is optional: a runner that does not
 * measure one leaves it out, and the report then says "not measured here".
 */
export interface CellMetrics {
  /** CPU time in user mode over the samples, ms. */
  cpuUserMs?: number;
  /** CPU time in kernel mode over the samples, ms. */
  cpuSystemMs?: number;
  /** CPU time / wall time: about 1 for one busy thread, up to the core count for real parallelism. */
  utilization?: number;
  /** Peak resident set size of the process (and its children where measured), bytes. */
  peakRssBytes?: number;
  /** JavaScript heap in use at the end of the cell, bytes. */
  heapUsedBytes?: number;
  /** Event-loop (or main-thread) delay while the cell ran, ms. */
  eventLoopDelay?: { p50Ms?: number; p99Ms?: number; maxMs?: number };
  /** Main-thread long tasks (over 50 ms) during the samples, as browsers report them. */
  longTasks?: { count: number; totalMs: number; maxMs: number };
  /** Estimated bytes copied between threads or processes per sample. */
  bytesMovedPerSample?: number;
}

const NUMBER_FIELDS = [
  'cpuUserMs',
  'cpuSystemMs',
  'utilization',
  'peakRssBytes',
  'heapUsedBytes',
  'bytesMovedPerSample',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads the optional `metrics` of cell `index` from a results file's raw JSON (core's schema does not know
 * the field yet and strips it). Keeps only non-negative finite numbers; returns undefined when the cell has
 * no usable metric.
 */
export function metricsOf(raw: unknown, index: number): CellMetrics | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.cells)) return undefined;
  const cell: unknown = raw.cells[index];
  if (!isRecord(cell) || !isRecord(cell.metrics)) return undefined;
  const source = cell.metrics;
  const metrics: CellMetrics = {};
  for (const field of NUMBER_FIELDS) {
    const value = finite(source[field]);
    if (value !== undefined) metrics[field] = value;
  }
  const lag = source.eventLoopDelay;
  if (isRecord(lag)) {
    const delay: NonNullable<CellMetrics['eventLoopDelay']> = {};
    for (const field of ['p50Ms', 'p99Ms', 'maxMs'] as const) {
      const value = finite(lag[field]);
      if (value !== undefined) delay[field] = value;
    }
    if (Object.keys(delay).length > 0) metrics.eventLoopDelay = delay;
  }
  const long = source.longTasks;
  if (isRecord(long)) {
    const [count, totalMs, maxMs] = [finite(long.count), finite(long.totalMs), finite(long.maxMs)];
    if (count !== undefined && totalMs !== undefined && maxMs !== undefined)
      metrics.longTasks = { count, totalMs, maxMs };
  }
  return Object.keys(metrics).length > 0 ? metrics : undefined;
}
