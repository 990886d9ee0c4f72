import { poolStrategy, type Strategy } from '@paralab/core';
import { workerThreadsLauncher } from '@paralab/node-api';

/**
 * N node:worker_threads workers under Deno, one task in flight per worker (paralab's dispatcher). Deno
 * reports `resourceLimits` inside the worker but a worker over them goes silent instead of failing: the
 * batch watchdog stops it.
 */
export const workerThreadsStrategy: Strategy = poolStrategy({
  name: 'worker-threads',
  description:
    "N node:worker_threads workers under Deno, one task in flight per worker (paralab's dispatcher)",
  launcher: workerThreadsLauncher,
});
