// workerpool's browser build in web mode, over core's `workerpoolStrategy`: a pool of exactly N module Web
// Workers that load one workload (its module and id travel in the script's query string: a Web Worker has
// no `workerData`, and workerpool passes only `workerOpts` to `new Worker`).
import { type Strategy, type WorkloadRef, workerpoolStrategy as workerpoolOver } from '@paralab/core';
import { pool } from 'workerpool';
import { describeStrategy } from '../../catalog.js';
import { WORKERPOOL_QUERY } from '../../protocol.js';
import { moduleUrl, pageSetup } from '../setup.js';

/** A workerpool pool of exactly `size` module Web Workers running paralab's workerpool script. */
export function pageWorkerpool(ref: WorkloadRef, size: number) {
  const script = new URL(pageSetup().assets.workerpoolWorker, location.href);
  script.searchParams.set(WORKERPOOL_QUERY.url, moduleUrl(ref.module));
  script.searchParams.set(WORKERPOOL_QUERY.id, ref.id);
  return pool(script.href, {
    workerType: 'web',
    workerOpts: { type: 'module' },
    minWorkers: size,
    maxWorkers: size,
  });
}

/** workerpool's browser build in web mode: N module Web Workers, min = max, one task in flight each. */
export const workerpoolStrategy: Strategy = workerpoolOver({
  ...describeStrategy('workerpool'),
  get options() {
    return {
      library: 'workerpool',
      version: pageSetup().libraries.workerpool,
      workerType: 'web',
      workerOpts: 'module',
      serialization: 'structured-clone',
    };
  },
  createPool: (ref, size) => ({ pool: pageWorkerpool(ref, size) }),
});
