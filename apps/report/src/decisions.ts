import { type Cell, fastest, type Verdict } from '@paralab/core';
import { type Aggregate, byGroup, type Entry, type Run } from './aggregate.js';
import { timed } from './compare.js';

/** The fastest strategy of one workload (with its parameters) on one run. */
export interface Decision {
  run: Run;
  /** `workload(params)`. */
  group: string;
  workload: string;
  kind: Cell['kind'];
  /** Every cell of the group, valid or not. */
  entries: Entry[];
  /** core's `fastest` over the group's timed cells; undefined when none is timed. */
  verdict?: Verdict;
  /** 'wins': a clear winner; 'no clear winner': best ~ runner-up; 'only one valid cell'; 'no valid cell'. */
  outcome: 'wins' | 'no clear winner' | 'only one valid cell' | 'no valid cell';
}

/**
 * For each run and each workload × params group, the fastest strategy (any concurrency) by core's `fastest`:
 * lowest median, tested against the runner-up with Mann-Whitney U and the 2% practical gate.
 */
export function decide(aggregate: Aggregate): Decision[] {
  return aggregate.runs.flatMap((run) =>
    [...byGroup(run.entries)].map(([group, entries]) => decideGroup(run, group, entries)),
  );
}

function decideGroup(run: Run, group: string, entries: Entry[]): Decision {
  const first = entries[0]?.cell;
  // Cells with a 0 ms sample have no ratio (bootstrapRatioCi rejects them): they are left out of the race.
  const verdict = fastest(entries.map((entry) => entry.cell).filter(timed));
  const outcome = !verdict
    ? 'no valid cell'
    : !verdict.runnerUp
      ? 'only one valid cell'
      : verdict.clear
        ? 'wins'
        : 'no clear winner';
  return {
    run,
    group,
    workload: first?.workload ?? group,
    kind: first?.kind ?? 'cpu',
    entries,
    outcome,
    ...(verdict ? { verdict } : {}),
  };
}
