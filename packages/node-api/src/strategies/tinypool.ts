import {
  CancelToken,
  firstLine,
  libraryError,
  ParalabError,
  type PeerSetup,
  runPoolBatch,
  type Strategy,
  type StrategyInstance,
  setTimer,
  toError,
} from '@paralab/core';
import { Tinypool, type TinypoolWorker } from 'tinypool';

const TASK_MODULE = new URL('../entry/tinypool-task.js', import.meta.url).href;

/** What makes one tinypool strategy. */
export interface TinypoolStrategyOptions {
  readonly name: string;
  readonly description: string;
  /** tinypool's `useAtomics` (default true, tinypool's own default): idle threads wait in `Atomics.wait`. */
  readonly useAtomics?: boolean;
  /** How long the pool may take to answer `ready` from every thread, ms (default: the cell's watchdog only). */
  readonly startTimeoutMs?: number;
  /**
   * For a runtime where start-up is known to hang: a start-up past `startTimeoutMs` is then `unsupported`
   * with this reason (and later cells of this process are told so at once) instead of an error.
   */
  readonly hangReason?: string;
}

/**
 * A tinypool pool of exactly N threads (minThreads = maxThreads = N), threads reused across tasks
 * (`isolateWorkers: false`), kept warm across samples, with one task in flight per thread.
 *
 * tinypool does not notice a thread that exits without an error (its task would wait forever, and
 * `destroy()` would wait for an exit that already happened), so this strategy watches the threads' exits
 * itself: an exit fails the running batch and every later one, and `close()` does not wait for it again.
 */
export const tinypoolStrategy: Strategy = tinypoolStrategyOf({
  name: 'tinypool',
  description:
    'a tinypool pool of exactly N threads (min = max, threads reused), one task in flight per thread',
});

/** A tinypool strategy with these options (Deno measures tinypool with and without its atomics). */
export function tinypoolStrategyOf(options: TinypoolStrategyOptions): Strategy {
  const useAtomics = options.useAtomics ?? true;
  let hung: string | undefined;
  return {
    name: options.name,
    family: 'threads',
    description: options.description,
    async create({ ref, concurrency }): Promise<StrategyInstance> {
      if (hung) throw new ParalabError('ERR_UNSUPPORTED', hung);
      const pool = new Tinypool({
        filename: TASK_MODULE,
        name: 'run',
        minThreads: concurrency,
        maxThreads: concurrency,
        isolateWorkers: false,
        useAtomics,
        workerData: { ref } satisfies PeerSetup,
      });
      const threads = watchThreads(pool);
      try {
        await ready(pool, concurrency, options);
      } catch (thrown) {
        await threads.close();
        if (thrown instanceof ParalabError && thrown.code === 'ERR_UNSUPPORTED')
          hung = `${thrown.message.replace(/\)$/, '')} earlier in this process; not retried)`;
        if (thrown instanceof ParalabError) throw thrown;
        const reason = firstLine(toError(thrown).message);
        throw new ParalabError('ERR_WORKER', `tinypool could not start: ${reason}`);
      }
      return {
        options: {
          library: 'tinypool',
          version: Tinypool.version,
          primitive: 'worker_threads',
          isolateWorkers: false,
          useAtomics,
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
            (i, error) => libraryError(i, error, 'tinypool'),
          );
        },
        close: () => threads.close(),
      };
    },
  };
}

/**
 * Resolves once every thread has answered `ready`; past `startTimeoutMs` rejects with `ERR_UNSUPPORTED`
 * (a known hang, `hangReason`) or `ERR_TIMEOUT`. The caller terminates the threads on failure.
 */
async function ready(pool: Tinypool, size: number, options: TinypoolStrategyOptions): Promise<void> {
  const answered = Promise.all(Array.from({ length: size }, () => pool.run(null, { name: 'ready' })));
  const limit = options.startTimeoutMs;
  if (limit === undefined) {
    await answered;
    return;
  }
  answered.catch(() => {}); // rejected by the termination after the watchdog: nobody listens then
  let cancel = (): void => {};
  const late = new Promise<'late'>((resolve) => {
    cancel = setTimer(() => resolve('late'), limit);
  });
  try {
    if ((await Promise.race([answered, late])) !== 'late') return;
  } finally {
    cancel();
  }
  const watchdog = `start-up watchdog: no answer in ${limit} ms`;
  if (!options.hangReason) throw new ParalabError('ERR_TIMEOUT', `tinypool could not start (${watchdog})`);
  throw new ParalabError('ERR_UNSUPPORTED', `${options.hangReason} (${watchdog})`);
}

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
