import type { Results } from '@paralab/core';
import { ParalabError } from '@paralab/core';
import { type NodeRunOptions, runOn } from '@paralab/node-runner';
import { IS_BUN } from './_runtime.js';
import { bunRuntime } from './bun-runtime.js';

/** What to run on Bun: the same options as node-runner's `runNode` (see `NodeRunOptions`). */
export type BunRunOptions = NodeRunOptions;

/**
 * Runs workloads on Bun and returns (and optionally writes) the results; the default is `bunPlan`. Rejects
 * with `ERR_UNSUPPORTED` when this code does not run under Bun.
 */
export async function runBun(options: BunRunOptions = {}): Promise<Results> {
  if (!IS_BUN) throw notBun();
  return runOn(bunRuntime, options);
}

/** The one-line error for code of this package that was started by another runtime. */
export function notBun(): ParalabError {
  return new ParalabError(
    'ERR_UNSUPPORTED',
    '@paralab/bun-runner runs under Bun: start it with `bun` (the `bun` npm package provides one)',
  );
}
