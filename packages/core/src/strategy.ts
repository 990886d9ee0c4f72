import type { CancelToken } from './cancel.js';
import type { AnyWorkload, ParamValue } from './workload.js';

/**
 * Where a workload lives: a module specifier that every thread, process or page of the runner can import
 * (a package name, a `file:` URL or an absolute path), and the id of the workload exported from it.
 */
export interface WorkloadRef {
  readonly module: string;
  readonly id: string;
}

/** Everything a strategy needs to set up one cell. */
export interface StrategyContext {
  /** The workload, loaded on the main thread (for main-thread strategies and for checks). */
  readonly workload: AnyWorkload;
  /** How other threads and processes load the same workload. */
  readonly ref: WorkloadRef;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Tasks in flight at once; for pools, the fixed pool size (min = max). */
  readonly concurrency: number;
}

/** Resource use of processes a strategy started, cumulative since they started. */
export interface ExternalUsage {
  /** User CPU time, ms. */
  readonly cpuUserMs: number;
  /** System CPU time, ms. */
  readonly cpuSystemMs: number;
  /** Resident set size now, bytes. */
  readonly rssBytes: number;
}

/** Recorded with each cell: library, version, in-flight policy, serialization ... */
export type StrategyOptions = Readonly<Record<string, ParamValue>>;

/** A strategy set up for one cell: a warm pool, a set of workers, or nothing at all. */
export interface StrategyInstance {
  /**
   * Runs one task per input and resolves with the outputs in input order. Rejects when a task throws or a
   * worker dies. When `cancel` is cancelled (the watchdog fired), stops starting tasks and rejects soon
   * after; the caller then closes the instance.
   */
  runBatch(inputs: readonly unknown[], cancel: CancelToken): Promise<unknown[]>;
  /**
   * Optional, untimed: turns the prepared inputs into what `runBatch` takes for one sample (fresh copies to
   * transfer, views on shared memory). Runs before each batch, outside the measured time.
   */
  stage?(inputs: readonly unknown[]): unknown[] | Promise<unknown[]>;
  /**
   * Optional: the cumulative CPU time and current memory of the processes this instance started (not this
   * one's): the metrics probe adds it to the cell's resource use.
   */
  usage?(): Promise<ExternalUsage>;
  /** Releases everything (terminates workers and processes). Safe to call twice. */
  close(): Promise<void>;
  /** What this instance used, recorded with the cell. */
  readonly options: StrategyOptions;
}

/**
 * A way of running tasks: sequentially, on the event loop, in worker threads, in processes ...
 * Runners implement these per runtime; `sequential` and `async` are portable and live in core.
 */
export interface Strategy {
  /** Stable name used on the command line and in results (`piscina`, `worker`). */
  readonly name: string;
  /** One sentence for `--help` and reports. */
  readonly description: string;
  /**
   * Returns a reason when this strategy cannot run the workload here (recorded as an `unsupported` cell),
   * or `true`. Absent means always supported.
   */
  supports?(workload: AnyWorkload): true | string;
  /**
   * Sets up an instance and resolves once it can run tasks at full speed (workers started and the workload
   * module loaded in each). The time this takes is recorded as the cell's start-up time.
   */
  create(context: StrategyContext): Promise<StrategyInstance>;
}

/** Runs `count` lanes that each pull the next index until `total` is reached or `cancel` is cancelled. */
export async function runLanes(
  total: number,
  count: number,
  cancel: CancelToken,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < total) {
      cancel.throwIfCancelled();
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, total) }, lane));
}
