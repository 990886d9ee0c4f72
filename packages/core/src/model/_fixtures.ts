// Builders of constructed runs for the model's tests: calibration cells whose floors are known exactly
// (every sample equal, so p10 is that value) and measured cells with the options strategies record.
import type { Cell, Results } from '../schema.js';
import { modelContext } from './context.js';
import { type Prediction, predictCell, type Unknown } from './predict.js';

/** `n` samples equal to `ms`: their p10 (the floor) is `ms`. */
export const flat = (ms: number, n = 20): number[] => new Array<number>(n).fill(ms);

/** A calibration cell of `primitive` whose floor is `ms` (20 equal samples unless `n` says otherwise). */
export function probeCell(
  primitive: string,
  probe: string,
  ms: number,
  extra: { library?: string; params?: Cell['params']; options?: Cell['options']; n?: number } = {},
): Cell {
  const params = { probe, ...extra.params };
  return {
    id: `calibration(${Object.entries(params).join(',')})/${primitive}@1`,
    workload: 'calibration',
    kind: 'calibration',
    strategy: primitive,
    family: 'calibration',
    concurrency: 1,
    params,
    options: { ...(extra.library ? { library: extra.library } : {}), ...extra.options },
    status: 'ok',
    samples: flat(ms, extra.n),
    warmups: [],
    tasksPerSample: 1,
    flags: [],
  };
}

/** A measured cell: `median` is its median (and every sample), `bytes` its bytes moved per sample. */
export function measured(
  workload: string,
  strategy: string,
  concurrency: number,
  median: number,
  extra: Partial<Cell> & { bytes?: number } = {},
): Cell {
  const { bytes, ...rest } = extra;
  return {
    id: `${workload}(${JSON.stringify(rest.params ?? {})})/${strategy}@${concurrency}`,
    workload,
    kind: 'cpu',
    strategy,
    family: strategy === 'sequential' ? 'sequential' : 'threads',
    concurrency,
    params: {},
    options: {},
    status: 'ok',
    samples: flat(median, 10),
    warmups: [],
    tasksPerSample: 1,
    stats: {
      median,
      ci95: [median, median],
      ciConfidence: 0.95,
      min: median,
      max: median,
      mean: median,
      mad: 0,
      cv: 0,
    },
    flags: [],
    ...(bytes !== undefined ? { metrics: { bytesMovedPerSample: bytes } } : {}),
    ...rest,
  };
}

/** The `tasks` record of a sequential cell whose tasks took `perTaskMs`. */
export function tasksOf(
  perTaskMs: readonly number[],
  phase: 'whole' | 'cpu' = 'whole',
): NonNullable<Cell['tasks']> {
  const sorted = [...perTaskMs].sort((a, b) => a - b);
  const total = perTaskMs.reduce((sum, ms) => sum + ms, 0);
  return {
    n: perTaskMs.length,
    phase,
    totalMs: total,
    meanMs: total / perTaskMs.length,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    p90Ms: sorted[sorted.length - 1] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
    perTaskMs: [...perTaskMs],
  };
}

/** A results file of `cells` on a machine of `cores` cores. */
export function runOf(cells: Cell[], cores = 2, runtime = 'node'): Results {
  return {
    schemaVersion: 2,
    tool: { name: 'paralab', version: '0.0.0' },
    runtime: { name: runtime, version: '1' },
    machine: {
      os: 'linux',
      arch: 'x64',
      cpuModel: 'test',
      logicalCores: cores,
      availableParallelism: cores,
      totalMemory: 1,
      fingerprint: 'test',
    },
    timer: { source: 'performance.now', resolutionMs: 0.001 },
    startedAt: '2026-01-01T00:00:00.000Z',
    complete: true,
    profile: 'quick',
    seed: 1,
    cells,
  };
}

/** Node's thread and process floors: round trips 0.05 and 0.1 ms, start-ups 20 and 40 ms. */
export function nodeFloors(): Cell[] {
  const thread = { library: 'node:worker_threads' };
  const child = { library: 'node:child_process' };
  return [
    probeCell('timer', 'timer-resolution', 0.0001),
    probeCell('worker_threads', 'worker-startup', 20, thread),
    probeCell('worker_threads', 'message-roundtrip', 0.05, thread),
    probeCell('worker_threads', 'payload-roundtrip', 0.05, payload(1024, 'clone', thread)),
    probeCell('worker_threads', 'payload-roundtrip', 0.25, payload(65536, 'clone', thread)),
    probeCell('worker_threads', 'payload-roundtrip', 0.06, payload(65536, 'transfer', thread)),
    probeCell('child_process', 'spawn', 40, child),
    probeCell('child_process', 'ipc-roundtrip', 0.1, child),
  ];
}

function payload(bytes: number, mode: 'clone' | 'transfer', base: { library: string }) {
  return {
    ...base,
    params: { bytes, mode },
    options: { serialization: mode === 'clone' ? 'structured-clone' : 'transfer' },
  };
}

/** What a raw worker_threads cell records. */
export const THREAD = { library: 'node:worker_threads', serialization: 'structured-clone' };
/** A raw worker_threads pool cell's options: one task in flight per worker. */
export const POOL = { ...THREAD, inFlight: 'one-per-worker' };

/** A CPU group: a sequential cell whose tasks took `perTaskMs` (median `median`), and `others`. */
export function group(perTaskMs: number[], median: number, others: Cell[]): Cell[] {
  const n = perTaskMs.length;
  const withN = others.map((c) => ({ ...c, tasksPerSample: n }));
  const sequential = measured('work', 'sequential', 1, median, {
    tasks: tasksOf(perTaskMs),
    tasksPerSample: n,
    options: { inFlight: 1, thread: 'main' },
  });
  return [sequential, ...withN];
}

/** The prediction of the cell `id` among `cells`; throws when unknown. */
export function predict(cells: Cell[], id: string, cores = 2): Prediction {
  const run = runOf(cells, cores);
  const cell = run.cells.find((c) => c.id === id) as Cell;
  const prediction = predictCell(cell, modelContext(run));
  if ('unknown' in prediction) throw new Error(`unexpected unknown: ${prediction.unknown}`);
  return prediction;
}

/** Why the cell `id` among `cells` cannot be predicted. */
export function unknownOf(cells: Cell[], id: string): string {
  const run = runOf(cells);
  return (predictCell(run.cells.find((c) => c.id === id) as Cell, modelContext(run)) as Unknown).unknown;
}

/** Eight tasks of 10 ms. */
export const EIGHT = [10, 10, 10, 10, 10, 10, 10, 10];
/** A raw worker cell in the `work` group at concurrency `n`: 100 B per task, median 44. */
export const worker = (n: number, extra: Partial<Cell> & { bytes?: number } = {}) =>
  measured('work', 'worker', n, 44, { options: POOL, bytes: 800, ...extra });
