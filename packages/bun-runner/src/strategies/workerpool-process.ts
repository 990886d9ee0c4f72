import type { Strategy } from '@paralab/core';
import { bunWorkerpool } from './_workerpool.js';

/**
 * workerpool in process mode (`workerType: 'process'`: child_process.fork, JSON over IPC), N processes,
 * min = max. Under Bun 1.4 it hangs at start-up like thread mode and is recorded `unsupported` the same way.
 */
export const workerpoolProcessStrategy: Strategy = {
  ...bunWorkerpool(
    'workerpool-process',
    'a workerpool pool of exactly N child processes (process mode, min = max); hangs under Bun 1.4',
    'process',
  ),
  family: 'processes',
};
