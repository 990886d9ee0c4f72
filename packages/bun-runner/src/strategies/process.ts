import { poolStrategy, type Strategy } from '@paralab/core';
import { bunSpawnLauncher } from '../launchers/bun-spawn.js';

/** N warm child processes started with Bun.spawn and IPC, one task in flight per process. */
export const bunProcessStrategy: Strategy = poolStrategy({
  name: 'process',
  description: 'N warm child processes started with Bun.spawn and IPC, one task in flight per process',
  launcher: bunSpawnLauncher,
});
