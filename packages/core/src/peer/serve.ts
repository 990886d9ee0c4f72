// The loop inside every peer (a worker thread, a Web Worker, a child process, in any runtime): load the
// workload, say ready, then answer tasks, shared-memory tasks and calibration pings as they arrive. Each
// runtime's entry script only adapts its channel (parentPort, self, process.send) and its module loader.
import { describeThrown } from '../errors.js';
import { busyFor, delay } from '../platform.js';
import { runSharedTask } from '../shared-batch.js';
import type { WorkloadRef } from '../strategy.js';
import { transferList } from '../views.js';
import type { AnyWorkload } from '../workload.js';
import { runSteps } from '../workloads/grain.js';
import type { FromPeer, PeerSetup, PeerUsage, SharedBatchMessage, ToPeer, ToTask } from './protocol.js';

/** How a peer talks to the process that started it. */
export interface PeerChannel {
  /**
   * Sends a message, moving the buffers in `transfer` where the channel can (threads). May throw
   * synchronously when the message cannot be cloned. Resolves (when it returns a promise) once the message
   * is on its way: a one-task peer waits for that before it exits.
   */
  post(message: FromPeer, transfer?: readonly ArrayBuffer[]): void | Promise<void>;
  /** Calls `listener` with every message from the starting process. */
  onMessage(listener: (message: ToPeer) => void): void;
}

/** What a peer needs from its runtime. */
export interface PeerRuntime {
  /** Imports the workload a reference points at. */
  load(ref: WorkloadRef): Promise<AnyWorkload>;
  /** This process's resource use so far (one-task child processes report it before they exit). */
  usage?(): PeerUsage;
  /** Ends this process (one-task child processes). */
  exit?(code: number): void;
  /**
   * Calls `listener` with what fails outside any task's reach (an unhandled rejection, an uncaught
   * exception thrown by a timer a task set): such a fault fails the batch it happens in.
   */
  onFault?(listener: (thrown: unknown) => void): void;
}

/**
 * Runs the peer loop over `channel`. With `setup`, the peer loads at once; without, it waits for a
 * `paralab:setup` message (a Web Worker has no start-up data). Never throws: a workload that does not load
 * is a `paralab:fatal` message, a task that throws a `paralab:error` with `describeThrown`'s line.
 */
export function servePeer(channel: PeerChannel, runtime: PeerRuntime, setup?: PeerSetup): void {
  const peer = new Peer(channel, runtime);
  runtime.onFault?.((thrown) => peer.fault(thrown));
  channel.onMessage((message) => peer.receive(message));
  if (setup) void peer.start(setup);
}

class Peer {
  readonly #channel: PeerChannel;
  readonly #runtime: PeerRuntime;
  #setup: PeerSetup | undefined;
  #workload: AnyWorkload | undefined;
  #batch: SharedBatchMessage | undefined;

  constructor(channel: PeerChannel, runtime: PeerRuntime) {
    this.#channel = channel;
    this.#runtime = runtime;
  }

  async start(setup: PeerSetup): Promise<void> {
    this.#setup = setup;
    try {
      if (setup.ref) this.#workload = await this.#runtime.load(setup.ref);
      await this.#channel.post({ type: 'paralab:ready' });
    } catch (thrown) {
      await this.#send({ type: 'paralab:fatal', message: describeThrown(thrown) });
      if (setup.once) this.#runtime.exit?.(1);
    }
  }

  receive(message: ToPeer): void {
    switch (message.type) {
      case 'paralab:setup':
        if (!this.#setup) void this.start(message.setup);
        return;
      case 'paralab:ping':
        if (message.busyMs) busyFor(message.busyMs);
        if (message.steps) runSteps(message.steps);
        void this.#send({ type: 'paralab:pong', id: message.id });
        return;
      case 'paralab:echo':
        void this.#send(
          { type: 'paralab:echo', data: message.data },
          message.transfer ? [message.data.buffer as ArrayBuffer] : [],
        );
        return;
      case 'paralab:shared-batch':
        this.#batch = message;
        return;
      case 'paralab:shared-task':
        this.#runShared(message.index);
        return;
      default:
        void this.#runTask(message);
    }
  }

  fault(thrown: unknown): void {
    void this.#send({ type: 'paralab:fault', message: describeThrown(thrown) });
  }

  async #runTask(message: ToTask): Promise<void> {
    try {
      const workload = this.#loaded();
      const output = await workload.run(message.input);
      const transfer = message.type === 'paralab:task-transfer' ? transferList(output) : [];
      try {
        await this.#channel.post({ type: 'paralab:result', id: message.id, output }, transfer);
      } catch (thrown) {
        throw new Error(`its output could not be sent back (${describeThrown(thrown)})`);
      }
    } catch (thrown) {
      await this.#send({ type: 'paralab:error', id: message.id, message: describeThrown(thrown) });
    }
    if (this.#setup?.once) await this.#finish();
  }

  #runShared(index: number): void {
    try {
      runSharedTask(this.#loaded(), this.#batch, index);
    } catch (thrown) {
      void this.#send({ type: 'paralab:error', id: index, message: describeThrown(thrown) });
    }
  }

  #loaded(): AnyWorkload {
    if (this.#workload) return this.#workload;
    throw new Error('a task arrived before the workload loaded (this is a bug in paralab)');
  }

  /**
   * A one-task peer: one turn of its event loop first (an unhandled rejection or a timer the task left is
   * reported only then, as a fault of this task), then its resource use, then its exit once that message is
   * on its way.
   */
  async #finish(): Promise<void> {
    await delay(0);
    const usage = this.#runtime.usage?.();
    if (usage) await this.#send({ type: 'paralab:usage', ...usage });
    this.#runtime.exit?.(0);
  }

  /** Posts a message of paralab's own (plain data, always cloneable); a closed channel is not an error here. */
  async #send(message: FromPeer, transfer: readonly ArrayBuffer[] = []): Promise<void> {
    try {
      await this.#channel.post(message, transfer);
    } catch {
      // The starting process is gone: nobody is left to tell.
    }
  }
}
