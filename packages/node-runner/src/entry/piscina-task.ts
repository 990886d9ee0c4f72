// The module piscina loads in each of its threads: the workload is loaded once per thread, then `run`
// is called per task. Named exports only: the strategy passes `name: 'run'`.
import { workerData } from 'node:worker_threads';
import { loadWorkload } from '../load.js';
import type { WorkerSetup } from '../protocol.js';

const workload = await loadWorkload((workerData as WorkerSetup).ref);

/** Runs one task. */
export function run(input: unknown): unknown {
  return workload.run(input);
}

/** Answers once this thread has loaded the workload: used to wait for a warm pool. */
export function ready(): true {
  return true;
}

/** The CPU phase of a split task (the `hybrid` strategy runs the I/O phase on the main thread). */
export function cpu(intermediate: unknown): unknown {
  if (!workload.split) throw new Error(`${workload.id} is not split into io and cpu phases (workload.split)`);
  return workload.split.cpu(intermediate);
}
