// Deno's Web Workers (`new Worker(url, { type: 'module' })`; Deno has no classic workers) over core's
// launcher, each running `entry/peer-worker.js`. Deno ends a worker that calls `process.exit()` or
// `Deno.exit()` without telling its owner (no `close` or `error` event): the entry says so itself from its
// `unload` event, and this launcher turns that into the worker's end.
import {
  endOnce,
  type FromPeer,
  type Launcher,
  ParalabError,
  type RawPeer,
  webWorkerLauncher,
} from '@paralab/core';

/** What a Deno worker's entry posts from `unload`: it is ending with this exit code. */
export interface WorkerExitMessage {
  readonly type: 'paralab:exit';
  readonly code: number;
}

const base = webWorkerLauncher({
  script: new URL('../entry/peer-worker.js', import.meta.url),
  options: { library: 'Web Worker', api: 'new Worker', serialization: 'structured-clone' },
});

/** Deno's module Web Workers; a worker that exits mid-task ends as `worker exited with code N`. */
export const denoWebWorkerLauncher: Launcher = {
  ...base,
  start(setup): RawPeer {
    const raw = base.start(setup);
    return {
      ...raw,
      connect(onMessage, onEnd) {
        const end = endOnce(onEnd);
        raw.connect((message: FromPeer | WorkerExitMessage) => {
          if (message.type !== 'paralab:exit') return onMessage(message);
          end(new ParalabError('ERR_WORKER', `worker exited with code ${message.code}`));
          void raw.stop();
        }, end);
      },
    };
  },
};
