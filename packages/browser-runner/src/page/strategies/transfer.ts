import { copyViews, dispatchBatch, type Strategy, type StrategyInstance } from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import { pageWorkerPort, postTransferred, startPageWorkers, terminatePageWorkers } from './_web-workers.js';

/**
 * N module Web Workers (one task in flight each, like `worker`) that move data instead of copying it: each
 * input's typed-array buffers are transferred to the worker and the output's transferred back. I/O
 * workloads have no typed arrays to move; any other workload runs, its typed arrays transferred and the
 * rest cloned, so a workload without typed arrays runs like `worker`.
 */
export const transferStrategy: Strategy = {
  ...describeStrategy('transfer'),
  supports: (workload) =>
    workload.kind === 'io' ? 'transfer needs inputs with typed arrays (this workload has none)' : true,
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const workers = await startPageWorkers(ref, concurrency);
    const ports = workers.map((worker) => pageWorkerPort(worker, postTransferred));
    return {
      options: {
        library: 'Web Worker',
        api: "new Worker(url, { type: 'module' })",
        inFlight: 'one-per-worker',
        serialization: 'transfer',
      },
      // Untimed: a transferred buffer is detached on this side, so every batch gets fresh copies.
      stage: (inputs) => inputs.map((input) => copyViews(input, (bytes) => new ArrayBuffer(bytes))),
      runBatch: (inputs, cancel) => dispatchBatch(ports, inputs, cancel, 'one-per-worker'),
      close: async () => terminatePageWorkers(workers),
    };
  },
};
