import { type Cell, speedupWithCi } from '@paralab/core';
import type { Aggregate, Entry, Machine, Run } from '../shared/aggregate.js';
import { idealSpeedup, sequentialTasks, type TaskBound, taskBound } from '../shared/task-sizes.js';

/** One cell's speedup over sequential, as a point of a speedup-vs-concurrency line. */
export interface SpeedupPoint {
  run: Run;
  entry: Entry;
  strategy: string;
  /** `cell.family`. */
  family: string;
  /** Concurrency N. */
  n: number;
  /** Speedup over the run's sequential cell, with its bootstrap CI (the sequential cell's own: [1, 1]). */
  ratio: number;
  lo: number;
  hi: number;
  /** ratio / N. */
  efficiency: number;
  /** min(N, task-size bound), or N when the bound is unknown. */
  ideal: number;
  flags: readonly string[];
}

/** The task-size bound one run's cells are held against. */
export interface RunBound {
  run: Run;
  bound: TaskBound;
}

/** Speedup vs concurrency for one workload × params on one machine: a panel per runtime. */
export interface SpeedupPanel {
  machine: Machine;
  group: string;
  workload: string;
  kind: Cell['kind'];
  points: SpeedupPoint[];
  /** Per run, the task-size bound when the report knows the workload's task sizes. */
  bounds: RunBound[];
}

function boundOf(run: Run, entries: readonly Entry[]): TaskBound | undefined {
  const mine = entries.filter((entry) => entry.run === run);
  const sequential = mine.find((entry) => entry.cell.family === 'sequential' && entry.cell.status === 'ok');
  const first = mine[0]?.cell;
  return first ? taskBound(first, sequentialTasks(sequential?.cell)) : undefined;
}

function toPoint(entry: Entry, bound: TaskBound | undefined): SpeedupPoint | undefined {
  const { cell, run } = entry;
  const speedup = speedupWithCi(cell);
  if (cell.status !== 'ok' || !speedup) return undefined;
  return {
    run,
    entry,
    strategy: cell.strategy,
    family: cell.family,
    n: cell.concurrency,
    ...speedup,
    efficiency: speedup.ratio / cell.concurrency,
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
      const bounds = machine.runs.flatMap((run) => {
        const bound = boundOf(run, entries);
        return bound && entries.some((entry) => entry.run === run) ? [{ run, bound }] : [];
      });
      const points = entries.flatMap(
        (entry) => toPoint(entry, bounds.find((b) => b.run === entry.run)?.bound) ?? [],
      );
      return {
        machine,
        group,
        workload: first?.workload ?? group,
        kind: first?.kind ?? 'cpu',
        points,
        bounds,
      };
    });
  });
}
