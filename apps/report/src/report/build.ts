import { type Aggregate, aggregate } from '../shared/aggregate.js';
import type { LoadOutcome } from '../shared/load.js';
import { answers, type KindAnswer } from './answers.js';
import { checkClaims } from './claims/index.js';
import type { ClaimResult } from './claims/types.js';
import { type Decision, decide } from './decisions.js';
import { type GrainPanel, grainPanels } from './grain.js';
import { crossRuntime, type Matrix } from './matrix.js';
import { type AccuracyTable, modelAccuracy } from './model-accuracy.js';
import { type Overheads, overheads } from './overheads.js';
import { type Problem, problems } from './problems.js';
import { type ServingTable, servingTables } from './serving.js';
import { type SpeedupPanel, speedupPanels } from './speedup.js';

/** Everything the HTML, Markdown and terminal renderings show, computed once. */
export interface Report {
  /** When the report was made. */
  generatedAt: Date;
  aggregate: Aggregate;
  /** The answer first: what to use per run and kind of work. */
  answers: KindAnswer[];
  /** The decision per workload × params × run (core's decideBest). */
  decisions: Decision[];
  /** Claims C1-C12, answered per run. */
  claims: ClaimResult[];
  /** Speedup vs concurrency, one panel per workload × machine. */
  speedup: SpeedupPanel[];
  /** The cross-runtime table of each machine with two or more runtimes. */
  matrices: Matrix[];
  /** Floors, start-up, per-task overhead and resources. */
  overheads: Overheads;
  /** Cells that are not clean measurements, with reasons. */
  problems: Problem[];
  /** Served cells (under the load generator), a table per run that has any. */
  serving: ServingTable[];
  /** The cost model's accuracy on CPU cells, per run and strategy. */
  accuracy: AccuracyTable[];
  /** The grain sweep (speedup vs task size, break-evens), a panel per run that measured one. */
  grain: GrainPanel[];
}

/** Builds the report model from loaded files (and the errors of the files that did not load). */
export function buildReport(outcome: LoadOutcome, generatedAt: Date = new Date()): Report {
  const grouped = aggregate(outcome.files, outcome.errors);
  const decisions = decide(grouped);
  return {
    generatedAt,
    aggregate: grouped,
    answers: answers(grouped, decisions),
    decisions,
    claims: checkClaims(grouped, decisions),
    speedup: speedupPanels(grouped),
    matrices: crossRuntime(grouped),
    overheads: overheads(grouped),
    problems: problems(grouped),
    serving: servingTables(grouped),
    accuracy: modelAccuracy(grouped),
    grain: grainPanels(grouped),
  };
}
