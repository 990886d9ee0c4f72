/**
 * A cancellation token passed to `StrategyInstance.runBatch`: the watchdog or an interrupt cancels it.
 * (Core has no `AbortSignal` type: it carries no DOM or Node types, and this is all it needs.)
 */
export class CancelToken {
  #reason: Error | undefined;
  #listeners: Array<(reason: Error) => void> = [];

  /** True once `cancel` was called. */
  get cancelled(): boolean {
    return this.#reason !== undefined;
  }

  /** Why it was cancelled, once it was. */
  get reason(): Error | undefined {
    return this.#reason;
  }

  /** Cancels the token and calls every listener once; later calls do nothing. */
  cancel(reason: Error): void {
    if (this.#reason) return;
    this.#reason = reason;
    for (const listener of this.#listeners.splice(0)) listener(reason);
  }

  /** Calls `listener` on cancellation (at once if already cancelled). Returns a function that removes it. */
  onCancel(listener: (reason: Error) => void): () => void {
    if (this.#reason) {
      listener(this.#reason);
      return () => {};
    }
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Throws the reason when cancelled. */
  throwIfCancelled(): void {
    if (this.#reason) throw this.#reason;
  }
}
