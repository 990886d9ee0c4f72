// How a runtime starts a peer: the only runtime-specific part of the generic strategies and of the
// calibration probes (a worker thread, a Web Worker, a forked child, a `Bun.spawn` or `Deno.Command` child).
import type { FromPeer, PeerSetup, ToPeer } from '../peer/protocol.js';
import type { ExternalUsage, StrategyOptions } from '../strategy.js';

/**
 * A peer as its launcher sees it, before core wraps it (see `PeerHandle`): it can be posted to, it reports
 * its messages and its end once, and it can be stopped.
 */
export interface RawPeer {
  /**
   * Posts a message, moving the buffers in `transfer` where the peer can take them (threads; a process
   * launcher clones them instead). Throws synchronously when the message cannot be cloned or the channel is
   * closed.
   */
  post(message: ToPeer, transfer?: readonly ArrayBuffer[]): void;
  /**
   * Starts reporting: every message, in order, then the peer's end once (it crashed, exited, was killed),
   * already phrased for the user (`worker exited with code 1`, `out of memory (heap limit 512 MB)`). Called
   * once, right after `start`.
   */
  connect(onMessage: (message: FromPeer) => void, onEnd: (reason: Error) => void): void;
  /** Ends the peer now (a peer stuck in a busy loop too) and resolves once it is gone. Safe to call twice. */
  stop(): Promise<void>;
  /** The operating-system process id of a process peer (its CPU time and memory are read by it). */
  readonly pid?: number;
}

/** A way of starting peers, and what every cell measured with it records. */
export interface Launcher {
  /** Recorded with calibration cells as the primitive measured: `worker_threads`, `web-worker`, `child_process`. */
  readonly primitive: string;
  /** How error messages name a peer: `worker`, `child process`. */
  readonly peerName: string;
  /** A thread shares this process's memory (and may get shared memory and transfers); a process does not. */
  readonly kind: 'thread' | 'process';
  /** Recorded with every cell that uses it: `library`, `api`, `serialization` (`structured-clone`, `json`). */
  readonly options: StrategyOptions;
  /** Starts one peer with `setup`; it answers `paralab:ready` once loaded (see core's `servePeer`). */
  start(setup: PeerSetup): RawPeer;
  /**
   * Cumulative CPU time and current memory of process peers, by pid (processes already gone count as zero).
   * Absent for threads: their use is the measuring process's own.
   */
  usage?(pids: readonly number[]): Promise<ExternalUsage>;
}

/**
 * `onEnd`, called at most once: a peer can end several ways at nearly the same time (a send that failed,
 * an error event, its exit), and its handle hears only the first.
 */
export function endOnce(onEnd: (reason: Error) => void): (reason: Error) => void {
  let ended = false;
  return (reason) => {
    if (!ended) onEnd(reason);
    ended = true;
  };
}
