import type { Results } from '@paralab/core';
import { type RunOptions, runWithHost } from '@paralab/host';
import { nodeRunner } from './definition.js';
import { nodeVersionRunner } from './node-versions.js';

/** What to run on Node: see the host's `RunOptions` (workloads, modules, strategies, levels, profile ...). */
export interface NodeRunOptions extends RunOptions {
  /**
   * Run on this Node version instead of the one running paralab: a major (`22`, its newest release) or a
   * full version (`22.11.0`), installed from the npm registry into paralab's cache on first use. Results
   * then say `runtime.name` `node@<version>`.
   */
  readonly nodeVersion?: string;
}

/**
 * Runs workloads on Node and returns (and optionally writes) the results; the default is the Node plan.
 * The measuring happens in a child process the host supervises: a task that exits, hangs or runs out of
 * memory costs only its cell.
 */
export function runNode(options: NodeRunOptions = {}): Promise<Results> {
  if (options.nodeVersion === undefined) return runWithHost(nodeRunner, options);
  try {
    return runWithHost(nodeVersionRunner(options.nodeVersion), options);
  } catch (thrown) {
    return Promise.reject(thrown);
  }
}
