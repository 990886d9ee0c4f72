import type { Results } from '@paralab/core';
import { type RunOptions, runWithHost } from '@paralab/host';
import { denoRunner } from './definition.js';

/** What to run on Deno: see the host's `RunOptions`. */
export type DenoRunOptions = RunOptions;

/**
 * Runs workloads on Deno and returns (and optionally writes) the results; the default is `denoPlan`. This
 * code runs on Node; the measuring happens in a Deno process the host supervises (see `findDeno`).
 */
export function runDeno(options: DenoRunOptions = {}): Promise<Results> {
  return runWithHost(denoRunner, options);
}
