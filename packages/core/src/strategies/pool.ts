// A warm pool of N peers over any runtime's launcher: the raw `worker`, `worker-pipelined`, `transfer` and
// `process` strategies of every runner are this one loop, given a worker thread, a Web Worker or a child.
import { dispatchBatch, type InFlight } from '../dispatch.js';
import { ParalabError } from '../errors.js';
import type { Family } from '../family.js';
import type { Launcher } from '../launch/launcher.js';
import { type PeerHandle, startPeers, stopPeers } from '../launch/peer-handle.js';
import type { Strategy, StrategyInstance } from '../strategy.js';
import { copyViews } from '../views.js';

/** What makes a pool strategy: its name, the launcher of its peers, and how it feeds them. */
export interface PoolStrategyOptions {
  readonly name: string;
  readonly description: string;
  readonly launcher: Launcher;
  /** `one-per-worker` (default): a peer's next task when it answers; `pipelined`: every task at once. */
  readonly inFlight?: InFlight;
  /** Move the inputs' typed-array buffers to the peers (and the outputs' back) instead of copying them. */
  readonly transfer?: boolean;
  /** Default: `threads` for thread launchers, `processes` for process launchers. */
  readonly family?: Family;
}

const NO_TYPED_ARRAYS = 'transfer needs inputs with typed arrays (this workload has none)';

/**
 * N peers started once per cell (start-up is the cell's start-up time), each loaded with the workload, fed
 * by core's one dispatcher under the in-flight policy; data is structured-cloned (or moved with
 * `transfer`). A peer that dies fails the batch it was in, or the next one.
 */
export function poolStrategy(options: PoolStrategyOptions): Strategy {
  const { launcher, transfer = false } = options;
  const inFlight = options.inFlight ?? 'one-per-worker';
  const each = launcher.kind === 'process' ? 'one-per-process' : 'one-per-worker';
  return {
    name: options.name,
    description: options.description,
    family: options.family ?? (launcher.kind === 'process' ? 'processes' : 'threads'),
    ...(transfer ? { supports: (w) => (w.kind === 'io' ? NO_TYPED_ARRAYS : true) } : {}),
    async create({ ref, concurrency }): Promise<StrategyInstance> {
      const peers = await startPeers(launcher, { ref }, concurrency);
      let closing: Promise<void> | undefined;
      return {
        options: {
          ...launcher.options,
          inFlight: inFlight === 'pipelined' ? 'pipelined' : each,
          ...(transfer ? { serialization: 'transfer' } : {}),
        },
        // Untimed. The loop reuses its prepared inputs for every sample and a moved buffer is detached here,
        // so each batch gets fresh copies (in a real program the data would be fresh anyway).
        ...(transfer
          ? { stage: (inputs) => inputs.map((i) => copyViews(i, (n) => new ArrayBuffer(n))) }
          : {}),
        runBatch: (inputs, cancel) =>
          closing
            ? Promise.reject(new ParalabError('ERR_WORKER', 'the pool is closed'))
            : dispatchBatch(peers, inputs, cancel, inFlight, transfer),
        ...usageOf(launcher, peers),
        fault: () => peers.find((peer) => peer.pendingFault)?.pendingFault,
        close() {
          closing ??= stopPeers(peers);
          return closing;
        },
      };
    },
  };
}

/** `usage()` for process peers (their CPU and memory are not this process's); nothing for threads. */
export function usageOf(launcher: Launcher, peers: readonly PeerHandle[]): Pick<StrategyInstance, 'usage'> {
  const read = launcher.usage;
  if (!read) return {};
  const pids = peers.map((peer) => peer.pid).filter((pid): pid is number => pid !== undefined);
  return { usage: () => read.call(launcher, pids) };
}
