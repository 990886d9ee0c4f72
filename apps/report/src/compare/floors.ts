import { aggregate } from '../shared/aggregate.js';
import { dispatchRows, startupRows } from '../shared/floors.js';
import type { LoadedFile } from '../shared/load.js';

/**
 * A cost in multiples of its calibration floor, on each side: dimensionless, so comparable across machines.
 * The floor is its low end (p10 with 20 samples or more, else the minimum). It has no CI, so it is shown
 * for reading and never called a change.
 */
export interface FloorChange {
  id: string;
  /** What is measured: start-up per worker, or parallel overhead per task. */
  measure: 'start-up per worker' | 'overhead per task';
  /** The calibration probe it is divided by: worker-startup, spawn, message-roundtrip, ipc-roundtrip. */
  floor: string;
  /** The cost / the floor's low end, on each side (× floor). */
  base: number;
  current: number;
  /** current / base, when both are positive: above 1 costs more floors than before. */
  ratio?: number;
}

interface Multiple {
  measure: FloorChange['measure'];
  floor: string;
  value: number;
}

function multiples(file: LoadedFile): Map<string, Multiple> {
  const found = new Map<string, Multiple>();
  const [run] = aggregate([file]).runs;
  if (!run) return found;
  for (const row of startupRows(run)) {
    const low = row.floor?.figures.lowMs;
    if (!row.floor || !(low !== undefined && low > 0)) continue;
    found.set(`start-up ${row.entry.cell.id}`, {
      measure: 'start-up per worker',
      floor: row.floor.probe,
      value: row.perWorkerMs / low,
    });
  }
  for (const row of dispatchRows(run)) {
    const low = row.floor?.figures.lowMs;
    if (!row.floor || !(low !== undefined && low > 0)) continue;
    found.set(`overhead ${row.entry.cell.id}`, {
      measure: 'overhead per task',
      floor: row.floor.probe,
      value: row.overheadPerTaskMs / low,
    });
  }
  return found;
}

/**
 * Overhead over floor, for runs on different machines: start-up per worker over the worker-startup (or spawn)
 * floor, and per-task parallel overhead over the message (or IPC) round trip, for each cell id that has it on
 * both sides. Empty when either run has no calibration cells.
 */
export function floorChanges(base: LoadedFile, current: LoadedFile): FloorChange[] {
  const before = multiples(base);
  const after = multiples(current);
  const changes: FloorChange[] = [];
  for (const [key, b] of before) {
    const c = after.get(key);
    if (!c || c.floor !== b.floor) continue;
    const id = key.slice(key.indexOf(' ') + 1);
    const ratio = b.value > 0 && c.value > 0 ? c.value / b.value : undefined;
    changes.push({
      id,
      measure: b.measure,
      floor: b.floor,
      base: b.value,
      current: c.value,
      ...(ratio !== undefined ? { ratio } : {}),
    });
  }
  return changes;
}
