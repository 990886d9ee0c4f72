import { type ChildProcess, type ForkOptions, fork } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import {
  CancelToken,
  type CalibrationProbe as CoreCalibrationProbe,
  ParalabError,
  type ProbeScopeBase,
} from '@paralab/core';

/** A worker thread or a child process started by a calibration probe. */
export type Peer = Worker | ChildProcess;

/** The messages a peer sent, in order, read one at a time. */
export interface Channel<T> {
  /**
   * The next message. Rejects when the peer crashes or exits before sending it, or when the probe is
   * cancelled (watchdog or interrupt).
   */
  next(): Promise<T>;
}

/**
 * What a calibration probe starts things through. Every worker and child process started here is
 * terminated when the probe ends, whether it succeeded, threw or was stopped by the watchdog.
 */
export interface ProbeScope extends ProbeScopeBase {
  /** Starts a worker thread (`new Worker(entry, options)`); throws once the probe is cancelled. */
  worker(entry: URL | string, options?: WorkerOptions): Worker;
  /** Starts a child process (`child_process.fork(module, [], options)`); throws once cancelled. */
  fork(module: URL | string, options?: ForkOptions): ChildProcess;
  /** Reads `peer`'s messages; call it right after starting the peer so that no message is missed. */
  channel<T>(peer: Peer): Channel<T>;
  /** Terminates a worker (or SIGKILLs a child) now and resolves once it has exited. */
  release(peer: Peer): Promise<void>;
}

/** A Node calibration probe: core's probe, given a scope that starts worker threads and child processes. */
export type CalibrationProbe = CoreCalibrationProbe<ProbeScope>;

/** The scope of one probe run; `close` ends everything it started. */
export class Scope implements ProbeScope {
  readonly cancel: CancelToken = new CancelToken();
  readonly #peers = new Set<Peer>();

  worker(entry: URL | string, options?: WorkerOptions): Worker {
    this.cancel.throwIfCancelled();
    const worker = new Worker(entry, options);
    this.#peers.add(worker);
    return worker;
  }

  fork(module: URL | string, options?: ForkOptions): ChildProcess {
    this.cancel.throwIfCancelled();
    const child = fork(module, [], options);
    this.#peers.add(child);
    return child;
  }

  channel<T>(peer: Peer): Channel<T> {
    return new PeerChannel<T>(peer, this.cancel);
  }

  async release(peer: Peer): Promise<void> {
    this.#peers.delete(peer);
    if (peer instanceof Worker) {
      await peer.terminate();
      return;
    }
    // Never spawned (pid undefined) or already gone: there is nothing to wait for.
    if (peer.pid === undefined || peer.exitCode !== null || peer.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => peer.once('exit', () => resolve()));
    peer.kill('SIGKILL');
    await exited;
  }

  /** Terminates every peer still running. */
  async close(): Promise<void> {
    await Promise.all([...this.#peers].map((peer) => this.release(peer)));
  }
}

class PeerChannel<T> implements Channel<T> {
  readonly #queue: T[] = [];
  #waiting: { resolve: (message: T) => void; reject: (error: Error) => void } | undefined;
  #failure: Error | undefined;

  constructor(peer: Peer, cancel: CancelToken) {
    const what = peer instanceof Worker ? 'worker' : 'child process';
    const emitter: EventEmitter = peer;
    emitter.on('message', (message: T) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (waiting) waiting.resolve(message);
      else this.#queue.push(message);
    });
    emitter.on('error', (error: Error) =>
      this.#fail(new ParalabError('ERR_WORKER', `${what} failed: ${error.message}`)),
    );
    emitter.on('exit', (code: number | null, signal?: NodeJS.Signals | null) =>
      this.#fail(new ParalabError('ERR_WORKER', `${what} exited (${signal ?? `code ${code}`})`)),
    );
    const stop = cancel.onCancel((reason) => this.#fail(reason));
    emitter.once('exit', stop);
  }

  next(): Promise<T> {
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift() as T);
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(this.#failure);
  }
}
