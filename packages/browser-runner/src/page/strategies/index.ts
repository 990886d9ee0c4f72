import { asyncStrategy, type Strategy, sequential } from '@paralab/core';
import { hybridStrategy } from './hybrid.js';
import { processStrategy } from './process.js';
import { sharedStrategy } from './shared.js';
import { transferStrategy } from './transfer.js';
import { workerPipelinedStrategy, workerStrategy } from './worker.js';
import { workerpoolStrategy } from './workerpool.js';

/** Every strategy the page runs, by the names of the runner's catalog (`browserStrategyCatalog`). */
export const browserStrategies: readonly Strategy[] = Object.freeze([
  sequential,
  asyncStrategy,
  workerStrategy,
  workerPipelinedStrategy,
  workerpoolStrategy,
  transferStrategy,
  sharedStrategy,
  hybridStrategy,
  processStrategy,
]);
