import { poolStrategy, type Strategy } from '@paralab/core';
import { denoWebWorkerLauncher } from '../launchers/web-worker.js';

/** N Deno Web Workers (new Worker, postMessage), one task in flight per worker (paralab's dispatcher). */
export const webWorkerStrategy: Strategy = poolStrategy({
  name: 'worker',
  description:
    "N Deno Web Workers (new Worker, postMessage), one task in flight per worker (paralab's dispatcher)",
  launcher: denoWebWorkerLauncher,
});
