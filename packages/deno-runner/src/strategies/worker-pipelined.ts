import { poolStrategy, type Strategy } from '@paralab/core';
import { denoWebWorkerLauncher } from '../launchers/web-worker.js';

/** N Deno Web Workers, every task of the batch posted at once (round-robin). */
export const webWorkerPipelinedStrategy: Strategy = poolStrategy({
  name: 'worker-pipelined',
  description: 'N Deno Web Workers, every task of the batch posted at once (round-robin)',
  launcher: denoWebWorkerLauncher,
  inFlight: 'pipelined',
});
