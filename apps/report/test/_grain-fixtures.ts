import { type Cell, withModel } from '@paralab/core';
import { around, type CellSpec, cells, MACHINE_A, resultsOf } from './_fixtures.js';

/** Total work of every size of the sweep, ms. */
const TOTAL_MS = 40;

/** The floors the model reads a worker pool's cost from: a 0.05 ms round trip, 20 ms start-up. */
function floors(): CellSpec[] {
  const floor = (probe: string, value: number): CellSpec => ({
    workload: 'calibration',
    kind: 'calibration',
    family: 'calibration',
    strategy: 'worker_threads',
    params: { probe },
    options: { library: 'node:worker_threads' },
    samples: new Array<number>(20).fill(value),
    tasksPerSample: 1,
  });
  return [floor('worker-startup', 20), floor('message-roundtrip', 0.05)];
}

/** One size of the sweep: a sequential cell whose tasks are `taskUs` each, and `strategy@2` at `speedup`. */
function size(taskUs: number, speedup: number, strategy: string): CellSpec[] {
  const n = Math.round((TOTAL_MS * 1000) / taskUs);
  const params = { taskUs, totalMs: TOTAL_MS };
  const taskMs = taskUs / 1000;
  const flat = (ms: number) => new Array<number>(10).fill(ms);
  return [
    {
      workload: 'grain',
      strategy: 'sequential',
      params,
      samples: flat(TOTAL_MS),
      tasksPerSample: n,
      options: { inFlight: 1, thread: 'main' },
      tasks: {
        n,
        phase: 'whole',
        totalMs: TOTAL_MS,
        meanMs: taskMs,
        medianMs: taskMs,
        p90Ms: taskMs,
        maxMs: taskMs,
      },
    },
    {
      workload: 'grain',
      strategy,
      concurrency: 2,
      params,
      samples: around(TOTAL_MS / speedup),
      tasksPerSample: n,
      options: {
        library: 'node:worker_threads',
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      metrics: { bytesMovedPerSample: 100 * n },
    },
  ];
}

/**
 * A node run with the grain sweep of `strategy@2` at 8 to 256 µs: speedups 0.5, 0.8, 1.25, 1.6, 1.8, 1.9
 * (±1% samples), so the measured speedup crosses 1 half-way in log size between 16 and 32 µs (0.8 and 1.25
 * sit equally far from 1 in log), at sqrt(16 × 32) ≈ 22.6 µs; with the cost model's records written by
 * core's `withModel`, as the host writes them.
 */
export function grainRun(strategy = 'worker') {
  const sweep: [number, number][] = [
    [8, 0.5],
    [16, 0.8],
    [32, 1.25],
    [64, 1.6],
    [128, 1.8],
    [256, 1.9],
  ];
  const specs = [...floors(), ...sweep.flatMap(([us, s]) => size(us, s, strategy))];
  return withModel(resultsOf('node', MACHINE_A, cells(specs)));
}

/** The grain cells of a run. */
export const grainCells = (cellList: readonly Cell[]): Cell[] =>
  cellList.filter((c) => c.workload === 'grain');
