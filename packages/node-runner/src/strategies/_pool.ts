// What the pool-library strategies (workerpool, tinypool, hybrid's piscina) share: a batch that stops at
// the first failure or at the watchdog's cancellation, without waiting for tasks still in the pool.
import { CancelToken, runLanes, toError } from '@paralab/core';

/** A batch's own stop: cancelled by the caller's token, or by the batch itself at its first failure. */
export interface BatchStop {
  readonly token: CancelToken;
  /** Rejects with the reason as soon as the batch is stopped. */
  readonly stopped: Promise<never>;
  /** Stops the batch with `error` and returns it (to be thrown). */
  fail(error: Error): Error;
  /** Detaches from the caller's token. */
  release(): void;
}

/** Makes a batch's stop, cancelled by any of `cancels` (the watchdog's token, a pool's own failure). */
export function batchStop(cancels: readonly CancelToken[]): BatchStop {
  const token = new CancelToken();
  const stopped = new Promise<never>((_, reject) => token.onCancel(reject));
  stopped.catch(() => {});
  const unlinks = cancels.map((cancel) => cancel.onCancel((reason) => token.cancel(reason)));
  return {
    token,
    stopped,
    fail(error) {
      token.cancel(error);
      return error;
    },
    release: () => {
      for (const unlink of unlinks) unlink();
    },
  };
}

/**
 * Runs one batch through a pool with exactly `lanes` tasks submitted at a time (one per thread, the same
 * in-flight policy as the raw `worker` strategy) and resolves with the outputs in input order. Rejects at
 * the first failure (described by `describe`) or as soon as one of `cancels` is cancelled; tasks still
 * running are left to the pool's termination.
 */
export async function runPoolBatch(
  inputs: readonly unknown[],
  lanes: number,
  cancels: readonly CancelToken[],
  run: (input: unknown) => PromiseLike<unknown>,
  describe: (index: number, error: Error) => Error,
): Promise<unknown[]> {
  const outputs: unknown[] = new Array(inputs.length);
  const stop = batchStop(cancels);
  try {
    const running = runLanes(inputs.length, lanes, stop.token, async (i) => {
      try {
        outputs[i] = await run(inputs[i]);
      } catch (thrown) {
        throw stop.fail(describe(i, toError(thrown)));
      }
    });
    await Promise.race([running, stop.stopped]);
    return outputs;
  } finally {
    stop.release();
  }
}

/** The first line of an error message (libraries append multi-line diagnostics). */
export function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? '';
}
