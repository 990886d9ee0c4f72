import { type Strategy, sharedStrategy as sharedOver } from '@paralab/core';
import { workerThreadsLauncher } from '../launchers/worker-threads.js';

/**
 * N raw `worker_threads` working in place on `SharedArrayBuffer`s (core's `sharedStrategy`): nothing is
 * copied between threads; completion through Atomics. Only for workloads with a shared-memory form.
 */
export const sharedStrategy: Strategy = sharedOver({
  name: 'shared',
  description: 'N raw worker_threads working in place on SharedArrayBuffer data; completion through Atomics',
  launcher: workerThreadsLauncher,
});
