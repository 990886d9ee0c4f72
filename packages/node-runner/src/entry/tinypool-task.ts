// The module tinypool loads in each of its threads: the workload is loaded once per thread, then `run` is
// called per task. Named exports only: the strategy passes `name: 'run'`. tinypool starts its threads with
// its own `workerData` ([private data, the pool's workerData]); `Tinypool.workerData` is the pool's.
import type { AnyWorkload } from '@paralab/core/workload';
import { Tinypool } from 'tinypool';
import { loadWorkload } from '../load.js';
import type { WorkerSetup } from '../protocol.js';

// A module that fails to load would crash the thread, and tinypool would start another in its place (and
// cannot be destroyed safely while a thread is crashing): the failure is reported by `ready` instead.
let workload: AnyWorkload | undefined;
let failure: unknown;
try {
  workload = await loadWorkload((Tinypool.workerData as WorkerSetup).ref);
} catch (thrown) {
  failure = thrown;
}

/** Runs one task. */
export function run(input: unknown): unknown {
  if (!workload) throw failure;
  return workload.run(input);
}

/** Answers once this thread has loaded the workload (used to wait for a warm pool); throws if it could not. */
export function ready(): true {
  if (!workload) throw failure;
  return true;
}
