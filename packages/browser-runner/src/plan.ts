/**
 * The browser runner's default plan: the Node plan's questions asked of a page, where the main thread is
 * the UI. CPU speedup versus Web Workers (C3, C4, C8), clone versus transfer versus shared memory for image
 * data, batching (C9), I/O concurrency under the browser's own limits (C1, C2, C7), mixed work (C10), a
 * blocked main thread (C5), memory (C11), and the processes a page does not have (C6).
 */
import { importModule, type PlanEntry } from '@paralab/node-runner';

/** The modules of built-in workloads in a browser run: core's, then the browser's own (`file` on OPFS). */
export const BROWSER_BUILTIN_MODULES: readonly string[] = Object.freeze([
  '@paralab/core/workloads',
  '@paralab/browser-runner/workloads',
]);

/**
 * Imports a workload module on Node, to plan with it: package names are resolved from this package (its
 * own built-ins included), files as node-runner loads them (TypeScript through tsx).
 */
export function loadForPlanning(specifier: string): Promise<Record<string, unknown>> {
  const bare = !specifier.startsWith('file:') && !specifier.startsWith('.') && !specifier.startsWith('/');
  return importModule(bare ? import.meta.resolve(specifier) : specifier);
}

const THREAD_POOLS = ['worker', 'worker-pipelined', 'workerpool'];

/** The default plan for a page that sees `cores` cores (`navigator.hardwareConcurrency`). */
export function defaultBrowserPlan(cores: number): PlanEntry[] {
  const sweep = [...new Set([1, 2, 4, 2 * cores])].sort((a, b) => a - b);
  return [
    {
      workload: 'primes',
      params: { list: 'balanced' },
      strategies: ['sequential', 'worker', 'workerpool'],
      concurrency: sweep,
      why: 'CPU speedup versus Web Workers (C3, C8): equal-cost tasks, 1 to 2x cores',
    },
    {
      workload: 'primes',
      params: { list: 'balanced' },
      strategies: ['async', 'worker-pipelined', 'process'],
      concurrency: [cores],
      why: 'async on CPU work (C4); processes, which a page does not have (C6: recorded unsupported)',
    },
    {
      workload: 'primes',
      params: { list: 'seeds' },
      strategies: ['sequential', 'worker'],
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
      strategies: ['sequential', 'worker', 'worker-pipelined'],
      concurrency: [cores],
      why: 'granularity: the same 16 MiB hashed as many small tasks or few large ones (C9)',
    })),
    {
      workload: 'blur',
      strategies: ['sequential', 'async', 'worker', 'transfer', 'shared', 'workerpool'],
      concurrency: [cores],
      why: 'image data: structured clone versus transfer versus SharedArrayBuffer',
    },
    ...['json', 'regex-meta'].map((workload) => ({
      workload,
      strategies: ['sequential', 'async', 'worker'],
      concurrency: [cores],
      why: 'data transforms and regular-expression scans: is the data worth moving to a worker?',
    })),
    {
      workload: 'noop',
      strategies: ['sequential', ...THREAD_POOLS],
      concurrency: [...new Set([1, cores])],
      why: 'per-task cost of each strategy on empty tasks, against the calibration floors',
    },
    {
      workload: 'sleep',
      strategies: ['sequential', 'async'],
      concurrency: [10, 100],
      why: 'pure waiting on the main thread, 10 and 100 in flight (C2)',
    },
    {
      workload: 'sleep',
      params: { tasks: 10_000, ms: 50 },
      strategies: ['async'],
      concurrency: [10_000],
      why: 'ten thousand concurrent timers on the main thread: time and memory (C7, C11)',
    },
    {
      workload: 'sleep',
      params: { tasks: 10_000, ms: 50 },
      strategies: ['worker-pipelined'],
      concurrency: [cores],
      why: 'the same ten thousand timers spread over Web Workers (C7, C11)',
    },
    {
      workload: 'http',
      params: { requests: 20, latencyMs: 50 },
      strategies: ['sequential', 'async', 'worker', 'process'],
      concurrency: [10],
      why: 'API calls: sequential versus 10 in flight (C1, C2); a browser allows 6 connections per host',
    },
    {
      workload: 'http',
      params: { requests: 100, latencyMs: 50 },
      strategies: ['async'],
      concurrency: [10, 100],
      why: "the articles' 100 API calls at 50 ms: all 100 in flight still wait on 6 connections (C1, C7)",
    },
    {
      workload: 'file',
      strategies: ['sequential', 'async', 'worker'],
      concurrency: [10],
      why: 'file writes and reads on the origin private file system (C2)',
    },
    {
      workload: 'pipeline',
      strategies: ['sequential', 'async', 'hybrid'],
      concurrency: [10],
      why: 'fetch then compute: fetches on the main thread alone, and with the CPU part in a pool (C10)',
    },
    {
      workload: 'pipeline',
      strategies: ['worker'],
      concurrency: [cores],
      why: 'fetch then compute, everything in Web Workers sized to the cores (C10)',
    },
    {
      workload: 'blocking',
      strategies: ['sequential', 'async', 'worker'],
      concurrency: [10],
      why: 'CPU work on the main thread stalls every timer (jank); in Web Workers it does not (C5)',
    },
  ];
}
