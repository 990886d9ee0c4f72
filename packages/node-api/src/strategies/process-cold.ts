import { perTaskStrategy, type Strategy } from '@paralab/core';
import { forkLauncher } from '../launchers/fork.js';

/**
 * A fresh child process per task (`child_process.fork`: spawn, load, run one task, exit), at most N alive
 * at once: each sample pays the whole cost of starting and ending a process per task (core's
 * `perTaskStrategy`).
 */
export const processColdStrategy: Strategy = perTaskStrategy({
  name: 'process-cold',
  description: 'a fresh child process per task (spawn, load, run one task, exit), N alive at once',
  launcher: forkLauncher,
});
