// The strategies the browser runner offers, by name and description. The runner plans and validates with
// these on Node; the page implements each one under the same name (page/strategies/index.ts). No globals
// here: this module is compiled for Node and for the page.
import { asyncStrategy, promiseAllStrategy, type StrategyInfo, sequential } from '@paralab/core';

/** A strategy as it is listed and planned: runnable only in the page. */
export type StrategyDescriptor = StrategyInfo;

/** Why a page has no `process` strategy (every such cell is recorded `unsupported` with this reason). */
export const NO_PROCESSES =
  'a web page cannot start processes (there is no child_process or Bun.spawn in a browser): its only parallelism is Web Workers';

/** Every strategy of the browser runner, in the order `--list` shows them. */
export const browserStrategyCatalog: readonly StrategyDescriptor[] = Object.freeze([
  { name: sequential.name, description: sequential.description, family: sequential.family },
  { name: asyncStrategy.name, description: asyncStrategy.description, family: asyncStrategy.family },
  {
    name: promiseAllStrategy.name,
    description: promiseAllStrategy.description,
    family: promiseAllStrategy.family,
  },
  {
    name: 'worker',
    family: 'threads',
    description: "N module Web Workers, one task in flight per worker (paralab's own dispatcher)",
  },
  {
    name: 'worker-pipelined',
    family: 'threads',
    description: 'N module Web Workers, every task of the batch posted at once (round-robin)',
  },
  {
    name: 'workerpool',
    family: 'threads',
    description:
      'a workerpool pool (its browser build, web mode) of exactly N module Web Workers, min = max, one task in flight each',
  },
  {
    name: 'transfer',
    family: 'threads',
    description: 'N module Web Workers, typed-array buffers transferred to the worker and back (not copied)',
  },
  {
    name: 'shared',
    family: 'threads',
    description:
      'N module Web Workers working in place on SharedArrayBuffer data; completion through Atomics.waitAsync',
  },
  {
    name: 'hybrid',
    family: 'hybrid',
    description:
      'fetch (I/O phases) on the main thread, N in flight; CPU phases in a workerpool pool sized to the cores',
  },
  {
    name: 'process',
    family: 'processes',
    description: 'child processes: a page cannot start any, so every process cell is unsupported',
  },
]);

/** The descriptor named `name`; throws a `RangeError` naming the valid ones otherwise. */
export function describeStrategy(name: string): StrategyDescriptor {
  const found = browserStrategyCatalog.find((entry) => entry.name === name);
  if (found) return found;
  const valid = browserStrategyCatalog.map((entry) => entry.name).join(', ');
  throw new RangeError(`unknown browser strategy "${name}" (choose from: ${valid})`);
}
