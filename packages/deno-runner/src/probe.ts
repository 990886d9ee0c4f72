import { LAG_PERIOD_MS, type ProbeFactory, timerLagProbe } from '@paralab/core';
import { nodeProbe } from '@paralab/node-api';
import { deno } from './_deno.js';

const LAG_SOURCE = `event-loop delay: lateness of a ${LAG_PERIOD_MS} ms setTimeout chain on the main thread (a tick still pending at the end counts as late by then); not perf_hooks.monitorEventLoopDelay, which Deno has but which does not see a blocked loop (a 100 ms block reads 0.012 ms)`;

/**
 * The Deno resource probe. Deno implements the Node APIs node-api's probe reads (`process.cpuUsage()`,
 * counting every thread of the process; `process.memoryUsage()`; the child processes' usage from `/proc`),
 * so CPU, utilization, RSS and heap come from `nodeProbe`. Event-loop delay does not: Deno's
 * `monitorEventLoopDelay` misses a blocked loop entirely, so it is measured by core's `LagMonitor` (a 1 ms
 * timer chain's lateness): an idle loop reads ~0.1 ms, a loop blocked for 50 ms reads ~50 ms.
 * `metrics.source` says which source gave what.
 */
export const denoProbe: ProbeFactory = timerLagProbe(nodeProbe, {
  runtime: () => `Deno ${deno().version.deno}`,
  source: LAG_SOURCE,
});
