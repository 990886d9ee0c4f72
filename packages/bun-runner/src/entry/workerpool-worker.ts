// The script workerpool starts in each of its workers, in any of its modes. It loads the workload, then
// registers `run` and `ready` with `workerpool.worker()`, which tells the pool this worker is ready. The
// workload reference arrives as `workerData` (thread mode), in the environment (process mode), or through
// `serveWorkerpool` called by a tiny bootstrap module (web mode: a Web Worker has neither).
import { workerData } from 'node:worker_threads';
import type { WorkloadRef } from '@paralab/core/workload';
import { worker } from 'workerpool';
import { loadWorkloadInBun } from '../_load.js';
import { WORKERPOOL_REF_ENV, type WorkerSetup } from '../_protocol.js';

/** Loads the workload and serves it to the pool; a load failure is reported by `ready` and `run`. */
export async function serveWorkerpool(ref: WorkloadRef): Promise<void> {
  let failure: unknown;
  const workload = await loadWorkloadInBun(ref).catch((thrown: unknown) => {
    failure = thrown;
    return undefined;
  });
  worker({
    run(input: unknown): unknown {
      if (!workload) throw failure;
      return workload.run(input);
    },
    ready(): true {
      if (!workload) throw failure;
      return true;
    },
  });
}

const fromEnvironment = process.env[WORKERPOOL_REF_ENV];
const ref =
  (workerData as WorkerSetup | undefined)?.ref ??
  (fromEnvironment ? (JSON.parse(fromEnvironment) as WorkloadRef) : undefined);
if (ref) await serveWorkerpool(ref);
