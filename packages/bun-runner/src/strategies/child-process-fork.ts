import type { Strategy } from '@paralab/core';
import { processStrategy } from '@paralab/node-runner';

/**
 * node-runner's `process` under Bun: N warm `child_process.fork` children, one task in flight each. Its own
 * name, because the Bun runner's `process` is `Bun.spawn` with `ipc`.
 */
export const childProcessForkStrategy: Strategy = {
  ...processStrategy,
  name: 'child_process.fork',
  description: 'N warm child processes (child_process.fork under Bun), one task in flight per process',
};
