import type { Strategy } from '@paralab/core';
import { workerStrategy } from '@paralab/node-runner';

/**
 * node-runner's `worker` under Bun: N `node:worker_threads` workers with paralab's dispatcher, one task in
 * flight each. Its own name, because the Bun runner's `worker` is Bun's Web Worker: compare the two to see
 * what Node's API costs on the same threads.
 */
export const workerThreadsStrategy: Strategy = {
  ...workerStrategy,
  name: 'worker_threads',
  description:
    "N node:worker_threads workers under Bun, one task in flight per worker (paralab's dispatcher)",
};
