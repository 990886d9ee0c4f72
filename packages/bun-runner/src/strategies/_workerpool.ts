// workerpool under Bun, in each of its worker types, over core's `workerpoolStrategy`. Its thread and
// process modes hang at start-up under Bun 1.4 (workerpool's worker side sees `self`, `postMessage` and
// `addEventListener`, which Bun defines globally, takes its browser branch and never answers the pool):
// core's start-up watchdog turns that into an `unsupported` cell that says why.
import { fileURLToPath } from 'node:url';
import {
  CancelToken,
  ParalabError,
  type PeerSetup,
  type Strategy,
  type WorkloadRef,
  workerpoolStrategy,
} from '@paralab/core';
import { WORKERPOOL_VERSION as VERSION } from '@paralab/node-api';
import { pool as createPool, type Pool, type WorkerPoolOptions } from 'workerpool';
import { WORKERPOOL_REF_ENV } from '../entry/workerpool-worker.js';

const SCRIPT = new URL('../entry/workerpool-worker.js', import.meta.url);

/** A workerpool worker type: `thread` (worker_threads), `process` (child_process.fork), `web` (Web Worker). */
export type WorkerpoolType = 'thread' | 'process' | 'web';

/** Why workerpool's Node modes cannot run under Bun 1.4, as a cell's reason. */
export function bunHangReason(mode: 'thread' | 'process'): string {
  return `workerpool ${VERSION.split('.')[0]} hangs under Bun in ${mode} mode (it takes its browser branch: Bun defines self and postMessage globally); see workerpool-web`;
}

/** A workerpool strategy of one worker type under Bun. */
export function bunWorkerpool(name: string, description: string, workerType: WorkerpoolType): Strategy {
  return workerpoolStrategy({
    name,
    description,
    options: {
      library: 'workerpool',
      version: VERSION,
      workerType,
      serialization: workerType === 'process' ? 'json' : 'structured-clone',
    },
    ...(workerType === 'web' ? {} : { hangReason: bunHangReason(workerType) }),
    createPool: (ref, size) => poolOf(ref, workerType, size),
  });
}

function poolOf(ref: WorkloadRef, workerType: WorkerpoolType, size: number) {
  const sizing: WorkerPoolOptions = { workerType, minWorkers: size, maxWorkers: size };
  if (workerType === 'thread') {
    const workerData: PeerSetup = { ref };
    return { pool: createPool(fileURLToPath(SCRIPT), { ...sizing, workerThreadOpts: { workerData } }) };
  }
  if (workerType === 'process') {
    const env = { ...process.env, [WORKERPOOL_REF_ENV]: JSON.stringify(ref) };
    return { pool: createPool(fileURLToPath(SCRIPT), { ...sizing, forkOpts: { env } }) };
  }
  // A Web Worker has no workerData and workerpool passes only `type`, `name` and `credentials` on (Bun
  // ignores `name`): a one-line module that imports the script and hands it the reference is the worker.
  const bootstrap = `import { serveWorkerpool } from ${JSON.stringify(SCRIPT.href)};\nawait serveWorkerpool(${JSON.stringify(ref)});\n`;
  const url = URL.createObjectURL(new Blob([bootstrap], { type: 'text/javascript' }));
  const pool = createPool(url, { ...sizing, workerOpts: { type: 'module' } });
  return { pool, release: () => URL.revokeObjectURL(url), watch: () => watchCloses(pool) };
}

/**
 * Watches a web-mode pool's Web Workers for `close` (workerpool listens for `exit`, which a Web Worker never
 * emits, and would wait for the task of a worker that ended until the watchdog): the token is cancelled
 * when one closes.
 */
function watchCloses(pool: Pool): CancelToken {
  const broken = new CancelToken();
  // `workers` (each handler's `worker`) is workerpool's internal list; it is not in its types.
  const handlers = (pool as unknown as { workers?: { worker?: unknown }[] }).workers ?? [];
  for (const { worker } of handlers) {
    if (!(worker instanceof Worker)) continue;
    worker.addEventListener('close', (event) => {
      const code = (event as Event & { code?: number }).code;
      broken.cancel(new ParalabError('ERR_WORKER', `worker exited with code ${code ?? 'unknown'}`));
    });
  }
  return broken;
}
