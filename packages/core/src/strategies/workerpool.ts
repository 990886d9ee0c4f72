// workerpool, in any of its modes and runtimes (Node threads, Bun's Web Workers, a page's module workers),
// as one strategy: each runtime brings only how to create its pool. Start-up has a watchdog (workerpool's
// Node modes hang under Bun and would never answer), errors come out in one line, and a worker that
// ends between tasks fails the batch instead of leaving a task waiting for the watchdog.
import { runPoolBatch } from '../batch.js';
import { CancelToken } from '../cancel.js';
import { describeThrown, ParalabError } from '../errors.js';
import { within } from '../platform.js';
import type { Strategy, StrategyInstance, StrategyOptions, WorkloadRef } from '../strategy.js';
import { libraryError, lostInLibrary } from './library-error.js';

/**
 * The part of a workerpool `Pool` this strategy uses (core does not import workerpool itself). `exec` and
 * `terminate` return workerpool's own promises, which are thenables but not typed as `PromiseLike`.
 */
export interface WorkerpoolLike {
  exec(method: string, args: unknown[]): unknown;
  terminate(force?: boolean): unknown;
  stats(): { totalWorkers: number };
}

/** A workerpool promise as a real one. */
const settled = (thenable: unknown): Promise<unknown> => Promise.resolve(thenable as PromiseLike<unknown>);

/** What makes one workerpool strategy. */
export interface WorkerpoolStrategyOptions {
  readonly name: string;
  readonly description: string;
  /** Creates a pool of exactly `size` workers (minWorkers = maxWorkers) that load `ref` and register `run`/`ready`. */
  createPool(
    ref: WorkloadRef,
    size: number,
  ): { pool: WorkerpoolLike; release?: () => void; watch?: () => CancelToken };
  /** Recorded with each cell: library, version, workerType ... */
  readonly options: StrategyOptions;
  /** How long the pool may take to be ready, ms (default 5000: ready pools answer in well under one). */
  readonly startTimeoutMs?: number;
  /**
   * For a mode known to hang in this runtime: a start-up past the watchdog is then `unsupported` with this
   * reason (and later cells are told so at once) instead of an error.
   */
  readonly hangReason?: string;
}

/** workerpool's start-up watchdog by default, ms. */
export const WORKERPOOL_START_TIMEOUT_MS = 5_000;

/**
 * A workerpool pool of exactly N workers, kept warm across samples, with one task in flight per worker
 * (the raw `worker` strategy's policy).
 */
export function workerpoolStrategy(options: WorkerpoolStrategyOptions): Strategy {
  const startTimeoutMs = options.startTimeoutMs ?? WORKERPOOL_START_TIMEOUT_MS;
  let hung: string | undefined;
  return {
    name: options.name,
    description: options.description,
    family: 'threads',
    async create({ ref, concurrency }): Promise<StrategyInstance> {
      if (hung) throw new ParalabError('ERR_UNSUPPORTED', hung);
      const { pool, release, watch } = options.createPool(ref, concurrency);
      const close = async (): Promise<void> => {
        await terminateWorkerpool(pool);
        release?.();
      };
      try {
        await readyWorkerpool(pool, concurrency, { startTimeoutMs, hangReason: options.hangReason });
      } catch (thrown) {
        await close();
        if (thrown instanceof ParalabError && thrown.code === 'ERR_UNSUPPORTED')
          hung = `${thrown.message.replace(/\)$/, '')} earlier in this process; not retried)`;
        throw thrown;
      }
      const broken = watch?.() ?? new CancelToken();
      return {
        options: {
          ...options.options,
          ...primitiveOf(options.options.workerType),
          inFlight: 'one-per-worker',
        },
        runBatch: (inputs, cancel) =>
          runPoolBatch(
            inputs,
            concurrency,
            [cancel, broken],
            (input) => settled(pool.exec('run', [input])),
            (i, error) => describeWorkerpoolError(error, i),
          ),
        close,
      };
    },
  };
}

/**
 * Resolves once each of a new pool's `size` workers has loaded the workload and answered `ready`; rejects
 * with a one-line error (its first worker's failure, or the watchdog: `unsupported` with `hangReason` when
 * the mode is known to hang here). The caller terminates the pool on failure.
 */
export async function readyWorkerpool(
  pool: WorkerpoolLike,
  size: number,
  options: { startTimeoutMs?: number; hangReason?: string } = {},
): Promise<void> {
  const startTimeoutMs = options.startTimeoutMs ?? WORKERPOOL_START_TIMEOUT_MS;
  try {
    const ready = Promise.all(Array.from({ length: size }, () => settled(pool.exec('ready', []))));
    ready.catch(() => {}); // terminating after the watchdog rejects it: nobody listens then
    if ((await within(ready, startTimeoutMs)) !== 'late') return;
  } catch (thrown) {
    throw new ParalabError(
      'ERR_WORKER',
      `workerpool could not start: ${describeWorkerpoolError(thrown).message}`,
    );
  }
  const watchdog = `start-up watchdog: no answer in ${startTimeoutMs} ms`;
  if (!options.hangReason) throw new ParalabError('ERR_TIMEOUT', `workerpool could not start (${watchdog})`);
  throw new ParalabError('ERR_UNSUPPORTED', `${options.hangReason} (${watchdog})`);
}

/**
 * Terminates every worker at once (`terminate(true)`: stuck tasks are not waited for). workerpool replaces
 * a crashed worker to keep `minWorkers`, and the replacement can appear after `terminate` took its list,
 * so terminate until none is left.
 */
export async function terminateWorkerpool(pool: WorkerpoolLike): Promise<void> {
  for (let round = 0; round < 5 && pool.stats().totalWorkers > 0; round++)
    await settled(pool.terminate(true));
}

/**
 * workerpool's errors in one line: a task that threw keeps its message; a worker that ended (its
 * multi-line `TerminateError`) says so, with its exit code when workerpool gives one.
 */
export function describeWorkerpoolError(thrown: unknown, task?: number): ParalabError {
  const running = task === undefined ? '' : ` running task ${task}`;
  const message = describeThrown(thrown);
  const text = thrown instanceof Error ? thrown.message : message;
  const exitCode = /exitCode: `(-?\d+)`/.exec(text)?.[1];
  if (exitCode !== undefined)
    return new ParalabError('ERR_WORKER', `worker exited with code ${exitCode}${running}`);
  if (thrown instanceof Error && thrown.name === 'TerminateError')
    return new ParalabError('ERR_WORKER', `worker crashed${running}: ${message}`);
  if (task !== undefined && thrown instanceof Error && lostInLibrary(thrown.message))
    return libraryError(task, thrown, 'workerpool');
  return new ParalabError('ERR_TASK', task === undefined ? message : `task ${task} threw: ${message}`);
}

/** The calibrated primitive a workerpool of this `workerType` runs on, recorded for the cost model. */
function primitiveOf(workerType: unknown): { primitive?: string } {
  const primitive = { thread: 'worker_threads', web: 'web-worker', process: 'child_process' }[
    String(workerType)
  ];
  return primitive ? { primitive } : {};
}
