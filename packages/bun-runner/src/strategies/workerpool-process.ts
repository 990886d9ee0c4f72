import type { Strategy } from '@paralab/core';
import { bunHangReason, workerpoolStrategy } from './_workerpool.js';

/**
 * workerpool in process mode (`workerType: 'process'`: child_process.fork, JSON over IPC), N processes,
 * min = max. Under Bun 1.4 it hangs at start-up like thread mode and is recorded `unsupported` the same way.
 */
export const workerpoolProcessStrategy: Strategy = workerpoolStrategy({
  name: 'workerpool-process',
  description:
    'a workerpool pool of exactly N child processes (process mode, min = max); hangs under Bun 1.4',
  workerType: 'process',
  hangReason: bunHangReason('process'),
});
