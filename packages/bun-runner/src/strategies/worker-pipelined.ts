import { poolStrategy, type Strategy } from '@paralab/core';
import { bunWebWorkerLauncher } from '../launchers/web-worker.js';

/** N Bun Web Workers, every task of the batch posted at once (round-robin). */
export const webWorkerPipelinedStrategy: Strategy = poolStrategy({
  name: 'worker-pipelined',
  description: 'N Bun Web Workers, every task of the batch posted at once (round-robin)',
  launcher: bunWebWorkerLauncher,
  inFlight: 'pipelined',
});
