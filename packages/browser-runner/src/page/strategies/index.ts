// Every strategy the page runs, one file each, by the names of the runner's catalog (`catalog.ts`).
import { mainThreadStrategies, type Strategy } from '@paralab/core';
import { hybridStrategy } from './hybrid.js';
import { processStrategy } from './process.js';
import { sharedStrategy } from './shared.js';
import { transferStrategy } from './transfer.js';
import { workerPipelinedStrategy, workerStrategy } from './worker.js';
import { workerpoolStrategy } from './workerpool.js';

/** Every strategy of the page. */
export const browserStrategies: readonly Strategy[] = Object.freeze([
  ...mainThreadStrategies,
  workerStrategy,
  workerPipelinedStrategy,
  workerpoolStrategy,
  transferStrategy,
  sharedStrategy,
  hybridStrategy,
  processStrategy,
]);
