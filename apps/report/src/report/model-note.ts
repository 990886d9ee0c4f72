import { type BreakEven, breakEven, type CellModel } from '@paralab/core';
import type { Entry, Run } from '../shared/aggregate.js';
import { ms } from '../shared/format.js';

/**
 * What the cost model says about a recommended cell, when its results file carries the model's records
 * (`cell.model`, written by core's `modelResults`): the prediction beside the measured median, and the
 * strategy's predicted break-even on this runtime (core's `breakEven` over the same file). Files without
 * model records get no note: the report then shows nothing.
 */
export interface ModelNote {
  predictedMs: number;
  measuredMs: number;
  /** predicted / measured. */
  ratio: number;
  /** The strategy's break-even on this run, when the model could predict one. */
  breakEven?: BreakEven;
}

type Predicted = Extract<CellModel, { predictedMs: number }>;

const predicted = (model: CellModel | undefined): model is Predicted =>
  model !== undefined && 'predictedMs' in model;

interface RunBreakEvens {
  readonly known: ReadonlyMap<string, BreakEven>;
  /** Why the model has none for a strategy (a floor it lacks), by strategy. */
  readonly unknown: ReadonlyMap<string, string>;
}

const breakEvens = new WeakMap<Run, RunBreakEvens>();

/** Core's `breakEven` of the run, computed once per run and split into the known ones and the reasons. */
function runBreakEvens(run: Run): RunBreakEvens {
  const cached = breakEvens.get(run);
  if (cached) return cached;
  const known = new Map<string, BreakEven>();
  const unknown = new Map<string, string>();
  for (const item of breakEven(run.file.results)) {
    if ('status' in item) known.set(item.strategy, item);
    else unknown.set(item.strategy, item.unknown);
  }
  const split = { known, unknown };
  breakEvens.set(run, split);
  return split;
}

/**
 * Core's predicted break-even of every strategy of the run (pools of N = the run's cores), by strategy,
 * computed once per run; strategies whose floors are missing are left out.
 */
export function breakEvensOf(run: Run): ReadonlyMap<string, BreakEven> {
  return runBreakEvens(run).known;
}

/** Why the model has no break-even for a strategy of the run, by strategy. */
export function unknownBreakEvensOf(run: Run): ReadonlyMap<string, string> {
  return runBreakEvens(run).unknown;
}

/**
 * The cost model's note on a cell, or undefined when its file carries no prediction for it, or only one
 * that is not independent of it (`reference`: the sequential cell the work is read from, an empty-task
 * cell a floor is read from): "predicted 30.7 ms, measured 30.7 ms" would read as the model's success.
 */
export function modelOf(entry: Entry): ModelNote | undefined {
  const model = entry.cell.model;
  if (!predicted(model) || model.reference) return undefined;
  const found = breakEvensOf(entry.run).get(entry.cell.strategy);
  const { predictedMs, measuredMs, ratio } = model;
  return { predictedMs, measuredMs, ratio, ...(found ? { breakEven: found } : {}) };
}

function breakEvenText(found: BreakEven): string {
  if (found.status === 'always') return 'pays off at any task size the model tries (from 1 µs); ';
  if (found.status === 'never') return `never beats sequential on ${found.lanes} lanes, the model says; `;
  return `pays off above tasks of ${ms(found.taskMs ?? 0)} ms (${found.lanes} lanes); `;
}

/** `pays off above tasks of 0.42 ms (2 lanes); the cost model predicted 105 ms, measured 101 ms`. */
export function modelText(note: ModelNote): string {
  const pays = note.breakEven ? breakEvenText(note.breakEven) : '';
  return `${pays}the cost model predicted ${ms(note.predictedMs)} ms, measured ${ms(note.measuredMs)} ms`;
}
