// What the process that measures and its peers (a worker thread, a Web Worker, a child process) say to each
// other: one protocol for every runtime and every kind of peer, tasks and calibration alike.
import type { WorkloadRef } from '../strategy.js';

/** How a peer is started: which workload it loads (none for a calibration peer), and whether it runs one task. */
export interface PeerSetup {
  /** The workload to load; absent for a bare peer (the calibration floors). */
  readonly ref?: WorkloadRef;
  /** A one-task peer answers one task, reports its resource use and exits (the `process-cold` strategy). */
  readonly once?: boolean;
}

/** A task: run the workload on `input` and answer with its `id`. */
export type ToTask =
  | { readonly type: 'paralab:task'; readonly id: number; readonly input: unknown }
  /** The input's typed-array buffers were transferred (moved); the output's are moved back. */
  | { readonly type: 'paralab:task-transfer'; readonly id: number; readonly input: unknown };

/** Messages of the `shared` strategy: one batch per sample and peer, then a small message per task. */
export type ToSharedWorker =
  | {
      readonly type: 'paralab:shared-batch';
      /** Inputs whose typed arrays are views on `SharedArrayBuffer`s (posting them shares, never copies). */
      readonly inputs: readonly unknown[];
      /** One output buffer per task, on shared memory: `workload.shared.runInto` writes into it. */
      readonly outputs: readonly Uint8Array[];
      /**
       * Completion counters on shared memory: index 0 counts finished tasks of the batch, index `slot`
       * those of this peer. The peer adds to both, then notifies index 0.
       */
      readonly counters: Int32Array;
      readonly slot: number;
    }
  | { readonly type: 'paralab:shared-task'; readonly index: number };

/** The batch message a peer keeps until the batch's tasks arrive. */
export type SharedBatchMessage = Extract<ToSharedWorker, { type: 'paralab:shared-batch' }>;

/** Messages of the calibration probes: a ping, and a payload sent back as it came (or moved back). */
export type ToCalibrationPeer =
  /**
   * Answer with a pong carrying the same id; with `busyMs`, first keep the peer's thread busy that long (a
   * task's worth of work, so both sides idle as they do around a real task); with `steps`, first run that
   * many steps of the grain kernel (a fixed amount of work, which takes longer when the thread loses its
   * core, where `busyMs` would only end on time).
   */
  | { readonly type: 'paralab:ping'; readonly id: number; readonly busyMs?: number; readonly steps?: number }
  /** Send `data` straight back, transferring its buffer when `transfer` is true (threads only). */
  | { readonly type: 'paralab:echo'; readonly data: Uint8Array; readonly transfer: boolean };

/** Every message a peer accepts. `paralab:setup` is how a peer without start-up data learns its setup. */
export type ToPeer =
  | { readonly type: 'paralab:setup'; readonly setup: PeerSetup }
  | ToTask
  | ToSharedWorker
  | ToCalibrationPeer;

/** Resource use of a whole peer process since it started, reported by a one-task peer right before it exits. */
export interface PeerUsage {
  /** User CPU time, ms. */
  readonly cpuUserMs: number;
  /** System CPU time, ms. */
  readonly cpuSystemMs: number;
  /** Resident set size at the end, bytes. */
  readonly rssBytes: number;
}

/** Every message a peer sends. */
export type FromPeer =
  /** The first message: the peer is up and its workload (if any) is loaded. */
  | { readonly type: 'paralab:ready' }
  | { readonly type: 'paralab:result'; readonly id: number; readonly output: unknown }
  /** Task `id` failed; `message` is one line saying what was thrown (see `describeThrown`). */
  | { readonly type: 'paralab:error'; readonly id: number; readonly message: string }
  /** The peer cannot run tasks at all (its workload did not load). */
  | { readonly type: 'paralab:fatal'; readonly message: string }
  /**
   * Something a task started failed where no task could catch it (an unhandled rejection, an uncaught
   * exception in a callback): the batch running then, or the next one, fails with it.
   */
  | { readonly type: 'paralab:fault'; readonly message: string }
  | ({ readonly type: 'paralab:usage' } & PeerUsage)
  | { readonly type: 'paralab:pong'; readonly id: number }
  | { readonly type: 'paralab:echo'; readonly data: Uint8Array };

/** Calibration peers answer with these. */
export type FromCalibrationPeer = Extract<
  FromPeer,
  { type: 'paralab:ready' | 'paralab:pong' | 'paralab:echo' | 'paralab:fatal' }
>;
