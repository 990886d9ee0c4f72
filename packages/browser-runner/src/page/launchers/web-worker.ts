// The page's Web Workers as core's launcher: each runs the bundled peer entry, and loads its workload from
// the URL the page server serves the module at (the host plans with module names; the page maps them).
import { type PeerSetup, webWorkerLauncher } from '@paralab/core';
import { moduleUrl, pageSetup } from '../setup.js';

/** A setup whose workload module is the served URL. */
function served(setup: PeerSetup): PeerSetup {
  return setup.ref ? { ...setup, ref: { module: moduleUrl(setup.ref.module), id: setup.ref.id } } : setup;
}

/** Module Web Workers (`new Worker(url, { type: 'module' })`). */
export const pageWorkerLauncher = webWorkerLauncher({
  script: () => new URL(pageSetup().assets.worker, location.href).href,
  setupFor: served,
  options: {
    library: 'Web Worker',
    api: "new Worker(url, { type: 'module' })",
    serialization: 'structured-clone',
  },
});

/** The same peer as a classic script (calibration compares the two kinds of start-up). */
export const pageClassicWorkerLauncher = webWorkerLauncher({
  script: () => new URL(pageSetup().assets.workerClassic, location.href).href,
  setupFor: served,
  type: 'classic',
  options: { library: 'Web Worker', api: 'new Worker(url)', serialization: 'structured-clone' },
});
