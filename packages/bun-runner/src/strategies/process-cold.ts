import { perTaskStrategy, type Strategy } from '@paralab/core';
import { bunSpawnLauncher } from '../launchers/bun-spawn.js';

/**
 * A fresh `Bun.spawn` child per task (spawn, load, run one task, exit), at most N alive at once: what
 * starting a Bun process costs (core's `perTaskStrategy`).
 */
export const bunProcessColdStrategy: Strategy = perTaskStrategy({
  name: 'process-cold',
  description: 'a fresh Bun.spawn child per task (spawn, load, run one task, exit), N alive at once',
  launcher: bunSpawnLauncher,
});
