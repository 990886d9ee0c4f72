// The faults of the measuring thread that no task caught (an unhandled rejection, an uncaught exception in
// a timer a task set), blamed on the cell whose step they happen in.
import { CancelToken } from './cancel.js';
import type { LiveCell } from './cell.js';
import { describeThrown, ParalabError } from './errors.js';
import { closeInstance, fail } from './measure-cell.js';
import type { MeasureOptions } from './measure-types.js';
import { delay } from './platform.js';

/** How long a group waits after its last sample for a fault that no task caught, ms (outside any timing). */
export const FAULT_SETTLE_MS = 20;

/**
 * The faults of the measuring thread that no task caught (see `MeasureOptions.faults`): one during a step
 * cancels that step (its cell is errored with it); one between steps errors the cell that ran last.
 */
export class FaultWatch {
  readonly #unsubscribe: () => void;
  #running: { cell: LiveCell; cancel: CancelToken } | undefined;
  #last: LiveCell | undefined;
  #pending: Promise<void> = Promise.resolve();

  readonly #watching: boolean;

  constructor(options: MeasureOptions) {
    this.#watching = options.faults !== undefined;
    this.#unsubscribe = options.faults?.((thrown) => this.#fault(thrown)) ?? (() => {});
  }

  async around<T>(cell: LiveCell, step: (cancel: CancelToken) => Promise<T>): Promise<T> {
    const cancel = new CancelToken();
    this.#running = { cell, cancel };
    this.#last = cell;
    try {
      const done = await step(cancel);
      // A rejection a task left unhandled is reported only after the current macrotask: wait one, untimed,
      // so that it is blamed on this step and not on the next cell's.
      if (this.#watching) await delay(0);
      cancel.throwIfCancelled();
      return done;
    } finally {
      this.#running = undefined;
    }
  }

  /** Lets a late fault (or a peer's fault message) arrive before the group's cells are recorded. */
  async settle(live: readonly LiveCell[]): Promise<void> {
    await delay(FAULT_SETTLE_MS);
    for (const cell of live) {
      const late = cell.status === 'ok' ? cell.instance?.fault?.() : undefined;
      if (late) fail(cell, 'errored', late.message);
    }
    await this.#pending;
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #fault(thrown: unknown): void {
    const error = new ParalabError(
      'ERR_TASK',
      `a task failed outside its own code: ${describeThrown(thrown)}`,
    );
    if (this.#running) {
      this.#running.cancel.cancel(error);
      return;
    }
    const cell = this.#last;
    if (cell?.status !== 'ok') return;
    fail(cell, 'errored', error.message);
    this.#pending = this.#pending.then(() => closeInstance(cell));
  }
}
