import { LAG_SOURCE, type ProbeFactory, timerLagProbe } from '@paralab/core';
import { nodeResourceProbe } from '@paralab/node-api';

const SOURCE = `${LAG_SOURCE}; not perf_hooks.monitorEventLoopDelay, which Bun has but which records each tick's lateness where Node's records the interval between ticks`;

/**
 * The Bun resource probe. Bun implements the Node APIs node-api's probe reads (`process.cpuUsage()`,
 * counting every thread of the process; `process.memoryUsage()`; the child processes' usage from `/proc`),
 * so CPU, utilization, RSS and heap come from `nodeResourceProbe`. Event-loop delay comes, as on Node, from
 * core's `LagMonitor` (a 10 ms timer chain's lateness), which means the same thing on any runtime: an idle
 * loop reads ~0.1 ms, a loop blocked for 50 ms reads ~50 ms. Bun's `monitorEventLoopDelay` would not:
 * it records how late each tick was, not Node's interval between ticks.
 * `metrics.source` says which source gave what.
 */
export const bunProbe: ProbeFactory = timerLagProbe(nodeResourceProbe, {
  runtime: () => `Bun ${Bun.version}`,
  source: SOURCE,
});
