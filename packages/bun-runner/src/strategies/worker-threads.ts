import { poolStrategy, type Strategy } from '@paralab/core';
import { workerThreadsLauncher } from '@paralab/node-api';

/** N node:worker_threads workers under Bun, one task in flight per worker (paralab's dispatcher). */
export const workerThreadsStrategy: Strategy = poolStrategy({
  name: 'worker-threads',
  description:
    "N node:worker_threads workers under Bun, one task in flight per worker (paralab's dispatcher)",
  launcher: workerThreadsLauncher,
});
