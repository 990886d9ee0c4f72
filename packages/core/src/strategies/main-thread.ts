import type { CancelToken } from '../cancel.js';
import type { Strategy, StrategyInfo } from '../strategy.js';
import type { AnyWorkload } from '../workload.js';

/** A strategy that runs every task on the calling thread: what it is, and how it runs one batch. */
export interface MainThreadSpec extends Omit<StrategyInfo, 'fixedConcurrency'> {
  /** Tasks in flight at once for a cell of `concurrency` (`'all'`: the whole batch), as recorded. */
  inFlight(concurrency: number): number | 'all';
  /** The batch runner of a cell: the tasks of `workload`, `concurrency` in flight, outputs in input order. */
  batch(
    workload: AnyWorkload,
    concurrency: number,
  ): (inputs: readonly unknown[], cancel: CancelToken) => Promise<unknown[]>;
}

/**
 * A main-thread strategy (sequential, async, promise-all): nothing to start and nothing to stop, so a cell
 * is only its batch runner and its recorded in-flight policy.
 */
export function mainThreadStrategy({ inFlight, batch, ...info }: MainThreadSpec): Strategy {
  return {
    ...info,
    async create({ workload, concurrency }) {
      return {
        options: { inFlight: inFlight(concurrency), thread: 'main' },
        runBatch: batch(workload, concurrency),
        async close() {},
      };
    },
  };
}
