import type { Strategy, StrategyInstance } from '@paralab/core';
import { dispatch, postCloned, startWorkers, terminateAll } from './_threads.js';

// Kept for modules that started workers through this one before the dispatcher moved to `_threads.ts`.
export { startWorkers } from './_threads.js';

/**
 * Raw `worker_threads` with paralab's own minimal dispatcher: a fixed set of N workers, each given one
 * task at a time (the next as soon as it answers). No library between the task and the thread: the floor
 * a pool library is compared against.
 */
export const workerStrategy: Strategy = {
  name: 'worker',
  description: "N raw worker_threads, one task in flight per worker (paralab's own dispatcher)",
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const workers = await startWorkers(ref, concurrency);
    return {
      options: {
        library: 'node:worker_threads',
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      runBatch: (inputs, cancel) => dispatch(workers, inputs, cancel, 'one-per-worker', postCloned),
      close: () => terminateAll(workers),
    };
  },
};
