import { type Strategy, sharedStrategy as sharedOver } from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import { pageWorkerLauncher } from '../launchers/web-worker.js';

const NOT_ISOLATED =
  'shared needs SharedArrayBuffer and Atomics.waitAsync, which a page has only when cross-origin isolated (COOP + COEP)';

const inPage = sharedOver({ ...describeStrategy('shared'), launcher: pageWorkerLauncher });

/**
 * N module Web Workers working in place on `SharedArrayBuffer`s (core's `sharedStrategy`); the main thread,
 * which may not block in a page, awaits completion with `Atomics.waitAsync`. Only in a cross-origin
 * isolated page.
 */
export const sharedStrategy: Strategy = {
  ...inPage,
  supports(workload) {
    if (typeof SharedArrayBuffer !== 'function' || typeof Atomics.waitAsync !== 'function')
      return NOT_ISOLATED;
    return inPage.supports?.(workload) ?? true;
  },
};
