// Each task's own duration, for the cost model: one untimed batch run on the measuring thread one task at
// a time (a split task's CPU phase alone, its I/O phase run first and untimed). Recorded with the sequential
// cell of CPU and mixed groups.

import { now } from './platform.js';
import type { Cell } from './schema.js';
import { linearQuantile } from './stats/summary.js';
import type { AnyWorkload } from './workload.js';

/** Tasks kept one by one in the record; above this only the summary is kept. */
const KEEP_EACH = 1_000;

/** Times each task of `inputs` on this thread, one after another; resolves with the summary. */
export async function timeTasks(
  workload: AnyWorkload,
  inputs: readonly unknown[],
): Promise<NonNullable<Cell['tasks']>> {
  const split = workload.kind === 'mixed' ? workload.split : undefined;
  const durations: number[] = [];
  for (const input of inputs) {
    if (split) {
      const intermediate = await split.io(input);
      const begin = now();
      await split.cpu(intermediate);
      durations.push(now() - begin);
    } else {
      const begin = now();
      await workload.run(input);
      durations.push(now() - begin);
    }
  }
  return summarizeTasks(durations, split ? 'cpu' : 'whole');
}

/** The record of task durations (ms, in input order). */
export function summarizeTasks(
  durations: readonly number[],
  phase: 'whole' | 'cpu',
): NonNullable<Cell['tasks']> {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = durations.reduce((sum, ms) => sum + ms, 0);
  return {
    n: durations.length,
    phase,
    totalMs: total,
    meanMs: total / durations.length,
    medianMs: linearQuantile(sorted, 0.5),
    p90Ms: linearQuantile(sorted, 0.9),
    maxMs: sorted[sorted.length - 1] ?? 0,
    ...(durations.length <= KEEP_EACH ? { perTaskMs: [...durations] } : {}),
  };
}
