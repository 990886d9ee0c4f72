// Every strategy over Node's APIs, one file each (`sequential` and `async` are core's, portable); Node offers
// them all, Bun and Deno beside their own.
import { mainThreadStrategies, type Strategy } from '@paralab/core';
import { hybridStrategy } from './hybrid.js';
import { piscinaStrategy } from './piscina.js';
import { processStrategy } from './process.js';
import { processColdStrategy } from './process-cold.js';
import { serveClusterStrategy } from './serve-cluster.js';
import { serveLoopStrategy } from './serve-loop.js';
import { serveOffloadStrategy } from './serve-offload.js';
import { serveReusePortStrategy } from './serve-reuseport.js';
import { sharedStrategy } from './shared.js';
import { tinypoolStrategy } from './tinypool.js';
import { transferStrategy } from './transfer.js';
import { workerStrategy } from './worker.js';
import { workerPipelinedStrategy } from './worker-pipelined.js';
import { workerpoolStrategy } from './workerpool.js';

/**
 * Every strategy the Node runner offers: main thread, threads, pools, data movement, processes, hybrid,
 * and the serving strategies (HTTP servers under the load generator's load).
 */
export const nodeStrategies: readonly Strategy[] = [
  ...mainThreadStrategies,
  workerStrategy,
  workerPipelinedStrategy,
  piscinaStrategy,
  workerpoolStrategy,
  tinypoolStrategy,
  transferStrategy,
  sharedStrategy,
  processStrategy,
  processColdStrategy,
  hybridStrategy,
  serveLoopStrategy,
  serveClusterStrategy,
  serveOffloadStrategy,
  serveReusePortStrategy,
];
