// `node:worker_threads` as a launcher: Node's threads (Bun and Deno run them too). Each worker runs
// `entry/peer-thread.js` with its setup as `workerData` and a heap limit of its own.
import { Worker } from 'node:worker_threads';
import { type FromPeer, type Launcher, ParalabError, type RawPeer } from '@paralab/core';
import { heapLimitMb } from '@paralab/host/process';

const ENTRY = new URL('../entry/peer-thread.js', import.meta.url);

/** Worker threads; a worker over its heap limit ends as "out of memory (heap limit N MB)". */
export const workerThreadsLauncher: Launcher = {
  primitive: 'worker_threads',
  peerName: 'worker',
  kind: 'thread',
  options: { library: 'node:worker_threads', serialization: 'structured-clone' },
  start(setup): RawPeer {
    const limit = heapLimitMb();
    const worker = new Worker(ENTRY, {
      workerData: setup,
      resourceLimits: { maxOldGenerationSizeMb: limit },
    });
    let ended: ((reason: Error) => void) | undefined;
    const end = (reason: Error): void => {
      ended?.(reason);
      ended = undefined;
    };
    return {
      post: (message, transfer = []) => worker.postMessage(message, transfer as ArrayBuffer[]),
      connect(onMessage, onEnd) {
        ended = onEnd;
        worker.on('message', (message: FromPeer) => onMessage(message));
        worker.on('error', (error: Error & { code?: string }) => end(crashError(error, limit)));
        worker.once('exit', (code) => end(new ParalabError('ERR_WORKER', `worker exited with code ${code}`)));
      },
      async stop() {
        await worker.terminate();
      },
    };
  },
};

function crashError(error: Error & { code?: string }, limitMb: number): ParalabError {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return new ParalabError('ERR_WORKER', `worker ran out of memory (heap limit ${limitMb} MB)`);
  return new ParalabError('ERR_WORKER', `worker crashed: ${error.message}`);
}
