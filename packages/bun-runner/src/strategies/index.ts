import { asyncStrategy, type Strategy, sequential } from '@paralab/core';
import {
  hybridStrategy,
  piscinaStrategy,
  sharedStrategy,
  tinypoolStrategy,
  transferStrategy,
} from '@paralab/node-runner';
import { childProcessForkStrategy } from './child-process-fork.js';
import { bunProcessStrategy } from './process.js';
import { bunProcessColdStrategy } from './process-cold.js';
import { webWorkerStrategy } from './worker.js';
import { workerThreadsStrategy } from './worker-threads.js';
import { workerThreadsPipelinedStrategy } from './worker-threads-pipelined.js';
import { workerpoolThreadStrategy } from './workerpool.js';
import { workerpoolProcessStrategy } from './workerpool-process.js';
import { workerpoolWebStrategy } from './workerpool-web.js';

/**
 * Every strategy the Bun runner offers: the portable ones, Bun's own (Web Workers, `Bun.spawn`), and
 * Node's APIs and pool libraries under Bun, each under its own name. `transfer`, `shared` and `hybrid` are
 * node-runner's, on `node:worker_threads` and piscina, which Bun runs.
 */
export const bunStrategies: readonly Strategy[] = [
  sequential,
  asyncStrategy,
  webWorkerStrategy,
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
  childProcessForkStrategy,
  hybridStrategy,
];
