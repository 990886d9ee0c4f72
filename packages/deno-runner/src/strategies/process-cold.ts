import { perTaskStrategy, type Strategy } from '@paralab/core';
import { denoCommandLauncher } from '../launchers/deno-command.js';

/**
 * A fresh `Deno.Command` child per task (spawn, load, run one task, exit), at most N alive at once: what
 * starting a Deno process costs (core's `perTaskStrategy`).
 */
export const denoProcessColdStrategy: Strategy = perTaskStrategy({
  name: 'process-cold',
  description: 'a fresh Deno.Command child per task (spawn, load, run one task, exit), N alive at once',
  launcher: denoCommandLauncher,
});
