import { webWorkerLauncher } from '@paralab/core';

/**
 * Bun's Web Workers (`new Worker(url, { type: 'module' })`, `postMessage`), each running
 * `entry/peer-worker.js`. Bun fires `close` on a worker that ended, so stopping one waits for it.
 */
export const bunWebWorkerLauncher = webWorkerLauncher({
  script: new URL('../entry/peer-worker.js', import.meta.url),
  options: { library: 'Web Worker', api: 'new Worker', serialization: 'structured-clone' },
  closeEvent: true,
});
