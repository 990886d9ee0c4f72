/**
 * The browser runner's default plan: the Node plan's questions asked of a page, where the main thread is
 * the UI. CPU speedup versus Web Workers (C3, C4, C8), clone versus transfer versus shared memory for image
 * data, batching (C9), I/O concurrency under the browser's own limits (C1, C2, C7), mixed work (C10), a
 * blocked main thread (C5), memory (C11), and the processes a page does not have (C6).
 */
import type { AnyWorkload } from '@paralab/core';
import {
  modulePlan,
  type PlanEntry,
  type PlanStrategies,
  questionPlan,
  roundTripFloors,
} from '@paralab/host';

/** The modules of built-in workloads in a browser run: core's, then the browser's own (`file` on OPFS). */
export const BROWSER_BUILTIN_MODULES: readonly string[] = Object.freeze([
  '@paralab/core/workloads',
  '@paralab/browser-runner/workloads',
]);

/** The roles of the page's strategies in the default and module plans (a page has no processes). */
export const BROWSER_ROLES: PlanStrategies = {
  threads: ['worker'],
  pipelined: ['worker-pipelined'],
  pools: ['workerpool'],
  processes: [],
  cold: [],
  transfer: ['transfer'],
  shared: ['shared'],
  hybrid: ['hybrid'],
  // The page cannot query a database: planned all the same, so its cells say why (no TCP sockets).
  database: true,
  floors: ['web-worker/message-roundtrip'],
  grainFloors: roundTripFloors({ threads: ['web-worker'] }),
  extra: (n) => [
    {
      workload: 'primes',
      params: { list: 'balanced' },
      strategies: ['process'],
      concurrency: [n],
      why: 'processes, which a page does not have (C6: recorded unsupported, with the reason)',
    },
  ],
};

/** The default plan for a page that sees `cores` cores: the seeds' questions in the browser's names. */
export const defaultBrowserPlan = (cores: number): PlanEntry[] => questionPlan(cores, BROWSER_ROLES);

/** The plan for one of a user's workloads in a page (see the host's `modulePlan`). */
export const browserModulePlan = (workload: AnyWorkload, cores: number): PlanEntry[] =>
  modulePlan(workload, cores, BROWSER_ROLES);
