import { asyncStrategy, type Strategy, sequential } from '@paralab/core';
import { hybridStrategy } from './hybrid.js';
import { piscinaStrategy } from './piscina.js';
import { processStrategy } from './process.js';
import { processColdStrategy } from './process-cold.js';
import { sharedStrategy } from './shared.js';
import { tinypoolStrategy } from './tinypool.js';
import { transferStrategy } from './transfer.js';
import { workerStrategy } from './worker.js';
import { workerPipelinedStrategy } from './worker-pipelined.js';
import { workerpoolStrategy } from './workerpool.js';

/** Every strategy the Node runner offers: main thread, threads, pools, data movement, processes, hybrid. */
export const nodeStrategies: readonly Strategy[] = [
  sequential,
  asyncStrategy,
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
];
