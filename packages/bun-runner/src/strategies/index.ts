// Every strategy of the Bun runner, one file each: the portable ones (core's), Bun's own (Web Workers,
// `Bun.spawn`), and Node's APIs and pool libraries as Bun runs them, each under its own name.
import { mainThreadStrategies, type Strategy } from '@paralab/core';
import {
  hybridStrategy,
  piscinaStrategy,
  sharedStrategy,
  tinypoolStrategy,
  transferStrategy,
} from '@paralab/node-api';
import { forkStrategy } from './fork.js';
import { bunProcessStrategy } from './process.js';
import { bunProcessColdStrategy } from './process-cold.js';
import { bunServeClusterStrategy } from './serve-cluster.js';
import { bunServeLoopStrategy } from './serve-loop.js';
import { bunServeOffloadStrategy } from './serve-offload.js';
import { bunServeReusePortStrategy } from './serve-reuseport.js';
import { webWorkerStrategy } from './worker.js';
import { webWorkerPipelinedStrategy } from './worker-pipelined.js';
import { workerThreadsStrategy } from './worker-threads.js';
import { workerThreadsPipelinedStrategy } from './worker-threads-pipelined.js';
import { workerpoolThreadStrategy } from './workerpool.js';
import { workerpoolProcessStrategy } from './workerpool-process.js';
import { workerpoolWebStrategy } from './workerpool-web.js';

/**
 * Every strategy the Bun runner offers. `transfer`, `shared` and `hybrid` are node-api's, on
 * `node:worker_threads` and piscina, which Bun runs.
 */
export const bunStrategies: readonly Strategy[] = [
  ...mainThreadStrategies,
  webWorkerStrategy,
  webWorkerPipelinedStrategy,
  workerThreadsStrategy,
  workerThreadsPipelinedStrategy,
  piscinaStrategy,
  tinypoolStrategy,
  workerpoolThreadStrategy,
  workerpoolProcessStrategy,
  workerpoolWebStrategy,
  transferStrategy,
  sharedStrategy,
  bunProcessStrategy,
  bunProcessColdStrategy,
  forkStrategy,
  hybridStrategy,
  bunServeLoopStrategy,
  bunServeClusterStrategy,
  bunServeOffloadStrategy,
  bunServeReusePortStrategy,
];
