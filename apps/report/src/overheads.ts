import type { Aggregate, Entry, Run } from './aggregate.js';
import { floorOf, perOperation } from './claims/costs.js';
import { timed } from './compare.js';
import { familyOf } from './families.js';
import type { CellMetrics } from './metrics.js';
import { idealSpeedup, taskBound } from './task-sizes.js';

/** A calibration floor: the cheapest a strategy's basic operation can be on this runtime. */
export interface FloorRow {
  run: Run;
  entry: Entry;
  /** `params.probe` (worker-startup, message-roundtrip, spawn, ipc-roundtrip ...) with its other params. */
  probe: string;
  /** Median time of one operation (sample median / tasks per sample), ms. */
  perOperationMs: number;
}

/** The floor a strategy's cost is read against. */
export interface FloorRef {
  probe: string;
  perOperationMs: number;
}

/** Start-up of a pool or of workers (creation until every one is ready). */
export interface StartupRow {
  run: Run;
  entry: Entry;
  startupMs: number;
  /** startupMs / concurrency. */
  perWorkerMs: number;
  /** worker-startup (threads) or spawn (processes), when measured. */
  floor?: FloorRef;
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

/** A cell that carries resource metrics. */
export interface ResourceRow {
  run: Run;
  entry: Entry;
  metrics: CellMetrics;
}

/** Everything part 5 shows besides distributions and problem cells. */
export interface Overheads {
  floors: FloorRow[];
  startup: StartupRow[];
  dispatch: DispatchRow[];
  resources: ResourceRow[];
}

/** `payload-roundtrip (bytes=1024, mode=clone)`: the probe and what else distinguishes the cell. */
function probeName(entry: Entry): string {
  const { probe, opsPerSample: _ops, ...rest } = entry.cell.params;
  const extra = Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`);
  const name = String(probe ?? entry.cell.id);
  return extra.length > 0 ? `${name} (${extra.join(', ')})` : name;
}

function floorRef(run: Run, probe: string): FloorRef | undefined {
  const floor = floorOf(run, probe);
  return floor ? { probe, perOperationMs: perOperation(floor.cell) } : undefined;
}

function offMainThread(entry: Entry): 'threads' | 'processes' | undefined {
  const family = familyOf(entry.cell);
  return family === 'threads' || family === 'processes' ? family : undefined;
}

function startupRows(run: Run): StartupRow[] {
  return run.entries.flatMap((entry) => {
    const family = offMainThread(entry);
    const startupMs = entry.cell.startupMs;
    if (!family || startupMs === undefined) return [];
    const floor = floorRef(run, family === 'threads' ? 'worker-startup' : 'spawn');
    return [
      { run, entry, startupMs, perWorkerMs: startupMs / entry.cell.concurrency, ...(floor ? { floor } : {}) },
    ];
  });
}

function dispatchRows(run: Run): DispatchRow[] {
  const sequentials = new Map(
    run.entries.filter((e) => e.cell.strategy === 'sequential' && timed(e.cell)).map((e) => [e.group, e]),
  );
  return run.entries.flatMap((entry) => {
    const family = offMainThread(entry);
    const sequential = sequentials.get(entry.group);
    if (!family || !sequential || entry.cell.kind !== 'cpu' || !timed(entry.cell)) return [];
    const ideal = idealSpeedup(entry.cell.concurrency, taskBound(entry.cell));
    const lost = ideal * (entry.cell.stats?.median ?? 0) - (sequential.cell.stats?.median ?? 0);
    const overheadPerTaskMs = lost / Math.max(1, entry.cell.tasksPerSample);
    const floor = floorRef(run, family === 'threads' ? 'message-roundtrip' : 'ipc-roundtrip');
    return [{ run, entry, overheadPerTaskMs, ...(floor ? { floor } : {}) }];
  });
}

/** Calibration floors, start-up costs, per-task parallel overhead and resource metrics of every run. */
export function overheads(aggregate: Aggregate): Overheads {
  const result: Overheads = { floors: [], startup: [], dispatch: [], resources: [] };
  for (const run of aggregate.runs) {
    for (const entry of run.floors) {
      if (entry.cell.status !== 'ok' || !entry.cell.stats) continue;
      result.floors.push({ run, entry, probe: probeName(entry), perOperationMs: perOperation(entry.cell) });
    }
    result.startup.push(...startupRows(run));
    result.dispatch.push(...dispatchRows(run));
    for (const entry of run.entries)
      if (entry.metrics) result.resources.push({ run, entry, metrics: entry.metrics });
  }
  return result;
}
