// `child_process.fork` as a launcher: Node's processes (Bun and Deno run them too). Each child runs
// `entry/peer-child.js`, reads its setup from the environment and speaks structured clone over IPC.
import { fileURLToPath } from 'node:url';
import {
  endOnce,
  type FromPeer,
  type Launcher,
  ParalabError,
  type PeerSetup,
  type RawPeer,
} from '@paralab/core';
import { describeExit, KILL_GRACE_MS, processUsage, stopChild } from '@paralab/host/process';
import { forkChild } from './_fork.js';

/** The script every child runs (the built file: children never load TypeScript sources of paralab). */
export const PEER_CHILD_ENTRY: string = fileURLToPath(new URL('../entry/peer-child.js', import.meta.url));

/** The environment variable a child process reads its `PeerSetup` from (JSON). */
export const PEER_SETUP_ENV = 'PARALAB_PEER_SETUP';

/**
 * Forked children: structured clone over IPC (`serialization: 'advanced'`), this process's Node flags as
 * `childExecArgv` filters them plus a heap limit of their own; their stderr is passed through and its end
 * kept, so a child that runs out of memory is reported as such.
 */
export const forkLauncher: Launcher = {
  primitive: 'child_process',
  peerName: 'child process',
  kind: 'process',
  options: { library: 'node:child_process', api: 'fork', serialization: 'advanced' },
  start: (setup) => forkPeer(setup),
  usage: (pids) => processUsage(pids),
};

function forkPeer(setup: PeerSetup): RawPeer {
  const {
    child,
    tail,
    heapLimitMb: limit,
  } = forkChild(PEER_CHILD_ENTRY, { [PEER_SETUP_ENV]: JSON.stringify(setup) }, 'advanced');
  let sendFailed: ((error: Error) => void) | undefined;
  // Its end is reported on `close` (below), which comes after `exit`: stopping waits for it too, so that a
  // stopped child's end is known by the time its stop resolves.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    pid: child.pid,
    post(message, transfer) {
      void transfer; // a process cannot take buffers: they are cloned
      child.send(message, (error) => {
        if (error) sendFailed?.(new ParalabError('ERR_WORKER', `could not send a task: ${error.message}`));
      });
    },
    connect(onMessage, onEnd) {
      const end = endOnce(onEnd);
      sendFailed = end;
      child.on('message', (message: FromPeer) => onMessage(message));
      child.on('error', (error) =>
        end(new ParalabError('ERR_WORKER', `child process failed: ${error.message}`)),
      );
      // `close` comes after `exit` and after the IPC channel has delivered everything the child sent.
      child.on('close', (code, signal) =>
        end(new ParalabError('ERR_WORKER', describeExit(code, signal, { tail, heapLimitMb: limit }))),
      );
    },
    stop: async () => {
      await stopChild(child);
      // A child that never started has nothing to close; a grandchild holding its stderr may delay `close`.
      if (child.pid !== undefined)
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, KILL_GRACE_MS).unref())]);
    },
  };
}
