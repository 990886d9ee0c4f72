/** One line of a plan: a workload with parameters, crossed with strategies and concurrency levels. */
export interface PlanEntry {
  /** Workload id (built-in or from `--module`). */
  readonly workload: string;
  /** Parameter overrides for this entry (strings or values). */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /**
   * What the `quick` profile keeps of the entry: smaller or fewer tasks (`params`), so that an expensive
   * cell still reaches the profile's minimum sample count within its budget (each task stays well above
   * the dispatch floor), and one representative of each family at one level (`strategies`, `concurrency`:
   * subsets of the entry's), so that a whole run stays within minutes. Results record the parameters used,
   * so quick and default cells never pass for each other. `false` leaves the entry out of the quick profile.
   */
  readonly quick?: QuickEntry | false;
  /** Strategy names; `sequential` always gets one cell at concurrency 1. */
  readonly strategies: readonly string[];
  /** Concurrency levels for every strategy but sequential. */
  readonly concurrency: readonly number[];
  /** Calibration probes (`primitive/name`) measured in the same rounds as the entry's cells. */
  readonly floors?: readonly string[];
  /** Why the entry is there (shown by `--plan`). */
  readonly why: string;
}

/** An entry's overrides in the `quick` profile (see `PlanEntry.quick`); absent fields keep the entry's. */
export interface QuickEntry {
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  readonly strategies?: readonly string[];
  readonly concurrency?: readonly number[];
}

/** A runner's strategies by the role they play in the plan (an empty list leaves the role out). */
export interface PlanStrategies {
  /** Raw threads, one task in flight each: the first is swept over concurrency levels (`worker`). */
  readonly threads: readonly string[];
  /** Raw threads with every task posted at once (`worker-pipelined`). */
  readonly pipelined: readonly string[];
  /** Library pools (`piscina`, `workerpool`, `tinypool`): the first is swept with the raw threads. */
  readonly pools: readonly string[];
  /** Warm process pools (`process`; a page's is recorded unsupported). */
  readonly processes: readonly string[];
  /** A fresh process per task (`process-cold`). */
  readonly cold: readonly string[];
  /** Typed arrays moved, and worked on in shared memory (`transfer`, `shared`). */
  readonly transfer: readonly string[];
  readonly shared: readonly string[];
  /** Async I/O on the main thread, CPU phases in a pool (`hybrid`). */
  readonly hybrid: readonly string[];
  /** The runner's sides can query a database (not a page): plan the `db` workload. */
  readonly database?: boolean;
  /** Floors (`primitive/probe`) measured beside the `noop` cells: the raw round trips of its workers. */
  readonly floors?: readonly string[];
  /**
   * Floors measured beside the grain sweep's group nearest the break-even (`GRAIN_FLOORS_AT_US`): the
   * round trips, plain and around a busy peer, of the primitives its strategies run on. The cost model
   * reads a primitive's floors from there when they exist: a round trip's cost moves by 3x from one run
   * (or minute) to the next on a shared machine, and a break-even predicted from floors measured a minute
   * before the sweep then misses the crossing the sweep measures.
   */
  readonly grainFloors?: readonly string[];
  /**
   * Serving strategies (`serve-loop`, `serve-cluster`, `serve-offload`, `serve-reuseport`): the first runs
   * one event loop (planned at concurrency 1), the others N workers, planned at the core count.
   */
  readonly serve?: readonly string[];
  /** Entries of the runner's own (its own workloads, such as `http-get` on Node). */
  readonly extra?: (cores: number) => readonly PlanEntry[];
}
