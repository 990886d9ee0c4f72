import {
  CancelToken,
  firstLine,
  ParalabError,
  runPoolBatch,
  type Strategy,
  type StrategyInstance,
  toError,
} from '@paralab/core';
import { Tinypool, type TinypoolWorker } from 'tinypool';
import type { WorkerSetup } from '../protocol.js';

const TASK_MODULE = new URL('../entry/tinypool-task.js', import.meta.url).href;

/**
 * A tinypool pool of exactly N threads (minThreads = maxThreads = N), threads reused across tasks
 * (`isolateWorkers: false`), kept warm across samples, with one task in flight per thread.
 *
 * tinypool does not notice a thread that exits without an error (its task would wait forever, and
 * `destroy()` would wait for an exit that already happened), so this strategy watches the threads' exits
 * itself: an exit fails the running batch and every later one, and `close()` does not wait for it again.
 */
export const tinypoolStrategy: Strategy = {
  name: 'tinypool',
  description:
    'a tinypool pool of exactly N threads (min = max, threads reused), one task in flight per thread',
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const pool = new Tinypool({
      filename: TASK_MODULE,
      name: 'run',
      minThreads: concurrency,
      maxThreads: concurrency,
      isolateWorkers: false,
      workerData: { ref } satisfies WorkerSetup,
    });
    const threads = watchThreads(pool);
    try {
      await Promise.all(Array.from({ length: concurrency }, () => pool.run(null, { name: 'ready' })));
    } catch (thrown) {
      await threads.close();
      const reason = firstLine(toError(thrown).message);
      throw new ParalabError('ERR_WORKER', `tinypool could not start: ${reason}`);
    }
    return {
      options: {
        library: 'tinypool',
        version: Tinypool.version,
        isolateWorkers: false,
        useAtomics: true,
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      runBatch(inputs, cancel) {
        threads.track();
        return runPoolBatch(
          inputs,
          concurrency,
          [cancel, threads.broken],
          (input) => pool.run(input),
          (i, error) => new ParalabError('ERR_TASK', `task ${i} threw: ${firstLine(error.message)}`),
        );
      },
      close: () => threads.close(),
    };
  },
};

/** Watches a pool's threads: `broken` is cancelled when one exits or errors outside `close()`. */
function watchThreads(pool: Tinypool) {
  const broken = new CancelToken();
  const exits = new Map<TinypoolWorker, Promise<void>>();
  let closing = false;
  const track = (): void => {
    for (const thread of pool.threads) {
      if (exits.has(thread)) continue;
      const exited = new Promise<void>((resolve) =>
        thread.once('exit', (code: number) => {
          if (!closing) broken.cancel(new ParalabError('ERR_WORKER', `worker exited with code ${code}`));
          resolve();
        }),
      );
      exits.set(thread, exited);
    }
  };
  // Without a listener, an 'error' event on the pool (a thread failing between tasks) would be thrown.
  pool.on('error', (error: Error) => {
    if (!closing) broken.cancel(new ParalabError('ERR_WORKER', `worker crashed: ${error.message}`));
  });
  track();
  return {
    broken,
    track,
    async close(): Promise<void> {
      closing = true;
      track();
      // The threads are terminated here first. tinypool's destroy() waits for each thread's 'exit' with
      // events.once on its thread wrappers, which throws on the main thread if a thread emits 'error'
      // meanwhile (the wrappers have no removeListener), and waits forever for a thread that had exited
      // before. destroy() still runs for its bookkeeping (it rejects tasks left in the pool); the threads'
      // own exits end the wait.
      await Promise.all(pool.threads.map((thread) => thread.terminate()));
      await Promise.race([pool.destroy(), Promise.all(exits.values())]);
    },
  };
}
