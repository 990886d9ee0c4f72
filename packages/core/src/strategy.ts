import type { CancelToken } from './cancel.js';
import type { Family } from './family.js';
import type { AnyWorkload, ParamValue, Services } from './workload.js';

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
  /** The run's loopback services (a serving strategy drives its load through the load generator). */
  readonly services?: Services;
  /**
   * The watchdog of one batch, ms (the profile's `sampleTimeoutMs`): a strategy that hands its batch to
   * another process (the load generator) gives it a deadline below this, so that it ends first.
   */
  readonly sampleTimeoutMs?: number;
}

/**
 * A batch that ran, was timed and was checked somewhere else (a served batch: the load generator sent
 * the requests, timed them and checked every response), as `runChecked` resolves with it. The
 * loop records `elapsedMs` as the sample, and the cell is `invalid` unless every task was right.
 */
export interface CheckedBatch {
  readonly type: 'checked';
  /** The batch's wall time as measured where it ran, ms: the sample (the loop's own clock is not used). */
  readonly elapsedMs: number;
  /** Who checked the outputs, for messages: `the load generator`. */
  readonly checkedBy: string;
  /** Tasks whose output was checked and right. */
  readonly right: number;
  /**
   * Present when some outputs were wrong: one line naming counts and a sample (`3 of 300 responses were
   * wrong: POST /task: body "..." ...`). The cell becomes `invalid` with it.
   */
  readonly wrong?: string;
  /** What the load generator measured of a served batch, kept for every kept sample (`metrics.serve`). */
  readonly served?: ServedSample;
}

/** One served batch as the load generator saw it (see `LoadResult`), summarized into `metrics.serve`. */
export interface ServedSample {
  /** Answered requests per second of the batch's wall time. */
  readonly requestsPerSecond: number;
  /** Per-request latency percentiles, ms (request written to response complete). */
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
    readonly mean: number;
  };
  /** CPU time of every server process over the batch, user + system, ms; undefined where unreadable. */
  readonly serverCpuMs?: number;
  /** Resident memory of every server process together at the batch's end, bytes; undefined where unreadable. */
  readonly serverRssBytes?: number;
  /** The load generator's own CPU over the batch, user + system, ms (it shares the machine's cores). */
  readonly generatorCpuMs: number;
  /** Share of the batch during which the generator's event loop was busy, 0 to 1 (near 1: it limited). */
  readonly generatorEventLoopUtilization: number;
  /** Bytes received by the generator (headers and bodies). */
  readonly bytes: number;
  /** What the generator spent before the batch (building requests and clients), ms: not in the sample. */
  readonly setupMs: number;
  /** Processes the server ran (every one watched). */
  readonly serverProcesses: number;
  /** Which generator measured it: `autocannon 9.0.0 on node 20.20.2`. */
  readonly generator: string;
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
   * Optional: runs one batch that is timed and checked somewhere else (served over HTTP: the load
   * generator times the batch and checks every response) and resolves with what was found there. When
   * present, the loop calls it instead of `runBatch` (whose outputs such a batch does not have) and records
   * its `elapsedMs` as the sample. Rejects, and stops, like `runBatch`.
   */
  runChecked?(inputs: readonly unknown[], cancel: CancelToken): Promise<CheckedBatch>;
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
  /**
   * Optional: a fault that a peer reported after the last batch ended (an unhandled rejection of a task) and
   * that no batch has heard yet. The loop asks once a group's sampling ends, so it errors the cell too.
   */
  fault?(): Error | undefined;
  /** Releases everything (terminates workers and processes). Safe to call twice. */
  close(): Promise<void>;
  /** What this instance used, recorded with the cell. */
  readonly options: StrategyOptions;
}

/** What a strategy is known by where it is only planned and listed (its code runs elsewhere, in a page). */
export interface StrategyInfo {
  /** Stable kebab-case name used on the command line and in results (`piscina`, `worker-pipelined`). */
  readonly name: string;
  /** One sentence for `--help` and reports. */
  readonly description: string;
  /** Its kind of concurrency, recorded with each cell. */
  readonly family: Family;
  /**
   * True for a serving strategy: it starts an HTTP server that runs the workload's task per request and
   * drives each batch as HTTP load from the load generator. It runs only workloads that declare `served`,
   * and such workloads run only under serving strategies (either way the cell is `unsupported`).
   */
  readonly serves?: boolean;
  /**
   * The only concurrency it runs at (one event loop serving: 1); planned at it alone, like `sequential`.
   */
  readonly fixedConcurrency?: number;
}

/**
 * A way of running tasks: sequentially, on the event loop, in worker threads, in processes ...
 * Runners implement these per runtime; `sequential` and `async` are portable and live in core, and so do the
 * generic pools over a runtime's `Launcher` (`poolStrategy`, `perTaskStrategy`, `sharedStrategy`).
 */
export interface Strategy extends StrategyInfo {
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
