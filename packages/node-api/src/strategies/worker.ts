import { poolStrategy, type Strategy } from '@paralab/core';
import { workerThreadsLauncher } from '../launchers/worker-threads.js';

/**
 * Raw `worker_threads` with paralab's own minimal dispatcher: a fixed set of N workers, each given one task
 * at a time (the next as soon as it answers). No library between the task and the thread: the floor a pool
 * library is compared against.
 */
export const workerStrategy: Strategy = poolStrategy({
  name: 'worker',
  description: "N raw worker_threads, one task in flight per worker (paralab's own dispatcher)",
  launcher: workerThreadsLauncher,
});
