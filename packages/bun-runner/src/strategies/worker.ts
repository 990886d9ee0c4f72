import type { Strategy, StrategyInstance } from '@paralab/core';
import { dispatchBatch } from '@paralab/node-runner';
import { startWebWorkers, terminateWebWorkers, webWorkerPort } from '../_web-workers.js';

/**
 * N Bun Web Workers (`new Worker(url, { type: 'module' })`, `postMessage`) with node-runner's dispatcher,
 * one task in flight per worker (the next as soon as it answers). Bun's native worker API: compare it with
 * `worker_threads`, the same threads behind Node's API.
 */
export const webWorkerStrategy: Strategy = {
  name: 'worker',
  description:
    "N Bun Web Workers (new Worker, postMessage), one task in flight per worker (paralab's dispatcher)",
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const workers = await startWebWorkers(ref, concurrency);
    const ports = workers.map(webWorkerPort);
    return {
      options: {
        library: 'Web Worker',
        api: 'new Worker',
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      runBatch: (inputs, cancel) => dispatchBatch(ports, inputs, cancel),
      close: () => terminateWebWorkers(workers),
    };
  },
};
