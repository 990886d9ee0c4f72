import type { CancelToken } from './cancel.js';

/**
 * The messages a worker or a child process sent, in order, read one at a time (Bun's Web Workers and
 * `Bun.spawn` children, a page's Web Workers; node-api's probe reads its threads the same way).
 * Fails once: on a crash or exit, or when the probe is cancelled (watchdog, interrupt, or the probe's end).
 */
export class Inbox<T> {
  readonly #queue: T[] = [];
  #waiting: { resolve: (message: T) => void; reject: (error: Error) => void } | undefined;
  #failure: Error | undefined;

  constructor(cancel: CancelToken) {
    cancel.onCancel((reason) => this.fail(reason));
  }

  /** Delivers a message to the next `next()`. */
  push(message: T): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting) waiting.resolve(message);
    else this.#queue.push(message);
  }

  /** Makes the next `next()` (and every later one) reject with `error`, once no message is queued. */
  fail(error: Error): void {
    this.#failure ??= error;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(this.#failure);
  }

  /** The next message. */
  next(): Promise<T> {
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift() as T);
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }
}
