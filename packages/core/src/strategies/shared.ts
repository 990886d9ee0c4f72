// N thread peers working in place on SharedArrayBuffers, over any runtime's thread launcher: the `shared`
// strategy of Node (worker_threads), Bun, Deno and the browser (Web Workers) is this one.
import { ParalabError } from '../errors.js';
import type { Launcher } from '../launch/launcher.js';
import { startPeers, stopPeers } from '../launch/peer-handle.js';
import { runSharedBatch, type SharedPort, stageShared } from '../shared-batch.js';
import type { Strategy, StrategyInstance } from '../strategy.js';
import type { AnyWorkload } from '../workload.js';

/** What makes a shared-memory strategy. */
export interface SharedStrategyOptions {
  readonly name: string;
  readonly description: string;
  /** A thread launcher (processes cannot share memory). */
  readonly launcher: Launcher;
}

const unsupported = (workload: AnyWorkload): string =>
  `shared needs a workload with a shared-memory form (workload.shared); ${workload.id} has none`;

/**
 * N peers working in place on `SharedArrayBuffer`s: nothing is copied between threads. The inputs' typed
 * arrays and one output buffer per task live in shared memory; each batch posts the peers views on them
 * once, then one small `{ index }` message per task, one in flight per peer. Peers signal completion
 * through a counter in shared memory that this thread awaits with `Atomics.waitAsync`, never blocking
 * (core's `runSharedBatch`). Only for workloads with `workload.shared`.
 */
export function sharedStrategy(options: SharedStrategyOptions): Strategy {
  const { launcher } = options;
  if (launcher.kind !== 'thread')
    throw new TypeError(
      `options.launcher must start threads to share memory, got a ${launcher.kind} launcher`,
    );
  return {
    name: options.name,
    description: options.description,
    family: 'threads',
    supports: (workload) => (workload.shared ? true : unsupported(workload)),
    async create({ workload, ref, concurrency }): Promise<StrategyInstance> {
      const shared = workload.shared;
      if (!shared) throw new ParalabError('ERR_OPTION', unsupported(workload));
      const peers = await startPeers(launcher, { ref }, concurrency);
      const ports: SharedPort[] = peers.map((peer) => ({
        post: (message) => peer.post(message),
        listen: (onMessage, onFail) => peer.listen(onMessage, onFail),
      }));
      return {
        options: {
          ...launcher.options,
          inFlight: 'one-per-worker',
          serialization: 'shared',
          completion: 'atomics',
        },
        stage: (inputs) => stageShared(inputs, shared),
        runBatch: (staged, cancel) => runSharedBatch(ports, staged, cancel, shared),
        fault: () => peers.find((peer) => peer.pendingFault)?.pendingFault,
        close: () => stopPeers(peers),
      };
    },
  };
}
