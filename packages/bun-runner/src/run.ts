import type { Results } from '@paralab/core';
import { type RunOptions, runWithHost } from '@paralab/host';
import { bunRunner } from './definition.js';

/** What to run on Bun: see the host's `RunOptions`. */
export type BunRunOptions = RunOptions;

/**
 * Runs workloads on Bun and returns (and optionally writes) the results; the default is `bunPlan`. This
 * code runs on Node (or Bun); the measuring happens in a Bun process the host supervises (see `findBun`).
 */
export function runBun(options: BunRunOptions = {}): Promise<Results> {
  return runWithHost(bunRunner, options);
}
