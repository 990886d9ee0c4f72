// Every strategy of the Deno runner, one file each: the portable ones (core's), Deno's own (Web Workers,
// `Deno.Command`), and Node's APIs and pool libraries as Deno runs them, each under its own name.
import { mainThreadStrategies, type Strategy } from '@paralab/core';
import {
  hybridStrategy,
  piscinaStrategy,
  sharedStrategy,
  transferStrategy,
  workerpoolStrategy,
} from '@paralab/node-api';
import { forkStrategy } from './fork.js';
import { denoProcessStrategy } from './process.js';
import { denoProcessColdStrategy } from './process-cold.js';
import { tinypoolStrategy } from './tinypool.js';
import { tinypoolNoAtomicsStrategy } from './tinypool-no-atomics.js';
import { webWorkerStrategy } from './worker.js';
import { webWorkerPipelinedStrategy } from './worker-pipelined.js';
import { workerThreadsStrategy } from './worker-threads.js';
import { workerThreadsPipelinedStrategy } from './worker-threads-pipelined.js';

/**
 * Every strategy the Deno runner offers. `async` is core's `Promise.all` under a concurrency limit;
 * `transfer`, `shared`, `piscina`, `workerpool` (thread mode) and `hybrid` are node-api's, on
 * `node:worker_threads`, which Deno runs.
 */
export const denoStrategies: readonly Strategy[] = [
  ...mainThreadStrategies,
  webWorkerStrategy,
  webWorkerPipelinedStrategy,
  workerThreadsStrategy,
  workerThreadsPipelinedStrategy,
  piscinaStrategy,
  workerpoolStrategy,
  tinypoolNoAtomicsStrategy,
  tinypoolStrategy,
  transferStrategy,
  sharedStrategy,
  denoProcessStrategy,
  denoProcessColdStrategy,
  forkStrategy,
  hybridStrategy,
];
