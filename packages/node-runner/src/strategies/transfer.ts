import { copyViews, type Strategy, type StrategyInstance } from '@paralab/core';
import { dispatch, postTransferred, startWorkers, terminateAll } from './_threads.js';

/**
 * Raw `worker_threads` (one task in flight per worker, like `worker`) that move data instead of copying
 * it: each input's typed-array buffers are transferred to the worker and the output's transferred back.
 *
 * Which workloads: `supports` rules out I/O workloads (their inputs are URLs and numbers); any other
 * workload runs, its typed arrays (found in the input itself, its fields and their items) transferred and
 * everything else cloned as usual, so a workload with no typed arrays runs like `worker`. Outputs must own
 * their buffers: a transferred buffer is gone from the worker afterwards.
 */
export const transferStrategy: Strategy = {
  name: 'transfer',
  description: 'N raw worker_threads, typed-array buffers transferred to the worker and back (not copied)',
  supports: (workload) =>
    workload.kind === 'io' ? 'transfer needs inputs with typed arrays (this workload has none)' : true,
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const workers = await startWorkers(ref, concurrency);
    return {
      options: {
        library: 'node:worker_threads',
        inFlight: 'one-per-worker',
        serialization: 'transfer',
      },
      // Untimed. The loop reuses its prepared inputs for every sample, and a transferred buffer is detached
      // on this side, so each batch gets fresh copies (in a real program the data would be fresh anyway).
      stage: (inputs) => inputs.map((input) => copyViews(input, (bytes) => new ArrayBuffer(bytes))),
      runBatch: (inputs, cancel) => dispatch(workers, inputs, cancel, 'one-per-worker', postTransferred),
      close: () => terminateAll(workers),
    };
  },
};
