import {
  libraryError,
  ParalabError,
  type PeerSetup,
  runPoolBatch,
  type Strategy,
  type StrategyInstance,
} from '@paralab/core';
import { Piscina, version as VERSION } from 'piscina';

const TASK_MODULE = new URL('../entry/piscina-task.js', import.meta.url).href;

/**
 * A piscina pool of exactly N threads (minThreads = maxThreads = N, so its default sizing never differs
 * from the other strategies), kept warm across samples, with one task in flight per thread.
 */
export const piscinaStrategy: Strategy = {
  name: 'piscina',
  family: 'threads',
  description: 'a piscina pool of exactly N threads (min = max), one task in flight per thread',
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const pool = new Piscina({
      filename: TASK_MODULE,
      name: 'run',
      minThreads: concurrency,
      maxThreads: concurrency,
      concurrentTasksPerWorker: 1,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: { ref } satisfies PeerSetup,
    });
    // A failing task rejects its own run(); what piscina emits as 'error' besides (an answer that arrives
    // after destroy()) must not be thrown on the main thread and end the whole run.
    pool.on('error', () => {});
    const options = {
      library: 'piscina',
      version: VERSION,
      primitive: 'worker_threads',
      inFlight: 'one-per-worker',
      serialization: 'structured-clone',
      atomics: 'sync',
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, () => pool.run(null, { name: 'ready' })));
    } catch (error) {
      await pool.destroy();
      throw new ParalabError('ERR_WORKER', `piscina could not start: ${(error as Error).message}`);
    }
    return {
      options,
      // Exactly N tasks submitted at a time: the same in-flight policy as the raw worker strategy.
      runBatch: (inputs, cancel) =>
        runPoolBatch(
          inputs,
          concurrency,
          [cancel],
          (input) => pool.run(input),
          (i, error) => libraryError(i, error, 'piscina'),
        ),
      async close() {
        await pool.destroy();
      },
    };
  },
};
