import { poolStrategy, type Strategy } from '@paralab/core';
import { denoCommandLauncher } from '../launchers/deno-command.js';

/** N warm `Deno.Command` children speaking over stdin/stdout (JSON), one task in flight per process. */
export const denoProcessStrategy: Strategy = poolStrategy({
  name: 'process',
  description: 'N warm Deno.Command children over stdin/stdout pipes (JSON), one task in flight per process',
  launcher: denoCommandLauncher,
});
