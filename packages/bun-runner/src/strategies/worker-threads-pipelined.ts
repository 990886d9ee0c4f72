import type { Strategy } from '@paralab/core';
import { workerPipelinedStrategy } from '@paralab/node-runner';

/** node-runner's `worker-pipelined` under Bun: every task of a batch posted at once to N `node:worker_threads`. */
export const workerThreadsPipelinedStrategy: Strategy = {
  ...workerPipelinedStrategy,
  name: 'worker_threads-pipelined',
  description:
    'N node:worker_threads workers under Bun, every task of the batch posted at once (round-robin)',
};
