import { poolStrategy, type Strategy } from '@paralab/core';
import { workerThreadsLauncher } from '@paralab/node-api';

/** N node:worker_threads workers under Bun, every task of the batch posted at once (round-robin). */
export const workerThreadsPipelinedStrategy: Strategy = poolStrategy({
  name: 'worker-threads-pipelined',
  description:
    'N node:worker_threads workers under Bun, every task of the batch posted at once (round-robin)',
  launcher: workerThreadsLauncher,
  inFlight: 'pipelined',
});
