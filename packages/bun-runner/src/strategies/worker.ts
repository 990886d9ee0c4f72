import { poolStrategy, type Strategy } from '@paralab/core';
import { bunWebWorkerLauncher } from '../launchers/web-worker.js';

/** N Bun Web Workers (new Worker, postMessage), one task in flight per worker (paralab's dispatcher). */
export const webWorkerStrategy: Strategy = poolStrategy({
  name: 'worker',
  description:
    "N Bun Web Workers (new Worker, postMessage), one task in flight per worker (paralab's dispatcher)",
  launcher: bunWebWorkerLauncher,
});
