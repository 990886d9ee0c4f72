import { type Aggregate, aggregate } from './aggregate.js';
import { checkClaims } from './claims/index.js';
import type { ClaimResult } from './claims/types.js';
import { type Decision, decide } from './decisions.js';
import type { LoadOutcome } from './load.js';
import { crossRuntime, type Matrix } from './matrix.js';
import { type Overheads, overheads } from './overheads.js';
import { type Problem, problems } from './problems.js';
import { type SpeedupPanel, speedupPanels } from './speedup.js';

/** Everything the HTML, Markdown and terminal renderings show, computed once. */
export interface Report {
  /** When the report was made. */
  generatedAt: Date;
  aggregate: Aggregate;
  /** Part 1: the fastest strategy per workload × params × run. */
  decisions: Decision[];
  /** Part 2: claims C1-C12, answered per run. */
  claims: ClaimResult[];
  /** Part 3: speedup vs concurrency panels. */
  speedup: SpeedupPanel[];
  /** Part 4: the cross-runtime matrix of each machine. */
  matrices: Matrix[];
  /** Part 5: floors, start-up, per-task overhead and resources. */
  overheads: Overheads;
  /** Part 5: cells that are not clean measurements, with reasons. */
  problems: Problem[];
}

/** Builds the report model from loaded files (and the errors of the files that did not load). */
export function buildReport(outcome: LoadOutcome, generatedAt: Date = new Date()): Report {
  const grouped = aggregate(outcome.files, outcome.errors);
  const decisions = decide(grouped);
  return {
    generatedAt,
    aggregate: grouped,
    decisions,
    claims: checkClaims(grouped, decisions),
    speedup: speedupPanels(grouped),
    matrices: crossRuntime(grouped),
    overheads: overheads(grouped),
    problems: problems(grouped),
  };
}
