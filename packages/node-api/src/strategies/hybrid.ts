import { availableParallelism } from 'node:os';
import {
  CancelToken,
  ParalabError,
  type PeerSetup,
  runSplitBatch,
  type Strategy,
  type StrategyInstance,
  toError,
} from '@paralab/core';
import { Piscina, version as VERSION } from 'piscina';

const TASK_MODULE = new URL('../entry/piscina-task.js', import.meta.url).href;

const unsupported = 'hybrid needs a workload split into io and cpu phases (workload.split)';

/**
 * Each part of a mixed task where it runs best: the I/O phase on the main thread's event loop (up to N
 * in flight), the CPU phase in a piscina pool sized to the cores (min = max = `availableParallelism()`).
 * A task's CPU phase is submitted the moment its I/O phase ends, while the other fetches go on; the pool
 * queues CPU phases when all its threads are busy. Only for workloads with `workload.split`.
 */
export const hybridStrategy: Strategy = {
  name: 'hybrid',
  family: 'hybrid',
  description: 'I/O phases on the event loop (N in flight), CPU phases in a piscina pool sized to the cores',
  supports: (workload) => (workload.split ? true : unsupported),
  async create({ workload, ref, concurrency }): Promise<StrategyInstance> {
    const split = workload.split;
    if (!split) throw new ParalabError('ERR_OPTION', unsupported);
    const poolSize = availableParallelism();
    const pool = new Piscina({
      filename: TASK_MODULE,
      name: 'cpu',
      minThreads: poolSize,
      maxThreads: poolSize,
      concurrentTasksPerWorker: 1,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: { ref } satisfies PeerSetup,
    });
    // piscina emits 'error' for a thread that fails between tasks, or an answer that arrives after
    // destroy(); without a listener it would be thrown. It fails the running batch, and is ignored once
    // the pool is closing.
    const broken = new CancelToken();
    let closing = false;
    pool.on('error', (error: Error) => {
      if (!closing) broken.cancel(new ParalabError('ERR_WORKER', `piscina: ${error.message}`));
    });
    try {
      await Promise.all(Array.from({ length: poolSize }, () => pool.run(null, { name: 'ready' })));
    } catch (thrown) {
      await pool.destroy();
      throw new ParalabError('ERR_WORKER', `piscina could not start: ${toError(thrown).message}`);
    }
    return {
      options: {
        library: 'piscina',
        version: VERSION,
        primitive: 'worker_threads',
        ioInFlight: concurrency,
        poolSize,
        inFlight: 'io-on-main+cpu-in-pool',
        serialization: 'structured-clone',
      },
      runBatch: (inputs, cancel) =>
        runSplitBatch(inputs, concurrency, [cancel, broken], split, (intermediate) => pool.run(intermediate)),
      async close() {
        closing = true;
        await pool.destroy();
      },
    };
  },
};
