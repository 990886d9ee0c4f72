import {
  ParalabError,
  readyWorkerpool,
  runSplitBatch,
  type Strategy,
  type StrategyInstance,
  terminateWorkerpool,
} from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import { pageSetup } from '../setup.js';
import { pageWorkerpool } from './workerpool.js';

const unsupported = 'hybrid needs a workload split into io and cpu phases (workload.split)';

/**
 * Each part of a mixed task where it runs best in a page: the I/O phase (`fetch`) on the main thread, up to
 * N in flight, and the CPU phase in a workerpool pool of module Web Workers sized to the cores
 * (`navigator.hardwareConcurrency`, min = max). A task's CPU phase is submitted the moment its fetch
 * ends, while the other fetches go on; the pool queues CPU phases while all its workers are busy.
 */
export const hybridStrategy: Strategy = {
  ...describeStrategy('hybrid'),
  supports: (workload) => (workload.split ? true : unsupported),
  async create({ workload, ref, concurrency }): Promise<StrategyInstance> {
    const split = workload.split;
    if (!split) throw new ParalabError('ERR_OPTION', unsupported);
    const poolSize = Math.max(1, navigator.hardwareConcurrency || 1);
    const pool = pageWorkerpool(ref, poolSize);
    try {
      await readyWorkerpool(pool, poolSize);
    } catch (thrown) {
      await terminateWorkerpool(pool);
      throw thrown;
    }
    return {
      options: {
        library: 'workerpool',
        version: pageSetup().libraries.workerpool,
        primitive: 'web-worker',
        ioInFlight: concurrency,
        poolSize,
        inFlight: 'io-on-main+cpu-in-pool',
        serialization: 'structured-clone',
      },
      runBatch: (inputs, cancel) =>
        runSplitBatch(inputs, concurrency, [cancel], split, (intermediate) =>
          Promise.resolve(pool.exec('cpu', [intermediate])),
        ),
      close: () => terminateWorkerpool(pool),
    };
  },
};
