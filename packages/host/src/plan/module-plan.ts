/**
 * The plan for one of a user's workloads, in the roles a runner names for the default plan: one
 * representative of each family at the default levels of the workload's kind (sequential; async; raw
 * threads and the first pool; warm processes; hybrid when the workload is split; the serving strategies
 * alone for a served workload, the event loop at 1), and, for CPU work, the
 * empty-task cells of those strategies at the core count: each strategy's own per-task cost, which the
 * cost model reads to answer "is a worker worth it?" for the user's task.
 */
import { type AnyWorkload, defaultConcurrency } from '@paralab/core';
import type { PlanEntry, PlanStrategies } from './plan-entry.js';

/** The module plan of `workload` on a machine of `cores` cores, in the strategy names of `s`. */
export function modulePlan(workload: AnyWorkload, cores: number, s: PlanStrategies): PlanEntry[] {
  // A served workload is measured as a server under load: only serving strategies run it.
  if (workload.served && s.serve?.length) {
    const why = 'your served workload: one event loop versus N workers, under HTTP load';
    return [{ workload: workload.id, strategies: [...s.serve], concurrency: [cores], why }];
  }
  const first = (names: readonly string[]): string[] => names.slice(0, 1);
  const offThread = [...first(s.threads), ...first(s.pools), ...first(s.processes)];
  const own: PlanEntry = {
    workload: workload.id,
    strategies: ['sequential', 'async', ...offThread, ...(workload.split ? first(s.hybrid) : [])],
    concurrency: defaultConcurrency(workload.kind, cores),
    why: 'your workload: one representative of each family',
  };
  if (workload.kind !== 'cpu') return [own];
  return [
    own,
    {
      workload: 'noop',
      strategies: ['sequential', ...offThread],
      ...(s.floors ? { floors: s.floors } : {}),
      concurrency: [cores],
      why: "empty tasks: each strategy's own cost per task, which the cost model reads for your tasks",
    },
  ];
}
