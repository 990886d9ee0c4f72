// The model applied to a whole results file: a `model` record per cell, and how far off it was.
import type { Cell, CellModel, Results } from '../schema.js';
import { medianOf } from '../stats/summary.js';
import { type ModelOptions, modelContext, statisticOf } from './context.js';
import { predictCell } from './predict.js';

/**
 * The model's record of every measured cell of `results`, by cell id: predicted beside measured
 * (`stats.median`, or the p10 of the samples with `statistic: 'p10'`) with their ratio, terms and
 * assumptions, or `{ unknown }` with the reason. Calibration cells and cells without statistics (not ok)
 * get none.
 */
export function modelResults(results: Results, options: ModelOptions = {}): ReadonlyMap<string, CellModel> {
  const context = modelContext(results, options);
  const records = new Map<string, CellModel>();
  for (const cell of results.cells) {
    if (cell.kind === 'calibration' || cell.status !== 'ok' || !cell.stats) continue;
    const prediction = predictCell(cell, context);
    if ('unknown' in prediction) {
      records.set(cell.id, { unknown: prediction.unknown });
      continue;
    }
    const measuredMs = statisticOf(cell, context.statistic) ?? cell.stats.median;
    records.set(cell.id, {
      predictedMs: prediction.predictedMs,
      measuredMs,
      ratio: measuredMs > 0 ? prediction.predictedMs / measuredMs : 0,
      terms: prediction.terms,
      inputs: prediction.inputs,
      assumptions: [...prediction.assumptions],
      ...(prediction.reference ? { reference: true } : {}),
      ...(prediction.lowerBound ? { lowerBound: true } : {}),
    });
  }
  return records;
}

/** A copy of `results` whose cells carry their `model` record (see `modelResults`). */
export function withModel(results: Results, options: ModelOptions = {}): Results {
  const records = modelResults(results, options);
  return {
    ...results,
    cells: results.cells.map((cell) => {
      const model = records.get(cell.id);
      return model ? { ...cell, model } : cell;
    }),
  };
}

/** A cell the model is far off on. */
export interface FarOffCell {
  readonly id: string;
  readonly predictedMs: number;
  readonly measuredMs: number;
  /** predicted / measured. */
  readonly ratio: number;
}

/** The model's error over a set of cells. */
export interface ModelError {
  readonly runtime: string;
  /** The strategy, or `*` for every strategy of the runtime. */
  readonly strategy: string;
  readonly family: string;
  /** Cells predicted (reference cells excluded). */
  readonly predicted: number;
  /** Cells the model could not predict. */
  readonly unknown: number;
  /** Median of |predicted / measured - 1| over the predicted cells (NaN when there are none). */
  readonly medianAbsError: number;
  /** Share of the predicted cells with |predicted / measured - 1| <= `within` (NaN when none). */
  readonly shareWithin: number;
  /** Cells beyond `within`, worst first. */
  readonly farOff: readonly FarOffCell[];
}

/** Which cells `modelErrors` counts, and the model's options. */
export interface ModelErrorOptions extends ModelOptions {
  /** Cell kinds counted (default: all but calibration). */
  readonly kinds?: readonly Cell['kind'][];
  /** The error beyond which a cell is far off, as |ratio - 1| (default 0.35). */
  readonly within?: number;
}

/**
 * The model's error distribution per runtime and strategy, then per runtime over every strategy
 * (`strategy: '*'`, listed first): median |predicted / measured - 1|, the share of cells within `within`
 * (default 35%), and the far-off cells. Reference cells (the sequential cell and the empty-task cells the
 * floors are read from: not independent predictions) are left out. The records are computed afresh with
 * `options` (see `modelResults`); `modelErrorsOf` reads the ones a file already carries.
 */
export function modelErrors(
  runs: Results | readonly Results[],
  options: ModelErrorOptions = {},
): ModelError[] {
  const list: readonly Results[] = Array.isArray(runs) ? runs : [runs as Results];
  return list.flatMap((results) => modelErrorsOf(results, modelResults(results, options), options));
}

/**
 * The model's records a results file carries (`cell.model`, written by `withModel` when the run ended), by
 * cell id: what the run itself predicted, so a report shows the figures the file holds rather than a
 * prediction made again with today's model.
 */
export function recordedModels(results: Results): ReadonlyMap<string, CellModel> {
  return new Map(results.cells.flatMap((cell) => (cell.model ? [[cell.id, cell.model] as const] : [])));
}

/**
 * `modelErrors` of one results file over the given records (from `modelResults`, or `recordedModels`):
 * the runtime's row over every strategy (`strategy: '*'`) first, then one row per strategy in order of
 * first appearance. Only cells with a record and of `options.kinds` count; `options.within` (default
 * 0.35) must be a number >= 0 (RangeError otherwise). A pure function of its inputs.
 */
export function modelErrorsOf(
  results: Results,
  records: ReadonlyMap<string, CellModel>,
  options: Pick<ModelErrorOptions, 'kinds' | 'within'> = {},
): ModelError[] {
  const within = options.within ?? 0.35;
  if (!(within >= 0)) throw new RangeError(`options.within must be a number >= 0, got ${within}`);
  const cells = results.cells.filter(
    (c) =>
      c.kind !== 'calibration' && records.has(c.id) && (!options.kinds || options.kinds.includes(c.kind)),
  );
  const runtime = results.runtime.name;
  const out = [errorOf(runtime, '*', '*', cells, records, within)];
  for (const strategy of [...new Set(cells.map((c) => c.strategy))]) {
    const mine = cells.filter((c) => c.strategy === strategy);
    out.push(errorOf(runtime, strategy, mine[0]?.family ?? '', mine, records, within));
  }
  return out;
}

function errorOf(
  runtime: string,
  strategy: string,
  family: string,
  cells: readonly Cell[],
  records: ReadonlyMap<string, CellModel>,
  within: number,
): ModelError {
  const predicted: FarOffCell[] = [];
  let unknown = 0;
  for (const cell of cells) {
    const model = records.get(cell.id);
    if (!model) continue;
    if ('unknown' in model) unknown++;
    else if (!model.reference)
      predicted.push({
        id: cell.id,
        predictedMs: model.predictedMs,
        measuredMs: model.measuredMs,
        ratio: model.ratio,
      });
  }
  const errors = predicted.map((p) => Math.abs(p.ratio - 1));
  const farOff = predicted
    .filter((p) => Math.abs(p.ratio - 1) > within)
    .sort((a, b) => Math.abs(b.ratio - 1) - Math.abs(a.ratio - 1));
  return {
    runtime,
    strategy,
    family,
    predicted: predicted.length,
    unknown,
    medianAbsError: errors.length > 0 ? medianOf(errors) : Number.NaN,
    shareWithin: errors.length > 0 ? errors.filter((e) => e <= within).length / errors.length : Number.NaN,
    farOff,
  };
}
