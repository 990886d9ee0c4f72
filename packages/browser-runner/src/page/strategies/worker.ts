import { poolStrategy, type Strategy } from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import { pageWorkerLauncher } from '../launchers/web-worker.js';

/** N module Web Workers, one task in flight per worker (the next as soon as it answers). */
export const workerStrategy: Strategy = poolStrategy({
  ...describeStrategy('worker'),
  launcher: pageWorkerLauncher,
});

/** The same workers with every task of the batch posted at once, round-robin. */
export const workerPipelinedStrategy: Strategy = poolStrategy({
  ...describeStrategy('worker-pipelined'),
  launcher: pageWorkerLauncher,
  inFlight: 'pipelined',
});
