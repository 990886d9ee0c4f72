import type { Cell } from '@paralab/core';
import type { Aggregate, Entry, Machine, Run } from './aggregate.js';
import { idealSpeedup, type TaskBound, taskBound } from './task-sizes.js';

/** One cell's speedup over sequential, as a point of a speedup-vs-concurrency line. */
export interface SpeedupPoint {
  run: Run;
  /** The line it belongs to: `node · piscina`. */
  series: string;
  strategy: string;
  /** Concurrency N. */
  n: number;
  /** Speedup over the run's sequential cell, with its bootstrap CI (from the results file). */
  ratio: number;
  lo: number;
  hi: number;
  /** ratio / N. */
  efficiency: number;
  /** min(N, task-size bound), or N when the bound is unknown. */
  ideal: number;
  flags: readonly string[];
}

/** Speedup vs concurrency for one workload × params on one machine (every runtime on it). */
export interface SpeedupPanel {
  machine: Machine;
  group: string;
  workload: string;
  kind: Cell['kind'];
  points: SpeedupPoint[];
  /** The task-size bound, when the report knows the workload's task sizes. */
  bound?: TaskBound;
}

function toPoint(entry: Entry, bound: TaskBound | undefined): SpeedupPoint | undefined {
  const { cell, run } = entry;
  if (cell.status !== 'ok' || !cell.speedup) return undefined;
  return {
    run,
    series: `${run.label} · ${cell.strategy}`,
    strategy: cell.strategy,
    n: cell.concurrency,
    ...cell.speedup,
    efficiency: cell.speedup.ratio / cell.concurrency,
    ideal: idealSpeedup(cell.concurrency, bound),
    flags: cell.flags,
  };
}

/** One panel per machine × workload group, points from every run of that machine that has a speedup. */
export function speedupPanels(aggregate: Aggregate): SpeedupPanel[] {
  return aggregate.machines.flatMap((machine) => {
    const groups = new Map<string, Entry[]>();
    for (const entry of machine.runs.flatMap((run) => run.entries)) {
      groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
    }
    return [...groups].map(([group, entries]): SpeedupPanel => {
      const first = entries[0]?.cell;
      const bound = first ? taskBound(first) : undefined;
      const points = entries.flatMap((entry) => toPoint(entry, bound) ?? []);
      return {
        machine,
        group,
        workload: first?.workload ?? group,
        kind: first?.kind ?? 'cpu',
        points,
        ...(bound ? { bound } : {}),
      };
    });
  });
}
