import type { Cell } from '@paralab/core';
import { primes } from '@paralab/core/workloads';

/** What the report knows about the sizes of one sample's tasks. */
export interface TaskBound {
  /** total work / largest task: no concurrency level can beat this speedup. */
  bound: number;
  /** How the bound was found, in words. */
  note: string;
}

/** Task durations as the sequential cell of a CPU or mixed group records them (results schema v2). */
export type TaskDurations = NonNullable<Cell['tasks']>;

/** The `tasks` record of a sequential cell, if it has one. */
export function sequentialTasks(cell: Pick<Cell, 'tasks'> | undefined): TaskDurations | undefined {
  return cell?.tasks;
}

/**
 * Results files of schema v1 do not record task sizes: for them, the built-in workloads whose tasks in
 * one sample all cost about the same.
 */
const EQUAL_TASKS = new Set([
  'sha256',
  'blur',
  'json',
  'regex-meta',
  'sleep',
  'http',
  'pipeline',
  'noop',
  'file',
]);

const primeCosts = new Map<number, number>();

/** Trial-division loop iterations `primes` spends on `n` (6k ± 1 steps up to the smallest factor or √n). */
function trialDivisionCost(n: number): number {
  const cached = primeCosts.get(n);
  if (cached !== undefined) return cached;
  const limit = Math.floor(Math.sqrt(n));
  let k = 5;
  if (n % 2 !== 0 && n % 3 !== 0) {
    while (k <= limit && n % k !== 0 && n % (k + 2) !== 0) k += 6;
  }
  const cost = Math.max(1, (k - 5) / 6 + 1);
  primeCosts.set(n, cost);
  return cost;
}

/** Per-task costs of a `primes` sample, from core's own input list. */
function primesCosts(params: Cell['params']): number[] | undefined {
  const list = params.list;
  if (list !== 'seeds' && list !== 'balanced') return undefined;
  const inputs = primes.prepare({ list }, { seed: 1 });
  if (!Array.isArray(inputs)) return undefined;
  return inputs.map(({ n }) => trialDivisionCost(n));
}

function measuredBound(tasks: TaskDurations): TaskBound | undefined {
  if (!(tasks.maxMs > 0 && tasks.totalMs > 0)) return undefined;
  const share = ((tasks.maxMs / tasks.totalMs) * 100).toFixed(0);
  const what = tasks.phase === 'cpu' ? "each task's CPU phase" : 'each task';
  return {
    bound: tasks.totalMs / tasks.maxMs,
    note: `${tasks.n} tasks, ${what} timed alone on the measuring thread: the largest is ${share}% of the work`,
  };
}

/**
 * The task-size bound of METHOD.md for a cell's workload: ideal speedup = min(N, total work / largest task).
 * From the task durations the group's sequential cell recorded (`tasks`, schema v2) when given; otherwise,
 * for files that do not record them, from the built-in workloads (equal tasks, or `primes`, whose `seeds`
 * list has unequal costs computed from the list itself); undefined when the report cannot know.
 */
export function taskBound(
  cell: Pick<Cell, 'workload' | 'params' | 'tasksPerSample'>,
  tasks?: TaskDurations,
): TaskBound | undefined {
  if (tasks) return measuredBound(tasks);
  if (cell.workload === 'primes') {
    const costs = primesCosts(cell.params);
    if (!costs || costs.length === 0) return undefined;
    const total = costs.reduce((sum, cost) => sum + cost, 0);
    const largest = Math.max(...costs);
    const bound = total / largest;
    const equal = costs.every((cost) => cost === costs[0]);
    const note = equal
      ? `${costs.length} tasks of equal cost`
      : `${costs.length} tasks of unequal cost: the largest is ${((largest / total) * 100).toFixed(0)}% of the work`;
    return { bound, note };
  }
  if (EQUAL_TASKS.has(cell.workload) && cell.tasksPerSample > 0) {
    return { bound: cell.tasksPerSample, note: `${cell.tasksPerSample} tasks of equal cost` };
  }
  return undefined;
}

/** Ideal speedup at concurrency `n`: min(n, bound), or n when the bound is unknown. */
export function idealSpeedup(n: number, bound: TaskBound | undefined): number {
  return bound ? Math.min(n, bound.bound) : n;
}
