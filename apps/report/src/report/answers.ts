import { familyRank } from '@paralab/core';
import type { Aggregate, Run } from '../shared/aggregate.js';
import { NOT_WORK } from './claims/_helpers.js';
import { type Decision, type Work, workOf } from './decisions.js';
import { type DecisionText, explain } from './explain.js';

/** The kinds of work the answer speaks of, in order. */
export const KINDS: readonly Work[] = ['cpu', 'io', 'mixed', 'database', 'serve'];

/** Kinds of work in words, for headings. */
export const KIND_WORDS: Readonly<Record<string, string>> = {
  cpu: 'CPU work',
  io: 'I/O work',
  mixed: 'mixed work',
  database: 'database queries',
  serve: 'serving HTTP',
};

/** One workload's decision with its words. */
export interface Explained {
  decision: Decision;
  text: DecisionText;
}

/** What to use for one kind of work on one run. */
export interface KindAnswer {
  run: Run;
  kind: Work;
  /** Every workload of this kind on this run (probes such as noop and blocking left out). */
  workloads: Explained[];
  /** The family recommended for the most workloads (ties: the cheaper family). */
  family?: string;
  /** The workloads whose recommendation is of `family`. */
  agreeing: Explained[];
  /**
   * The workload shown as the example: of the agreeing ones with a speedup over sequential, the one with
   * the median speedup (the lower of two middle ones): typical, not the best case.
   */
  typical?: Explained;
  /** Other families recommended, each with the workloads (`workload(params)`) where. */
  others: { family: string; groups: string[] }[];
  /** Why nothing was measured, when every cell of this kind is unsupported here (a page has no sockets). */
  unsupported?: string;
}

function majority(workloads: readonly Explained[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { text } of workloads)
    if (text.family) counts.set(text.family, (counts.get(text.family) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || familyRank(a) - familyRank(b) || a.localeCompare(b))
    .map(([family]) => family)[0];
}

function typicalOf(agreeing: readonly Explained[]): Explained | undefined {
  const sped = agreeing
    .filter((item) => item.text.speedup !== undefined)
    .sort((a, b) => (a.text.speedup?.ratio ?? 0) - (b.text.speedup?.ratio ?? 0));
  return sped[Math.floor((sped.length - 1) / 2)] ?? agreeing[0];
}

function kindAnswer(run: Run, kind: Work, decisions: readonly Decision[]): KindAnswer {
  const workloads = decisions
    .filter((d) => d.run === run && d.work === kind && !NOT_WORK.has(d.workload))
    .map((decision) => ({ decision, text: explain(decision) }));
  const family = majority(workloads);
  const agreeing = workloads.filter((item) => item.text.family === family);
  const others = new Map<string, string[]>();
  for (const { decision, text } of workloads) {
    if (text.family && text.family !== family)
      others.set(text.family, [...(others.get(text.family) ?? []), decision.group]);
  }
  const typical = family === undefined ? undefined : typicalOf(agreeing);
  const cells = run.entries
    .map((e) => e.cell)
    .filter((cell) => workOf(cell) === kind && !NOT_WORK.has(cell.workload));
  const unsupported = cells.every((cell) => cell.status === 'unsupported') ? cells[0]?.reason : undefined;
  return {
    run,
    kind,
    workloads,
    agreeing,
    others: [...others].map(([name, groups]) => ({ family: name, groups })),
    ...(family === undefined ? {} : { family }),
    ...(typical ? { typical } : {}),
    ...(unsupported ? { unsupported } : {}),
  };
}

/**
 * The answer first: for every run and every kind of work it measured (CPU, I/O, mixed, database queries,
 * serving HTTP), the family that
 * the decision rule recommends for most of its workloads, a typical workload's recommended cell with its
 * speedup and CI, the equivalent alternatives and the verdict. In report order of runs, then KINDS.
 */
export function answers(aggregate: Aggregate, decisions: readonly Decision[]): KindAnswer[] {
  return aggregate.runs.flatMap((run) =>
    KINDS.filter((kind) =>
      run.entries.some((e) => workOf(e.cell) === kind && !NOT_WORK.has(e.cell.workload)),
    ).map((kind) => kindAnswer(run, kind, decisions)),
  );
}
