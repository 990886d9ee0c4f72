// What the pool-library strategies (workerpool, tinypool, hybrid's piscina, a page's worker pools) share:
// a batch that stops at the first failure or at the watchdog's cancellation, without waiting for tasks
// still in the pool; and the split batch (I/O phases here, CPU phases handed to a pool).
import { CancelToken } from './cancel.js';
import { firstLine, ParalabError, toError } from './errors.js';
import { runLanes } from './strategy.js';
import type { WorkloadSplit } from './workload.js';

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

/**
 * Runs one batch of a split workload (`workload.split`): the I/O phases `ioInFlight` at a time (via
 * `runLanes`), and each task's CPU phase handed to `cpu` the moment its I/O phase ends, while the other
 * I/O phases go on. Resolves with the outputs in input order. The first failure stops the batch and
 * rejects with a one-line `ERR_TASK` error, `task 3 failed in its io phase: ...` (or `cpu phase`), as
 * does the cancellation of any of `cancels`; CPU phases still running are not waited for.
 */
export async function runSplitBatch(
  inputs: readonly unknown[],
  ioInFlight: number,
  cancels: readonly CancelToken[],
  split: WorkloadSplit<unknown, unknown>,
  cpu: (intermediate: unknown) => Promise<unknown>,
): Promise<unknown[]> {
  const outputs: unknown[] = new Array(inputs.length);
  const stop = batchStop(cancels);
  const cpuPhases: Promise<void>[] = [];
  const failed = (i: number, phase: string) => (thrown: unknown) => {
    throw stop.fail(
      new ParalabError(
        'ERR_TASK',
        `task ${i} failed in its ${phase} phase: ${firstLine(toError(thrown).message)}`,
      ),
    );
  };
  try {
    const ioPhases = runLanes(inputs.length, ioInFlight, stop.token, async (i) => {
      const intermediate = await split.io(inputs[i]).catch(failed(i, 'io'));
      const phase = cpu(intermediate).then(
        (output) => {
          outputs[i] = output;
        },
        failed(i, 'cpu'),
      );
      phase.catch(() => {}); // reported through `stop`; awaited below
      cpuPhases.push(phase);
    });
    await Promise.race([ioPhases, stop.stopped]);
    await Promise.race([Promise.all(cpuPhases), stop.stopped]);
    return outputs;
  } finally {
    stop.release();
  }
}
