// A started peer as every strategy and probe uses it: one permanent listener on the raw peer, so that an
// end or a fault between batches is remembered and fails the next batch at once instead of its watchdog.
import type { CancelToken } from '../cancel.js';
import type { TaskPort } from '../dispatch.js';
import { ParalabError } from '../errors.js';
import { Inbox } from '../inbox.js';
import type { FromPeer, PeerSetup, ToPeer, ToTask } from '../peer/protocol.js';
import { microtask, setTimer } from '../platform.js';
import type { Launcher, RawPeer } from './launcher.js';

type Listener = { onMessage: (message: FromPeer) => void; onFail: (error: Error) => void };

/** A peer started by a launcher, watched from its start to its end. A `TaskPort` for core's dispatcher. */
export class PeerHandle implements TaskPort {
  readonly #raw: RawPeer;
  readonly #listeners = new Set<Listener>();
  #ended: Error | undefined;
  #fault: Error | undefined;
  readonly #gone: Promise<Error>;

  constructor(raw: RawPeer) {
    this.#raw = raw;
    let settle: (reason: Error) => void = () => {};
    this.#gone = new Promise((resolve) => {
      settle = resolve;
    });
    raw.connect(
      (message) => this.#receive(message),
      (reason) => {
        this.#ended ??= reason;
        settle(this.#ended);
        for (const listener of [...this.#listeners]) listener.onFail(this.#ended);
      },
    );
  }

  /** The peer's process id, when it is a process. */
  get pid(): number | undefined {
    return this.#raw.pid;
  }

  /** Why the peer ended, once it has. */
  get ended(): Error | undefined {
    return this.#ended;
  }

  /** A fault the peer reported while nobody listened, not yet reported to anyone. */
  get pendingFault(): Error | undefined {
    return this.#fault;
  }

  /** Resolves with the reason once the peer has ended. */
  get gone(): Promise<Error> {
    return this.#gone;
  }

  /** Posts any message (see `RawPeer.post`). */
  post(message: ToPeer, transfer?: readonly ArrayBuffer[]): void {
    this.#raw.post(message, transfer);
  }

  /** Posts a task; the input's buffers are moved with a `paralab:task-transfer` (see `transferList`). */
  send(message: ToTask, transfer?: readonly ArrayBuffer[]): void {
    this.#raw.post(message, transfer);
  }

  /**
   * Reports messages and the first failure (the peer's end, or a fault: a rejection no task handled) until
   * the returned function is called. An end or a fault that happened while nobody listened is reported at
   * once.
   */
  listen(onMessage: (message: FromPeer) => void, onFail: (error: Error) => void): () => void {
    const listener = { onMessage, onFail };
    this.#listeners.add(listener);
    const pending = this.#ended ?? this.#fault;
    this.#fault = undefined;
    if (pending) microtask(() => this.#listeners.has(listener) && onFail(pending));
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The messages from now on, one at a time (calibration probes); rejects once the peer ends or `cancel` fires. */
  inbox(cancel: CancelToken): Inbox<FromPeer> {
    const inbox = new Inbox<FromPeer>(cancel);
    this.listen(
      (message) => inbox.push(message),
      (error) => inbox.fail(error),
    );
    return inbox;
  }

  /** Ends the peer and resolves once it is gone. */
  stop(): Promise<void> {
    return this.#raw.stop();
  }

  #receive(message: FromPeer): void {
    if (message.type === 'paralab:fault') {
      const fault = new ParalabError('ERR_TASK', `a task failed outside its own code: ${message.message}`);
      if (this.#listeners.size === 0) this.#fault ??= fault;
      for (const listener of [...this.#listeners]) listener.onFail(fault);
      return;
    }
    for (const listener of [...this.#listeners]) listener.onMessage(message);
  }
}

/** How long a peer may take to load its workload by default, ms (the measurement loop's watchdog is shorter). */
export const PEER_START_TIMEOUT_MS = 120_000;

/**
 * Starts `count` peers with `setup` and resolves once every one has said it is ready. Rejects with a
 * one-line error when one cannot load its workload (`paralab:fatal`), ends while starting, or is not ready
 * within `timeoutMs`; then every peer started is stopped first, so none is left behind.
 */
export async function startPeers(
  launcher: Launcher,
  setup: PeerSetup,
  count: number,
  timeoutMs: number = PEER_START_TIMEOUT_MS,
): Promise<PeerHandle[]> {
  const peers: PeerHandle[] = [];
  try {
    for (let i = 0; i < count; i++) peers.push(new PeerHandle(launcher.start(setup)));
    await Promise.all(peers.map((peer) => ready(peer, launcher.peerName, timeoutMs)));
    return peers;
  } catch (error) {
    await stopPeers(peers);
    throw error;
  }
}

/** Stops every peer at once. */
export async function stopPeers(peers: readonly PeerHandle[]): Promise<void> {
  await Promise.all(peers.map((peer) => peer.stop()));
}

/** Resolves when `peer` says it is ready; rejects on its fatal message, its end, or the timeout. */
export function ready(peer: PeerHandle, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopListening = (): void => {};
    const stopTimer = setTimer(
      () => settle(new ParalabError('ERR_TIMEOUT', `a ${name} did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const settle = (error?: Error): void => {
      stopTimer();
      stopListening();
      if (error) reject(error);
      else resolve();
    };
    stopListening = peer.listen(
      (message) => {
        if (message.type === 'paralab:ready') settle();
        else if (message.type === 'paralab:fatal') settle(new ParalabError('ERR_WORKER', message.message));
      },
      (error) => settle(new ParalabError('ERR_WORKER', `${error.message} while starting`)),
    );
  });
}
