// A Deno Web Worker of the `worker` strategies and calibration probes: core's Web Worker peer loop, plus
// what Deno does not tell the worker's owner: that the worker is exiting (see `launchers/web-worker`).
import { serveWebWorkerPeer } from '@paralab/core/peer';
import { loadWorkload } from '@paralab/node-api/runtime';
import { deno } from '../_deno.js';
import type { WorkerExitMessage } from '../launchers/web-worker.js';

const scope = globalThis as unknown as {
  addEventListener(type: 'unload', listener: () => void): void;
  postMessage(message: WorkerExitMessage): void;
};

// `unload` fires when the worker calls process.exit() or Deno.exit() (not when its owner terminates it),
// and what it posts still arrives.
scope.addEventListener('unload', () => scope.postMessage({ type: 'paralab:exit', code: deno().exitCode }));
serveWebWorkerPeer(loadWorkload);
