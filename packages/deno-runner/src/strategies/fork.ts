import { poolStrategy, type Strategy } from '@paralab/core';
import { forkLauncher } from '@paralab/node-api';

/**
 * N warm child processes (node:child_process fork) under Deno, one task in flight per process. Deno starts
 * each with `deno run -A` and none of this process's `--v8-flags`; node-api's fork launcher passes the
 * heap limit in `execArgv` itself, which Deno turns into the child's `--v8-flags`.
 */
export const forkStrategy: Strategy = poolStrategy({
  name: 'fork',
  description: 'N warm child processes (node:child_process fork) under Deno, one task in flight per process',
  launcher: forkLauncher,
});
