import { poolStrategy, type Strategy } from '@paralab/core';
import { forkLauncher } from '@paralab/node-api';

/** N warm child processes (node:child_process fork) under Bun, one task in flight per process. */
export const forkStrategy: Strategy = poolStrategy({
  name: 'fork',
  description: 'N warm child processes (node:child_process fork) under Bun, one task in flight per process',
  launcher: forkLauncher,
});
