import type { Strategy, StrategyInstance } from '@paralab/core';
import { dispatch, postCloned, startWorkers, terminateAll } from './_threads.js';

/**
 * The raw `worker` strategy with the other in-flight policy: every task of the batch is posted at once,
 * round-robin over the N workers, so a worker goes from one task to the next without waiting for the main
 * thread. Compare it with `worker` to see what one-task-per-worker dispatch costs.
 */
export const workerPipelinedStrategy: Strategy = {
  name: 'worker-pipelined',
  description: 'N raw worker_threads, every task of the batch posted at once (round-robin)',
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const workers = await startWorkers(ref, concurrency);
    return {
      options: {
        library: 'node:worker_threads',
        inFlight: 'pipelined',
        serialization: 'structured-clone',
      },
      runBatch: (inputs, cancel) => dispatch(workers, inputs, cancel, 'pipelined', postCloned),
      close: () => terminateAll(workers),
    };
  },
};
