import { type FarOffCell, type ModelError, modelErrorsOf, recordedModels } from '@paralab/core';
import type { Aggregate, Run } from '../shared/aggregate.js';

/** A cell is far off when |predicted / measured − 1| exceeds this (the cost model's own target band). */
export const FAR_OFF = 0.35;

/** The cost model's accuracy on one run's CPU cells, from the records the file carries. */
export interface AccuracyTable {
  run: Run;
  /** False when the file carries no `cell.model` record at all (written before the model, or stripped). */
  recorded: boolean;
  /** Every strategy of the run together (core's `strategy: '*'`). */
  all?: ModelError;
  /** One row per strategy with a CPU cell the model predicted or could not, in order of appearance. */
  strategies: ModelError[];
  /** CPU cells off by more than `FAR_OFF`, worst first. */
  farOff: readonly FarOffCell[];
}

/**
 * Predicted beside measured, per runtime and strategy: core's `modelErrorsOf` over the records each file
 * carries (`recordedModels`: what the run itself predicted, not a prediction made again), CPU cells only,
 * reference cells (the sequential and empty-task cells the floors come from) left out by core.
 */
export function modelAccuracy(aggregate: Aggregate): AccuracyTable[] {
  return aggregate.runs.map((run) => {
    const records = recordedModels(run.file.results);
    if (records.size === 0) return { run, recorded: false, strategies: [], farOff: [] };
    const [all, ...each] = modelErrorsOf(run.file.results, records, { kinds: ['cpu'], within: FAR_OFF });
    const strategies = each.filter((e) => e.predicted + e.unknown > 0);
    return { run, recorded: true, ...(all ? { all } : {}), strategies, farOff: all?.farOff ?? [] };
  });
}
