// What a runner on Node's APIs plans with: the modules of built-in workloads (core's portable ones, then
// these that need Node's APIs) and the plan entry of `http-get`.
import type { PlanEntry } from '@paralab/host';

/** The built-in workload modules of a runtime with Node's APIs: core's, then `file`, `http-get` and `db`. */
export const NODE_WORKLOAD_MODULES: readonly string[] = Object.freeze([
  '@paralab/core/workloads',
  '@paralab/node-api/workloads',
]);

/** The same 100 calls as `http`'s, with node:http instead of fetch: what the HTTP client costs. */
export const HTTP_GET_ENTRY: PlanEntry = Object.freeze({
  workload: 'http-get',
  params: { requests: 100, latencyMs: 50 },
  strategies: ['async'],
  concurrency: [100],
  why: 'the same 100 calls with node:http instead of fetch: what the HTTP client costs',
});
