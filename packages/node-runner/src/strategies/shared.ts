import type { Worker } from 'node:worker_threads';
import {
  type AnyWorkload,
  ParalabError,
  runSharedBatch,
  type SharedPort,
  type Strategy,
  type StrategyInstance,
  stageShared,
  type ToSharedWorker,
} from '@paralab/core';
import { postCloned, startWorkers, terminateAll, workerPort } from './_threads.js';

const unsupported = (workload: AnyWorkload): string =>
  `shared needs a workload with a shared-memory form (workload.shared); ${workload.id} has none`;

/** A worker thread as core's shared batch sees it. */
const sharedPort = (worker: Worker): SharedPort => ({
  post: (message: ToSharedWorker) => worker.postMessage(message),
  listen: workerPort(worker, postCloned).listen,
});

/**
 * N raw `worker_threads` working in place on `SharedArrayBuffer`s: nothing is copied between threads. The
 * inputs' typed arrays and one output buffer per task live in shared memory; each batch posts the workers
 * views on them once (posting a `SharedArrayBuffer` shares it), then one small `{ index }` message per task,
 * one task in flight per worker (as `worker`). Workers signal completion through a counter in shared
 * memory (`Atomics.add` + `Atomics.notify`) that the main thread awaits with `Atomics.waitAsync`, never
 * blocking (core's `runSharedBatch`). Only for workloads with `workload.shared`.
 */
export const sharedStrategy: Strategy = {
  name: 'shared',
  description: 'N raw worker_threads working in place on SharedArrayBuffer data; completion through Atomics',
  supports: (workload) => (workload.shared ? true : unsupported(workload)),
  async create({ workload, ref, concurrency }): Promise<StrategyInstance> {
    const shared = workload.shared;
    if (!shared) throw new ParalabError('ERR_OPTION', unsupported(workload));
    const workers = await startWorkers(ref, concurrency);
    const ports = workers.map(sharedPort);
    return {
      options: {
        library: 'node:worker_threads',
        inFlight: 'one-per-worker',
        serialization: 'shared',
        completion: 'atomics',
      },
      stage: (inputs) => stageShared(inputs, shared),
      runBatch: (staged, cancel) => runSharedBatch(ports, staged, cancel, shared),
      close: () => terminateAll(workers),
    };
  },
};
