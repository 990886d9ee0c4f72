// workerpool's browser build in web mode, as the `workerpool` and `hybrid` strategies use it: a pool of
// exactly N module Web Workers that load one workload, and its errors in one line.
import { firstLine, ParalabError, toError, type WorkloadRef } from '@paralab/core';
import { pool as createPool, type Pool } from 'workerpool';
import { WORKERPOOL_QUERY } from '../../protocol.js';
import { moduleUrl, pageSetup } from '../setup.js';

/** The version of the bundled workerpool, as the runner read it from its package.json. */
export const workerpoolVersion = (): string => pageSetup().libraries.workerpool;

/**
 * Starts a workerpool pool of exactly `size` module Web Workers (minWorkers = maxWorkers) running paralab's
 * workerpool script, and resolves once every worker has loaded the workload. The workload's module and id
 * travel in the script's query string: a Web Worker has no `workerData`, and workerpool passes only
 * `workerOpts` to `new Worker`.
 */
export async function startWorkerpool(ref: WorkloadRef, size: number): Promise<Pool> {
  const script = new URL(pageSetup().assets.workerpoolWorker, location.href);
  script.searchParams.set(WORKERPOOL_QUERY.url, moduleUrl(ref.module));
  script.searchParams.set(WORKERPOOL_QUERY.id, ref.id);
  const pool = createPool(script.href, {
    workerType: 'web',
    workerOpts: { type: 'module' },
    minWorkers: size,
    maxWorkers: size,
  });
  try {
    // One call per worker: each waits for a worker that has loaded the workload and said it is ready.
    await Promise.all(Array.from({ length: size }, () => pool.exec('ready', [])));
    return pool;
  } catch (thrown) {
    await terminateWorkerpool(pool);
    throw new ParalabError(
      'ERR_WORKER',
      `workerpool could not start: ${describeWorkerpoolError(toError(thrown)).message}`,
    );
  }
}

/** Terminates every worker at once (`terminate(true)`: running tasks are not waited for). */
export async function terminateWorkerpool(pool: Pool): Promise<void> {
  await pool.terminate(true);
}

/** workerpool's errors in one line: a task that threw keeps its message; a worker that died says so. */
export function describeWorkerpoolError(error: Error, task?: number): ParalabError {
  const message = firstLine(error.message);
  if (/terminated|worker.*(?:crash|exit|error)/i.test(message) && !/threw/.test(message)) {
    const running = task === undefined ? '' : ` running task ${task}`;
    return new ParalabError('ERR_WORKER', `worker failed${running}: ${message}`);
  }
  return new ParalabError('ERR_TASK', task === undefined ? message : `task ${task} threw: ${message}`);
}
