import { defaultNodePlan, type PlanEntry } from '@paralab/node-runner';

/**
 * What each Node plan strategy becomes on Bun: the plain names are Bun's own APIs (`worker`: Web Workers,
 * `process`: `Bun.spawn`), and Node's APIs under Bun are measured beside them under their own names;
 * workerpool runs in thread mode (which hangs under Bun 1.4 and is recorded `unsupported`) and in web mode.
 * `workerpool-process` hangs the same way; it is offered (`-s workerpool-process`) but not planned, as its
 * start-up watchdog would add 6 s to every run to say it again.
 */
const BUN_NAMES: Readonly<Record<string, readonly string[]>> = {
  worker: ['worker', 'worker_threads'],
  'worker-pipelined': ['worker_threads-pipelined'],
  process: ['process', 'child_process.fork'],
  workerpool: ['workerpool', 'workerpool-web'],
};

/**
 * The Bun runner's default plan for a machine with `cores` available cores: node-runner's plan (the same
 * workloads, parameters and concurrency levels, so Node and Bun files compare cell by cell) with its
 * strategies mapped to Bun's (see `BUN_NAMES`).
 */
export function bunPlan(cores: number): PlanEntry[] {
  return defaultNodePlan(cores).map((entry) => ({
    ...entry,
    strategies: [...new Set(entry.strategies.flatMap((name) => BUN_NAMES[name] ?? [name]))],
  }));
}
