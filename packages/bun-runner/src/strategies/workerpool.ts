import type { Strategy } from '@paralab/core';
import { bunWorkerpool } from './_workerpool.js';

/**
 * workerpool in thread mode (`workerType: 'thread'`), as on Node: N threads, min = max, one task in flight
 * each. Under Bun 1.4 it hangs at start-up; the start-up watchdog makes that an `unsupported` cell.
 */
export const workerpoolThreadStrategy: Strategy = bunWorkerpool(
  'workerpool',
  'a workerpool pool of exactly N threads (thread mode, min = max); hangs under Bun 1.4',
  'thread',
);
