// workerpool under Bun, in each of its worker types. Its thread and process modes hang at start-up under
// Bun 1.4 (workerpool's worker side sees `self`, `postMessage` and `addEventListener`, which Bun defines
// globally, takes its browser branch and never answers the pool): a start-up watchdog turns that into an
// `unsupported` cell that says why, instead of a run that never ends.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  CancelToken,
  ParalabError,
  type Strategy,
  type StrategyInstance,
  type StrategyOptions,
  toError,
  type WorkloadRef,
} from '@paralab/core';
import { describeWorkerpoolError, runPoolBatch, terminateWorkerpool } from '@paralab/node-runner';
import { pool as createPool, type Pool, type WorkerPoolOptions } from 'workerpool';
import { WORKERPOOL_REF_ENV, type WorkerSetup } from '../_protocol.js';

const SCRIPT = new URL('../entry/workerpool-worker.js', import.meta.url);
const VERSION = (createRequire(import.meta.url)('workerpool/package.json') as { version: string }).version;

/** How long a workerpool pool may take to have every worker ready before the watchdog stops it, ms. */
export const WORKERPOOL_START_TIMEOUT_MS = 5_000;

/** Why workerpool's Node modes cannot run under Bun 1.4, as a cell's reason. */
export function bunHangReason(mode: 'thread' | 'process'): string {
  return `workerpool ${VERSION.split('.')[0]} hangs under Bun in ${mode} mode (it takes its browser branch: Bun defines self and postMessage globally); see workerpool-web`;
}

/** A workerpool worker type: `thread` (worker_threads), `process` (child_process.fork), `web` (Web Worker). */
export type WorkerpoolType = 'thread' | 'process' | 'web';

/** How to make one workerpool strategy. */
export interface WorkerpoolStrategyOptions {
  readonly name: string;
  readonly description: string;
  readonly workerType: WorkerpoolType;
  /** Start-up watchdog, ms (default `WORKERPOOL_START_TIMEOUT_MS`). */
  readonly startTimeoutMs?: number;
  /**
   * Set for a mode known to hang under Bun: a start-up that outlives the watchdog is then `unsupported`
   * with this reason (and later cells in this process are told so at once); otherwise it is an error.
   */
  readonly hangReason?: string;
}

/**
 * A workerpool pool of exactly N workers (minWorkers = maxWorkers = N) of one worker type, kept warm
 * across samples, with one task in flight per worker; each worker runs paralab's worker script, which loads
 * the workload once and registers `run` with `workerpool.worker()`.
 */
export function workerpoolStrategy(options: WorkerpoolStrategyOptions): Strategy {
  const { workerType, hangReason } = options;
  const startTimeoutMs = options.startTimeoutMs ?? WORKERPOOL_START_TIMEOUT_MS;
  // Set once a start-up has hung in this process: trying again would only hang again.
  let hung: string | undefined;
  return {
    name: options.name,
    description: options.description,
    async create({ ref, concurrency }): Promise<StrategyInstance> {
      if (hung) throw new ParalabError('ERR_UNSUPPORTED', hung);
      const { pool, revoke } = createWorkerpool(ref, workerType, concurrency);
      const close = async (): Promise<void> => {
        await terminateWorkerpool(pool);
        revoke();
      };
      try {
        // One call per worker: each waits for a worker that has loaded the workload and said it is ready.
        const ready = Promise.all(Array.from({ length: concurrency }, () => pool.exec('ready', [])));
        ready.catch(() => {}); // after the watchdog, terminating the pool rejects it: nobody listens then
        if ((await withinMs(ready, startTimeoutMs)) === 'late') {
          const watchdog = `start-up watchdog: no answer in ${startTimeoutMs} ms`;
          if (!hangReason) throw new ParalabError('ERR_TIMEOUT', `workerpool could not start (${watchdog})`);
          hung = `${hangReason} (${watchdog} earlier in this process; not retried)`;
          throw new ParalabError('ERR_UNSUPPORTED', `${hangReason} (${watchdog})`);
        }
      } catch (thrown) {
        await close();
        const error = toError(thrown);
        if (error instanceof ParalabError) throw error;
        throw new ParalabError(
          'ERR_WORKER',
          `workerpool could not start: ${describeWorkerpoolError(error).message}`,
        );
      }
      const closes = watchCloses(pool);
      return {
        options: instanceOptions(workerType),
        runBatch(inputs, cancel) {
          closes.track();
          return runPoolBatch(
            inputs,
            concurrency,
            [cancel, closes.broken],
            (input) => pool.exec('run', [input]),
            (i, error) => describeWorkerpoolError(error, i),
          );
        },
        async close() {
          closes.stop();
          await close();
        },
      };
    },
  };
}

/** The pool, and how to release what was made for it (web mode's bootstrap URL). */
function createWorkerpool(
  ref: WorkloadRef,
  workerType: WorkerpoolType,
  size: number,
): { pool: Pool; revoke: () => void } {
  const sizing: WorkerPoolOptions = { workerType, minWorkers: size, maxWorkers: size };
  if (workerType === 'thread') {
    const workerData: WorkerSetup = { ref };
    return {
      pool: createPool(fileURLToPath(SCRIPT), { ...sizing, workerThreadOpts: { workerData } }),
      revoke,
    };
  }
  if (workerType === 'process') {
    const env = { ...process.env, [WORKERPOOL_REF_ENV]: JSON.stringify(ref) };
    return { pool: createPool(fileURLToPath(SCRIPT), { ...sizing, forkOpts: { env } }), revoke };
  }
  // A Web Worker has no workerData and workerpool passes only `type`, `name` and `credentials` on (Bun
  // ignores `name`): a one-line module that imports the script and hands it the reference is the worker.
  const bootstrap = `import { serveWorkerpool } from ${JSON.stringify(SCRIPT.href)};\nawait serveWorkerpool(${JSON.stringify(ref)});\n`;
  const url = URL.createObjectURL(new Blob([bootstrap], { type: 'text/javascript' }));
  const pool = createPool(url, { ...sizing, workerOpts: { type: 'module' } });
  return { pool, revoke: () => URL.revokeObjectURL(url) };
}

function revoke(): void {}

function instanceOptions(workerType: WorkerpoolType): StrategyOptions {
  return {
    library: 'workerpool',
    version: VERSION,
    workerType,
    inFlight: 'one-per-worker',
    serialization: workerType === 'process' ? 'json' : 'structured-clone',
  };
}

/**
 * Watches a web-mode pool's Web Workers for `close` (workerpool listens for `exit`, which a Web Worker never
 * emits, and would wait for the task of a worker that ended until the watchdog): `broken` is cancelled when
 * one closes before `stop()`. Thread and process workers emit `exit`, which workerpool handles itself.
 */
function watchCloses(pool: Pool): { broken: CancelToken; track(): void; stop(): void } {
  const broken = new CancelToken();
  const watched = new WeakSet<object>();
  let stopped = false;
  // `workers` (each handler's `worker`) is workerpool's internal list; it is not in its types.
  const handlers = (): readonly { worker?: unknown }[] =>
    (pool as unknown as { workers?: { worker?: unknown }[] }).workers ?? [];
  const track = (): void => {
    for (const { worker } of handlers()) {
      if (!(worker instanceof Worker) || watched.has(worker)) continue;
      watched.add(worker);
      worker.addEventListener('close', (event) => {
        const code = (event as Event & { code?: number }).code;
        if (!stopped)
          broken.cancel(new ParalabError('ERR_WORKER', `worker exited with code ${code ?? 'unknown'}`));
      });
    }
  };
  track();
  return {
    broken,
    track,
    stop: () => {
      stopped = true;
    },
  };
}

/** Resolves with `late` when `promise` has not settled within `ms` (its rejection still propagates). */
async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
