import { LAG_SOURCE, type ProbeFactory, timerLagProbe } from '@paralab/core';
import { nodeResourceProbe } from '@paralab/node-api';
import { deno } from './_deno.js';

const SOURCE = `${LAG_SOURCE}; not perf_hooks.monitorEventLoopDelay, which Deno has but which does not see a blocked loop (a 100 ms block reads 0.012 ms)`;

/**
 * The Deno resource probe. Deno implements the Node APIs node-api's probe reads (`process.cpuUsage()`,
 * counting every thread of the process; `process.memoryUsage()`; the child processes' usage from `/proc`),
 * so CPU, utilization, RSS and heap come from `nodeResourceProbe`. Event-loop delay comes, as on Node, from
 * core's `LagMonitor` (a 10 ms timer chain's lateness): an idle loop reads ~0.1 ms, a loop blocked for
 * 50 ms reads ~50 ms. Deno's `monitorEventLoopDelay` would miss a blocked loop entirely.
 * `metrics.source` says which source gave what.
 */
export const denoProbe: ProbeFactory = timerLagProbe(nodeResourceProbe, {
  runtime: () => `Deno ${deno().version.deno}`,
  source: SOURCE,
});
