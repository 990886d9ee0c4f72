import { poolStrategy, type Strategy } from '@paralab/core';
import { forkLauncher } from '../launchers/fork.js';

/**
 * A warm pool of N child processes (`child_process.fork`), each with the workload loaded, given one task
 * at a time by the same dispatcher as the raw worker strategy; data crosses as structured clone over IPC.
 * Start-up (spawn to every child ready) is the cell's start-up time.
 */
export const processStrategy: Strategy = poolStrategy({
  name: 'process',
  description: 'N warm child processes (child_process.fork), one task in flight per process',
  launcher: forkLauncher,
});
