import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type PeerSetup, type Strategy, workerpoolStrategy as workerpoolOver } from '@paralab/core';
import { pool } from 'workerpool';

const SCRIPT = fileURLToPath(new URL('../entry/workerpool-worker.js', import.meta.url));
const VERSION = (createRequire(import.meta.url)('workerpool/package.json') as { version: string }).version;

/**
 * A workerpool pool in thread mode (`workerType: 'thread'`) of exactly N threads (minWorkers = maxWorkers
 * = N), kept warm across samples, one task in flight per thread (core's `workerpoolStrategy`). Each thread
 * runs paralab's worker script, which loads the workload once and registers `run` with `worker()`.
 */
export const workerpoolStrategy: Strategy = workerpoolOver({
  name: 'workerpool',
  description:
    'a workerpool pool of exactly N threads (thread mode, min = max), one task in flight per thread',
  options: {
    library: 'workerpool',
    version: VERSION,
    workerType: 'thread',
    serialization: 'structured-clone',
  },
  createPool: (ref, size) => ({
    pool: pool(SCRIPT, {
      workerType: 'thread',
      minWorkers: size,
      maxWorkers: size,
      workerThreadOpts: { workerData: { ref } satisfies PeerSetup },
    }),
  }),
});

/** workerpool's version, as the strategy records it. */
export const WORKERPOOL_VERSION: string = VERSION;
