import { dispatchBatch, type InFlight, type Strategy, type StrategyInstance } from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import { pageWorkerPort, startPageWorkers, terminatePageWorkers } from './_web-workers.js';

/** N module Web Workers with core's dispatcher under the given in-flight policy, structured clone. */
function moduleWorkers(name: string, inFlight: InFlight): Strategy {
  return {
    ...describeStrategy(name),
    async create({ ref, concurrency }): Promise<StrategyInstance> {
      const workers = await startPageWorkers(ref, concurrency);
      const ports = workers.map((worker) => pageWorkerPort(worker));
      return {
        options: {
          library: 'Web Worker',
          api: "new Worker(url, { type: 'module' })",
          inFlight,
          serialization: 'structured-clone',
        },
        runBatch: (inputs, cancel) => dispatchBatch(ports, inputs, cancel, inFlight),
        close: async () => terminatePageWorkers(workers),
      };
    },
  };
}

/** N module Web Workers, one task in flight per worker (the next as soon as it answers). */
export const workerStrategy: Strategy = moduleWorkers('worker', 'one-per-worker');

/** The same workers with every task of the batch posted at once, round-robin. */
export const workerPipelinedStrategy: Strategy = moduleWorkers('worker-pipelined', 'pipelined');
