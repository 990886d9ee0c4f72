import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  firstLine,
  ParalabError,
  runPoolBatch,
  type Strategy,
  type StrategyInstance,
  toError,
} from '@paralab/core';
import { pool as createPool, type Pool, TerminateError } from 'workerpool';
import type { WorkerSetup } from '../protocol.js';

const SCRIPT = fileURLToPath(new URL('../entry/workerpool-worker.js', import.meta.url));
const VERSION = (createRequire(import.meta.url)('workerpool/package.json') as { version: string }).version;

/**
 * A workerpool pool in thread mode (`workerType: 'thread'`) of exactly N threads (minWorkers = maxWorkers
 * = N), kept warm across samples, with one task in flight per thread. Each thread runs paralab's worker
 * script, which loads the workload once and registers `run` with `workerpool.worker()`.
 */
export const workerpoolStrategy: Strategy = {
  name: 'workerpool',
  description:
    'a workerpool pool of exactly N threads (thread mode, min = max), one task in flight per thread',
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const pool = createPool(SCRIPT, {
      workerType: 'thread',
      minWorkers: concurrency,
      maxWorkers: concurrency,
      workerThreadOpts: { workerData: { ref } satisfies WorkerSetup },
    });
    try {
      // One call per thread: each waits for a thread that has loaded the workload and said it is ready.
      await Promise.all(Array.from({ length: concurrency }, () => pool.exec('ready', [])));
    } catch (thrown) {
      await terminateWorkerpool(pool);
      const reason = describeWorkerpoolError(toError(thrown)).message;
      throw new ParalabError('ERR_WORKER', `workerpool could not start: ${reason}`);
    }
    return {
      options: {
        library: 'workerpool',
        version: VERSION,
        workerType: 'thread',
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

/**
 * Terminates every thread at once (`terminate(true)`: stuck tasks are not waited for). workerpool replaces
 * a crashed thread to keep `minWorkers`, and the replacement can appear after `terminate` took its list of
 * threads, so terminate until none is left.
 */
export async function terminateWorkerpool(pool: Pool): Promise<void> {
  for (let round = 0; round < 5 && pool.stats().totalWorkers > 0; round++) await pool.terminate(true);
}

/**
 * workerpool's errors in one line: a task that threw keeps its message; a thread that ended (its
 * multi-line `TerminateError`) says so with its exit code.
 */
export function describeWorkerpoolError(error: Error, task?: number): ParalabError {
  const running = task === undefined ? '' : ` running task ${task}`;
  const exitCode = /exitCode: `(-?\d+)`/.exec(error.message)?.[1];
  if (exitCode !== undefined)
    return new ParalabError('ERR_WORKER', `worker exited with code ${exitCode}${running}`);
  if (error instanceof TerminateError)
    return new ParalabError('ERR_WORKER', `worker crashed${running}: ${firstLine(error.message)}`);
  const message = firstLine(error.message);
  return new ParalabError('ERR_TASK', task === undefined ? message : `task ${task} threw: ${message}`);
}
