import { type BestDecision, type Cell, decideBest } from '@paralab/core';
import { type Aggregate, byGroup, type Entry, type Run } from '../shared/aggregate.js';

/** Kinds of work the answer speaks of: the cell's kind, or the service its workload needs. */
export type Work = Cell['kind'] | 'database' | 'serve';

/**
 * The kind of work a cell is answered under: serving HTTP (its workload needs the load generator),
 * database queries (it needs the database), else its kind (CPU, I/O, mixed).
 */
export function workOf(cell: Cell): Work {
  if (cell.services?.includes('load-generator')) return 'serve';
  if (cell.services?.includes('database')) return 'database';
  return cell.kind;
}

/** The indifference zone of every decision in the report: cells within 5% of the fastest are as good. */
export const DELTA = 0.05;

/** What to use for one workload (with its parameters) on one run, by core's decision rule. */
export interface Decision {
  run: Run;
  /** `workload(params)`. */
  group: string;
  workload: string;
  kind: Cell['kind'];
  /** The kind of work the answer files it under (`workOf`). */
  work: Work;
  /** Every cell of the group, valid or not. */
  entries: Entry[];
  /** core's `decideBest` over the group's cells (delta 5%, cores = the machine's availableParallelism). */
  best: BestDecision;
  /** The cores the decision assumed. */
  cores: number;
}

/** The entry of a cell of the decision (the cell the decision names). */
export function entryOf(decision: Decision, cell: Cell | undefined): Entry | undefined {
  return cell ? decision.entries.find((entry) => entry.cell === cell) : undefined;
}

/**
 * For each run and each workload × params group: `decideBest` (METHOD.md's multiple comparisons with the
 * best) with delta = 5% and the tie-break's cores = the run's `availableParallelism`. Cells that are not
 * ok take no part (their status says why); ok cells with fewer than 5 samples, no statistics or a 0 ms
 * sample are listed in `best.excluded`.
 */
export function decide(aggregate: Aggregate): Decision[] {
  return aggregate.runs.flatMap((run) =>
    [...byGroup(run.entries)].map(([group, entries]) => decideGroup(run, group, entries)),
  );
}

function decideGroup(run: Run, group: string, entries: Entry[]): Decision {
  const first = entries[0]?.cell;
  const cores = run.file.results.machine.availableParallelism;
  const best = decideBest(
    entries.map((entry) => entry.cell),
    { delta: DELTA, cores },
  );
  const kind = first?.kind ?? 'cpu';
  const work = first ? workOf(first) : kind;
  return { run, group, workload: first?.workload ?? group, kind, work, entries, best, cores };
}
