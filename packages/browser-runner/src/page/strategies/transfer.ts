import { poolStrategy, type Strategy } from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import { pageWorkerLauncher } from '../launchers/web-worker.js';

/**
 * N module Web Workers (one task in flight each, like `worker`) that move data instead of copying it: each
 * input's typed-array buffers are transferred to the worker and the output's transferred back.
 */
export const transferStrategy: Strategy = poolStrategy({
  ...describeStrategy('transfer'),
  launcher: pageWorkerLauncher,
  transfer: true,
});
