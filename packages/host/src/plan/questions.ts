/**
 * The default plan of every runner: which workloads, parameter sets, strategies and concurrency levels a
 * plain run measures, chosen so that every question of the seeds gets the cells it needs: CPU speedup
 * versus cores (C3, C4, C8), I/O concurrency (C1, C2, C7), process start-up (C6), batching (C9), mixed
 * work (C10), memory (C11) and a blocked event loop (C5). Each runner names its own strategies for each
 * role (`PlanStrategies`); the questions are the same everywhere, so runtimes compare cell by cell.
 */
import { grainEntries } from './grain-sweep.js';
import type { PlanEntry, PlanStrategies } from './plan-entry.js';

/** The default plan for a machine with `cores` available cores, in a runner's strategy names. */
export function questionPlan(cores: number, s: PlanStrategies): PlanEntry[] {
  const sweep = [...new Set([1, 2, 4, 2 * cores])].sort((a, b) => a - b);
  const first = (names: readonly string[]): string[] => names.slice(0, 1);
  const rest = (names: readonly string[]): string[] => names.slice(1);
  const entries: PlanEntry[] = [
    {
      workload: 'primes',
      params: { list: 'balanced' },
      strategies: ['sequential', ...first(s.threads), ...first(s.pools), ...first(s.processes)],
      concurrency: sweep,
      quick: { concurrency: [cores] },
      why: 'CPU speedup versus workers (C3, C8): equal-cost tasks, 1 to 2x cores',
    },
    {
      workload: 'primes',
      params: { list: 'balanced' },
      strategies: [
        'async',
        ...rest(s.threads),
        ...s.pipelined,
        ...rest(s.pools),
        ...rest(s.processes),
        ...s.cold,
      ],
      concurrency: [cores],
      quick: { strategies: ['async', ...first(s.pipelined)] },
      why: 'async on CPU work (C4), every other pool and per-task processes at the core count (C6)',
    },
    {
      workload: 'primes',
      params: { list: 'seeds' },
      strategies: ['sequential', ...s.threads, ...first(s.pools)],
      concurrency: [cores],
      quick: false,
      why: "the articles' own prime list (unequal task costs)",
    },
    ...[
      { buffers: 1024, kib: 16 },
      { buffers: 128, kib: 128 },
      { buffers: 16, kib: 1024 },
    ].map((params) => ({
      workload: 'sha256',
      params,
      strategies: ['sequential', ...first(s.threads), ...first(s.pipelined), ...first(s.pools)],
      concurrency: [cores],
      // The extremes of the granularity question.
      ...(params.kib === 128 ? { quick: false as const } : {}),
      why: 'granularity: the same 16 MiB hashed as many small tasks or few large ones (C9)',
    })),
    {
      workload: 'blur',
      strategies: [
        'sequential',
        'async',
        ...first(s.threads),
        ...s.transfer,
        ...s.shared,
        ...first(s.pools),
        ...first(s.processes),
      ],
      concurrency: [cores],
      quick: { strategies: ['sequential', ...first(s.threads), ...s.transfer, ...s.shared] },
      why: 'data-heavy CPU work: clone versus transfer versus shared memory versus processes',
    },
    ...['json', 'regex-meta'].map((workload) => ({
      workload,
      strategies: ['sequential', 'async', ...first(s.threads), ...first(s.pools), ...first(s.processes)],
      concurrency: [cores],
      ...(workload === 'json'
        ? { quick: { strategies: ['sequential', ...first(s.threads), ...first(s.processes)] } }
        : { quick: false as const }),
      why: 'data transforms and regular-expression scans: is the data worth moving?',
    })),
    {
      workload: 'noop',
      strategies: ['sequential', ...s.threads, ...s.pipelined, ...s.pools, ...first(s.processes)],
      ...(s.floors ? { floors: s.floors } : {}),
      concurrency: [...new Set([1, cores])],
      // Every raw thread kind: each is a dispatch target's subject, held against its own floor.
      quick: {
        strategies: ['sequential', ...s.threads, ...s.pipelined, ...first(s.pools), ...first(s.processes)],
      },
      why: 'per-task cost of each strategy on empty tasks, against the calibration floors',
    },
    ...ioEntries(cores, s),
    ...(s.extra?.(cores) ?? []),
    ...(s.database ? databaseEntries(cores, s) : []),
    ...mixedEntries(cores, s),
    ...grainEntries(cores, s),
    ...serveEntries(cores, s.serve ?? []),
  ];
  return entries.filter((entry) => entry.strategies.length > 0).map(withQuickSize);
}

type Params = NonNullable<PlanEntry['params']>;

/**
 * Smaller tasks for the quick profile, by workload (see `PlanEntry.quick`): each sequential sample stays
 * within a few tens of milliseconds, so a cell reaches the minimum sample count within its budget, and
 * each task stays well above the dispatch floor. I/O cells keep their latency where a target needs it.
 */
const QUICK_SIZES: Readonly<Record<string, (params: Params) => Params>> = {
  primes: (p): Params => (p.list === 'balanced' ? { list: 'balanced-small' } : {}),
  sha256: (p) => ({ buffers: Number(p.buffers) / 4 }),
  blur: () => ({ size: 256 }),
  json: () => ({ documents: 8, kib: 256 }),
  'regex-meta': () => ({ pages: 32 }),
  sleep: (p): Params => (p.tasks === undefined ? { tasks: 20 } : {}),
  http: (p): Params => (p.requests === 20 ? { latencyMs: 10 } : {}),
  file: () => ({ files: 40 }),
  pipeline: () => ({ documents: 6 }),
  blocking: () => ({ timers: 20 }),
  serve: (p) => ({ requests: QUICK_SERVE_REQUESTS[String(p.cpuMs)] ?? 100 }),
};

/**
 * Requests per sample of the serving cells, by CPU per request: each sample stays around 0.2-0.5 s for
 * one event loop (about 15k, 4k and 1.2k requests/s here), enough requests for a p99 (the 99th
 * percentile of 300 requests is the third slowest).
 */
const SERVE_REQUESTS: Readonly<Record<string, number>> = { '0': 4000, '0.2': 1500, '1': 400 };
/** The same in the quick profile: about 0.1 s a sample, so a runtime's serving cells take ~20 s in all. */
const QUICK_SERVE_REQUESTS: Readonly<Record<string, number>> = { '0': 1000, '0.2': 400, '1': 100 };

function withQuickSize(entry: PlanEntry): PlanEntry {
  if (entry.quick === false) return entry;
  const size = QUICK_SIZES[entry.workload]?.(entry.params ?? {});
  if (!size || Object.keys(size).length === 0) return entry;
  return { ...entry, quick: { ...entry.quick, params: { ...entry.quick?.params, ...size } } };
}

function ioEntries(cores: number, s: PlanStrategies): PlanEntry[] {
  const first = (names: readonly string[]): string[] => names.slice(0, 1);
  return [
    {
      workload: 'sleep',
      strategies: ['sequential', 'async'],
      concurrency: [10, 100],
      quick: { concurrency: [10] },
      why: 'pure waiting on the event loop, 10 and 100 in flight (C2)',
    },
    {
      workload: 'sleep',
      strategies: [...first(s.threads), ...first(s.pools)],
      concurrency: [10],
      quick: { strategies: first(s.threads) },
      why: 'the same waits on 10 threads (C2, C4)',
    },
    {
      workload: 'sleep',
      params: { tasks: 10_000, ms: 50 },
      strategies: ['async'],
      concurrency: [10_000],
      quick: false,
      why: 'ten thousand concurrent waits on the event loop: time and memory (C7, C11)',
    },
    {
      workload: 'sleep',
      params: { tasks: 10_000, ms: 50 },
      strategies: first(s.pipelined),
      concurrency: [cores],
      quick: false,
      why: 'the same ten thousand waits spread over worker threads (C7, C11)',
    },
    {
      workload: 'http',
      params: { requests: 20, latencyMs: 50 },
      strategies: ['sequential', 'async', ...first(s.threads), ...first(s.pools), ...first(s.processes)],
      concurrency: [10],
      quick: { strategies: ['sequential', 'async', ...first(s.threads), ...first(s.processes)] },
      why: 'API calls: sequential versus 10 in flight (C1, C2)',
    },
    {
      workload: 'http',
      params: { requests: 100, latencyMs: 50 },
      strategies: ['async'],
      concurrency: [10, 100],
      // All in flight: the I/O target holds it against a plain Promise.all.
      quick: { concurrency: [100] },
      why: "the articles' 100 API calls at 50 ms each; all 100 in flight approach one latency (C1, C7)",
    },
    {
      workload: 'http',
      params: { requests: 100, latencyMs: 50 },
      strategies: ['promise-all'],
      concurrency: [100],
      why: "the same 100 calls as a plain Promise.all: the floor paralab's async loop is held against",
    },
    {
      workload: 'file',
      strategies: ['sequential', 'async', ...first(s.threads), ...first(s.pools)],
      concurrency: [10],
      quick: { strategies: ['sequential', 'async', ...first(s.threads)] },
      why: 'file writes and reads (C2)',
    },
  ];
}

function databaseEntries(cores: number, s: PlanStrategies): PlanEntry[] {
  const first = (names: readonly string[]): string[] => names.slice(0, 1);
  return [
    {
      workload: 'db',
      params: { variant: 'sleep', queries: 100, latencyMs: 10 },
      quick: { params: { latencyMs: 2 }, concurrency: [10] },
      strategies: ['sequential', 'async'],
      concurrency: [10, 100],
      why: 'database queries on a real PostgreSQL: one connection versus a pool of 10 and 100 (C2)',
    },
    {
      workload: 'db',
      params: { variant: 'sleep', queries: 100, latencyMs: 10 },
      quick: { params: { latencyMs: 2 }, strategies: first(s.threads) },
      strategies: [...first(s.threads), ...first(s.processes)],
      concurrency: [10],
      why: 'the same queries from 10 threads or processes, each holding its own connection (C2, C4)',
    },
    {
      workload: 'db',
      params: { variant: 'digest', queries: 20 },
      strategies: ['sequential', 'async', ...s.hybrid],
      concurrency: [cores],
      why: 'query results that need CPU work: async I/O alone, or with the hashing in a pool (C10)',
    },
  ];
}

function mixedEntries(cores: number, s: PlanStrategies): PlanEntry[] {
  const first = (names: readonly string[]): string[] => names.slice(0, 1);
  return [
    {
      workload: 'pipeline',
      strategies: ['sequential', 'async', ...s.hybrid],
      concurrency: [10],
      why: 'fetch then compute: async I/O alone, and async I/O plus a pool for the CPU part (C10)',
    },
    {
      workload: 'pipeline',
      strategies: [...first(s.threads), ...first(s.pools), ...first(s.processes)],
      concurrency: [cores],
      quick: { strategies: first(s.threads) },
      why: 'fetch then compute, everything in a pool or processes sized to the cores (C10)',
    },
    {
      workload: 'blocking',
      strategies: ['sequential', 'async', ...first(s.threads)],
      concurrency: [10],
      why: 'CPU work on the event loop stalls every timer; in workers it does not (C5)',
    },
  ];
}

/**
 * Serving HTTP: requests/s and latency of one event loop against N workers (a cluster, a loop offloading
 * its CPU work to N threads, N processes sharing the port) at 0, 0.2 and 1 ms of CPU per request, under
 * the load generator (its own process) over 16 connections.
 */
function serveEntries(cores: number, serve: readonly string[]): PlanEntry[] {
  if (serve.length === 0) return [];
  const [loop, ...workers] = serve;
  return [0, 0.2, 1].flatMap((cpuMs): PlanEntry[] => {
    const params = { cpuMs, requests: SERVE_REQUESTS[String(cpuMs)] ?? 400, connections: 16 };
    const why = `serving HTTP at ${cpuMs} ms of CPU per request: one event loop versus N workers`;
    // The quick profile serves at 0 and 1 ms of CPU, with a cluster and offloading as the N workers.
    const skip = cpuMs === 0.2;
    return [
      {
        workload: 'serve',
        params,
        strategies: loop ? [loop] : [],
        concurrency: [1],
        ...(skip ? { quick: false as const } : {}),
        why,
      },
      {
        workload: 'serve',
        params,
        strategies: workers,
        concurrency: [cores],
        quick: skip ? false : { strategies: workers.slice(0, 2) },
        why,
      },
    ];
  });
}
