import {
  type AnyWorkload,
  ParalabError,
  runSharedBatch,
  type SharedPort,
  type Strategy,
  type StrategyInstance,
  stageShared,
} from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import type { ToPageWorker } from '../../protocol.js';
import { listenTo, startPageWorkers, terminatePageWorkers } from './_web-workers.js';

function unsupported(workload: AnyWorkload): string | undefined {
  if (!workload.shared)
    return `shared needs a workload with a shared-memory form (workload.shared); ${workload.id} has none`;
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics.waitAsync !== 'function')
    return 'shared needs SharedArrayBuffer and Atomics.waitAsync, which a page has only when cross-origin isolated (COOP + COEP)';
  return undefined;
}

/** A Web Worker as core's shared batch sees it. */
const sharedPort = (worker: Worker): SharedPort => ({
  post: (message) => worker.postMessage(message satisfies ToPageWorker),
  listen: (onMessage, onFail) => listenTo(worker, onMessage, onFail),
});

/**
 * N module Web Workers working in place on `SharedArrayBuffer`s: nothing is copied between threads. The
 * inputs' typed arrays and one output buffer per task live in shared memory; each batch posts the workers
 * views on them once, then one small `{ index }` message per task, one task in flight per worker. Workers
 * count finished tasks in shared memory (`Atomics.add`, `Atomics.notify`); the main thread, which may not
 * block in a page, awaits that counter with `Atomics.waitAsync` (core's `runSharedBatch`). Only for
 * workloads with `workload.shared`, in a cross-origin isolated page.
 */
export const sharedStrategy: Strategy = {
  ...describeStrategy('shared'),
  supports: (workload) => unsupported(workload) ?? true,
  async create({ workload, ref, concurrency }): Promise<StrategyInstance> {
    const shared = workload.shared;
    const why = unsupported(workload);
    if (!shared || why) throw new ParalabError('ERR_UNSUPPORTED', why ?? 'no shared form');
    const workers = await startPageWorkers(ref, concurrency);
    const ports = workers.map(sharedPort);
    return {
      options: {
        library: 'Web Worker',
        api: "new Worker(url, { type: 'module' })",
        inFlight: 'one-per-worker',
        serialization: 'shared',
        completion: 'Atomics.waitAsync',
      },
      stage: (inputs) => stageShared(inputs, shared),
      runBatch: (staged, cancel) => runSharedBatch(ports, staged, cancel, shared),
      close: async () => terminatePageWorkers(workers),
    };
  },
};
