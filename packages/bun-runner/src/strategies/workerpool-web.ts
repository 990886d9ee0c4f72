import type { Strategy } from '@paralab/core';
import { bunWorkerpool } from './_workerpool.js';

/**
 * workerpool in web mode (`workerType: 'web'`): N Bun Web Workers, min = max, one task in flight per
 * worker. The workerpool mode that works under Bun.
 */
export const workerpoolWebStrategy: Strategy = bunWorkerpool(
  'workerpool-web',
  'a workerpool pool of exactly N Bun Web Workers (web mode, min = max), one task in flight each',
  'web',
);
