import type { CellMetrics } from '@paralab/core';
import type { Aggregate, Entry, Run } from '../shared/aggregate.js';
import {
  type DispatchRow,
  dispatchRows,
  type FloorFigures,
  floorFigures,
  type StartupRow,
  startupRows,
} from '../shared/floors.js';

/** A calibration floor: the cheapest a strategy's basic operation can be on this runtime. */
export interface FloorRow {
  run: Run;
  entry: Entry;
  /** `params.probe` (worker-startup, message-roundtrip, spawn ...) with its other params and primitive. */
  probe: string;
  figures: FloorFigures;
}

/** A cell that carries resource metrics. */
export interface ResourceRow {
  run: Run;
  entry: Entry;
  metrics: CellMetrics;
}

/** Floors, start-up, per-task overhead and resources of every run. */
export interface Overheads {
  floors: FloorRow[];
  startup: StartupRow[];
  dispatch: DispatchRow[];
  resources: ResourceRow[];
}

/** `payload-roundtrip (bytes=1024, mode=clone) on worker_threads`: the probe and what distinguishes it. */
function probeName(entry: Entry): string {
  const { probe, opsPerSample: _ops, ...rest } = entry.cell.params;
  const extra = Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`);
  const name = String(probe ?? entry.cell.id);
  return `${name}${extra.length > 0 ? ` (${extra.join(', ')})` : ''} on ${entry.cell.strategy}`;
}

/**
 * Calibration floors (median and low end of one operation), start-up and per-task parallel overhead of
 * threads and processes cells against those floors, and every cell that carries resource metrics.
 */
export function overheads(aggregate: Aggregate): Overheads {
  const result: Overheads = { floors: [], startup: [], dispatch: [], resources: [] };
  for (const run of aggregate.runs) {
    for (const entry of run.floors) {
      if (entry.cell.status !== 'ok' || !entry.cell.stats || entry.cell.samples.length === 0) continue;
      result.floors.push({ run, entry, probe: probeName(entry), figures: floorFigures(entry.cell) });
    }
    result.startup.push(...startupRows(run));
    result.dispatch.push(...dispatchRows(run));
    for (const entry of run.entries) {
      const { metrics } = entry.cell;
      if (metrics) result.resources.push({ run, entry, metrics });
    }
  }
  return result;
}
