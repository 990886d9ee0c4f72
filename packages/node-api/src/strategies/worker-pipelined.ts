import { poolStrategy, type Strategy } from '@paralab/core';
import { workerThreadsLauncher } from '../launchers/worker-threads.js';

/**
 * The raw `worker` strategy with the other in-flight policy: every task of the batch is posted at once,
 * round-robin over the N workers, so a worker goes from one task to the next without waiting for the main
 * thread. Compare it with `worker` to see what one-task-per-worker dispatch costs.
 */
export const workerPipelinedStrategy: Strategy = poolStrategy({
  name: 'worker-pipelined',
  description: 'N raw worker_threads, every task of the batch posted at once (round-robin)',
  launcher: workerThreadsLauncher,
  inFlight: 'pipelined',
});
