import { poolStrategy, type Strategy } from '@paralab/core';
import { workerThreadsLauncher } from '../launchers/worker-threads.js';

/**
 * Raw `worker_threads` (one task in flight per worker, like `worker`) that move data instead of copying
 * it: each input's typed-array buffers are transferred to the worker and the output's transferred back.
 * I/O workloads are ruled out (their inputs hold no typed arrays); a workload without typed arrays runs
 * like `worker`. Outputs must own their buffers: a transferred buffer is gone from the worker afterwards.
 */
export const transferStrategy: Strategy = poolStrategy({
  name: 'transfer',
  description: 'N raw worker_threads, typed-array buffers transferred to the worker and back (not copied)',
  launcher: workerThreadsLauncher,
  transfer: true,
});
