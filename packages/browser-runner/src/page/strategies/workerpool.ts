import { runPoolBatch, type Strategy, type StrategyInstance } from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import {
  describeWorkerpoolError,
  startWorkerpool,
  terminateWorkerpool,
  workerpoolVersion,
} from './_workerpool.js';

/**
 * workerpool's browser build in web mode: a pool of exactly N module Web Workers (minWorkers = maxWorkers
 * = N), kept warm across samples, one task in flight per worker (the same policy as `worker`).
 */
export const workerpoolStrategy: Strategy = {
  ...describeStrategy('workerpool'),
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const pool = await startWorkerpool(ref, concurrency);
    return {
      options: {
        library: 'workerpool',
        version: workerpoolVersion(),
        workerType: 'web',
        workerOpts: 'module',
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      runBatch: (inputs, cancel) =>
        runPoolBatch(
          inputs,
          concurrency,
          [cancel],
          (input) => pool.exec('run', [input]),
          (i, error) => describeWorkerpoolError(error, i),
        ),
      close: () => terminateWorkerpool(pool),
    };
  },
};
