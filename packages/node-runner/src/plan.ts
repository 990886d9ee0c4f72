/**
 * The Node runner's default plan: which workloads, parameter sets, strategies and concurrency levels a
 * plain `paralab-node` measures, chosen so that every question of the seeds gets the cells it needs:
 * CPU speedup versus cores (C3, C4, C8), I/O concurrency (C1, C2, C7), process start-up (C6), batching
 * (C9), mixed work (C10), memory (C11) and a blocked event loop (C5).
 */

/** One line of a plan: a workload with parameters, crossed with strategies and concurrency levels. */
export interface PlanEntry {
  /** Workload id (built-in or from `--module`). */
  readonly workload: string;
  /** Parameter overrides for this entry (strings or values). */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** Strategy names; `sequential` always gets one cell at concurrency 1. */
  readonly strategies: readonly string[];
  /** Concurrency levels for every strategy but sequential. */
  readonly concurrency: readonly number[];
  /** Why the entry is there (shown by `--plan`). */
  readonly why: string;
}

const THREAD_POOLS = ['worker', 'worker-pipelined', 'piscina', 'workerpool', 'tinypool'];

/** The default plan for a machine with `cores` available cores. */
export function defaultNodePlan(cores: number): PlanEntry[] {
  const sweep = [...new Set([1, 2, 4, 2 * cores])].sort((a, b) => a - b);
  return [
    {
      workload: 'primes',
      params: { list: 'balanced' },
      strategies: ['sequential', 'worker', 'piscina', 'process'],
      concurrency: sweep,
      why: 'CPU speedup versus workers (C3, C8): equal-cost tasks, 1 to 2x cores',
    },
    {
      workload: 'primes',
      params: { list: 'balanced' },
      strategies: ['async', 'worker-pipelined', 'workerpool', 'tinypool', 'process-cold'],
      concurrency: [cores],
      why: 'async on CPU work (C4), every pool library and per-task processes at the core count (C6)',
    },
    {
      workload: 'primes',
      params: { list: 'seeds' },
      strategies: ['sequential', 'worker', 'piscina'],
      concurrency: [cores],
      why: "the articles' own prime list (unequal task costs)",
    },
    ...[
      { buffers: 1024, kib: 16 },
      { buffers: 128, kib: 128 },
      { buffers: 16, kib: 1024 },
    ].map((params) => ({
      workload: 'sha256',
      params,
      strategies: ['sequential', 'worker', 'worker-pipelined', 'piscina'],
      concurrency: [cores],
      why: 'granularity: the same 16 MiB hashed as many small tasks or few large ones (C9)',
    })),
    {
      workload: 'blur',
      strategies: ['sequential', 'async', 'worker', 'transfer', 'shared', 'piscina', 'process'],
      concurrency: [cores],
      why: 'data-heavy CPU work: clone versus transfer versus shared memory versus processes',
    },
    ...['json', 'regex-meta'].map((workload) => ({
      workload,
      strategies: ['sequential', 'async', 'worker', 'piscina', 'process'],
      concurrency: [cores],
      why: 'data transforms and regular-expression scans: is the data worth moving?',
    })),
    {
      workload: 'noop',
      strategies: ['sequential', ...THREAD_POOLS, 'process'],
      concurrency: [...new Set([1, cores])],
      why: 'per-task cost of each strategy on empty tasks, against the calibration floors',
    },
    {
      workload: 'sleep',
      strategies: ['sequential', 'async'],
      concurrency: [10, 100],
      why: 'pure waiting on the event loop, 10 and 100 in flight (C2)',
    },
    {
      workload: 'sleep',
      strategies: ['worker', 'piscina'],
      concurrency: [10],
      why: 'the same waits on 10 threads (C2, C4)',
    },
    {
      workload: 'sleep',
      params: { tasks: 10_000, ms: 50 },
      strategies: ['async'],
      concurrency: [10_000],
      why: 'ten thousand concurrent waits on the event loop: time and memory (C7, C11)',
    },
    {
      workload: 'sleep',
      params: { tasks: 10_000, ms: 50 },
      strategies: ['worker-pipelined'],
      concurrency: [cores],
      why: 'the same ten thousand waits spread over worker threads (C7, C11)',
    },
    {
      workload: 'http',
      params: { requests: 20, latencyMs: 50 },
      strategies: ['sequential', 'async', 'worker', 'piscina', 'process'],
      concurrency: [10],
      why: 'API calls: sequential versus 10 in flight (C1, C2)',
    },
    {
      workload: 'http',
      params: { requests: 100, latencyMs: 50 },
      strategies: ['async'],
      concurrency: [10, 100],
      why: "the articles' 100 API calls at 50 ms each; all 100 in flight approach one latency (C1, C7)",
    },
    {
      workload: 'http-get',
      params: { requests: 100, latencyMs: 50 },
      strategies: ['async'],
      concurrency: [100],
      why: 'the same 100 calls with node:http instead of fetch: what the HTTP client costs',
    },
    {
      workload: 'file',
      strategies: ['sequential', 'async', 'worker', 'piscina'],
      concurrency: [10],
      why: 'file writes and reads (C2)',
    },
    {
      workload: 'pipeline',
      strategies: ['sequential', 'async', 'hybrid'],
      concurrency: [10],
      why: 'fetch then compute: async I/O alone, and async I/O plus a pool for the CPU part (C10)',
    },
    {
      workload: 'pipeline',
      strategies: ['worker', 'piscina', 'process'],
      concurrency: [cores],
      why: 'fetch then compute, everything in a pool or processes sized to the cores (C10)',
    },
    {
      workload: 'blocking',
      strategies: ['sequential', 'async', 'worker'],
      concurrency: [10],
      why: 'CPU work on the event loop stalls every timer; in workers it does not (C5)',
    },
  ];
}
