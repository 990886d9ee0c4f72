import { LAG_PERIOD_MS, type ProbeFactory, timerLagProbe } from '@paralab/core';
import { nodeProbe } from '@paralab/node-api';

const LAG_SOURCE = `event-loop delay: lateness of a ${LAG_PERIOD_MS} ms setTimeout chain on the main thread (a tick still pending at the end counts as late by then); not perf_hooks.monitorEventLoopDelay, which Bun has but which records each tick's lateness where Node's records the interval between ticks`;

/**
 * The Bun resource probe. Bun implements the Node APIs node-api's probe reads (`process.cpuUsage()`,
 * counting every thread of the process; `process.memoryUsage()`; the child processes' usage from `/proc`),
 * so CPU, utilization, RSS and heap come from `nodeProbe`. Event-loop delay does not: Bun's
 * `monitorEventLoopDelay` records how late each tick was, not Node's interval between ticks, so
 * `nodeProbe`'s reading (interval − 1 ms) would say 0 for an idle loop and 1 ms too little for a blocked
 * one. It is measured instead by core's `LagMonitor` (a 1 ms timer chain's lateness), which means the same
 * thing on any runtime: an idle loop reads ~0.1 ms, a loop blocked for 50 ms reads ~50 ms.
 * `metrics.source` says which source gave what.
 */
export const bunProbe: ProbeFactory = timerLagProbe(nodeProbe, {
  runtime: () => `Bun ${Bun.version}`,
  source: LAG_SOURCE,
});
