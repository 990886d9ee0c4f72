import {
  type BreakEven,
  type BreakEvenCheck,
  type Cell,
  compareBreakEven,
  type MeasuredBreakEven,
  measuredBreakEven,
  referenceOf,
  type SweepPoint,
} from '@paralab/core';
import type { Aggregate, Run } from '../shared/aggregate.js';
import { ms } from '../shared/format.js';
import { breakEvensOf, unknownBreakEvensOf } from './model-note.js';

/** The workload that sweeps task size at fixed total work (host's grain sweep). */
export const GRAIN = 'grain';

/** The model's speedup at one size of the sweep: the sequential median over the predicted batch time. */
export interface PredictedPoint {
  taskMs: number;
  speedup: number;
}

/** One strategy at one pool size along the sweep: measured, predicted, and the two break-evens. */
export interface GrainSeries {
  /** `worker@2`. */
  name: string;
  family: string;
  /** core's `measuredBreakEven`: the points (task size, speedup and CI) and where the speedup crosses 1. */
  measured: MeasuredBreakEven;
  /** The model's speedup at each size it predicted (from the cells' `model` records). */
  predicted: PredictedPoint[];
  /** core's `breakEven` for this strategy, when it is for a pool of this size. */
  predictedBreakEven?: BreakEven;
  /** Why there is no prediction: core's reason (a floor it lacks), or another pool size. */
  noPrediction?: string;
  /** core's `compareBreakEven` of the two. */
  check: BreakEvenCheck;
  /** `measured break-even 52 µs [38, 70], predicted 48 µs (measured / predicted 1.08)`. */
  sentence: string;
}

/** The sweep of one run. */
export interface GrainPanel {
  run: Run;
  series: GrainSeries[];
}

/** A task size in µs, three significant digits: `52.3`, `128`. */
export function micros(taskMs: number): string {
  return ms(taskMs * 1000);
}

/** The sequential median / the cell's predicted batch time, at the task size the sweep measured. */
function predictedPoint(cell: Cell, cells: readonly Cell[]): PredictedPoint[] {
  const model = cell.model;
  const reference = referenceOf(cell, cells);
  if (!model || !('predictedMs' in model) || !reference?.stats || model.predictedMs <= 0) return [];
  // The same task size core's measuredBreakEven reads: the sequential median over its tasks.
  const taskMs = reference.stats.median / Math.max(1, reference.tasksPerSample);
  return [{ taskMs, speedup: reference.stats.median / model.predictedMs }];
}

function measuredText(m: MeasuredBreakEven): string {
  const sizes = m.points.map((p: SweepPoint) => p.taskMs);
  const [first, last] = [Math.min(...sizes), Math.max(...sizes)];
  if (m.status === 'below')
    return `faster than sequential already at the smallest size (${micros(first)} µs)`;
  if (m.status === 'above') return `never faster than sequential up to ${micros(last)} µs`;
  const bound = (v: number | undefined) => (v === undefined ? 'open' : micros(v));
  const noisy = m.crossings > 1 ? `, crossing 1 ${m.crossings} times (noisy)` : '';
  return `measured break-even ${micros(m.taskMs ?? 0)} µs [${bound(m.ci.lo)}, ${bound(m.ci.hi)}]${noisy}`;
}

function predictedText(p: BreakEven | undefined, why: string | undefined): string {
  if (!p) return `no prediction (${why ?? 'unknown'})`;
  if (p.status === 'always') return 'predicted to pay at any size from 1 µs';
  if (p.status === 'never') return `predicted never to pay on ${p.lanes} lanes`;
  return `predicted ${micros(p.taskMs ?? 0)} µs`;
}

/** The sentence under the chart for one strategy. */
export function grainSentence(series: Omit<GrainSeries, 'sentence'>): string {
  const ratio =
    series.check.ratio === undefined ? '' : ` (measured / predicted ${series.check.ratio.toFixed(2)})`;
  const predicted = predictedText(series.predictedBreakEven, series.noPrediction);
  return `${series.name}: ${measuredText(series.measured)}, ${predicted}${ratio}`;
}

function panelOf(run: Run): GrainPanel | undefined {
  const cells = run.entries.filter((e) => e.cell.workload === GRAIN).map((e) => e.cell);
  const measured = measuredBreakEven(cells).filter((m) => m.points.length > 0);
  if (measured.length === 0) return undefined;
  const predicted = breakEvensOf(run);
  const checks = compareBreakEven([...predicted.values()], measured);
  const unknown = unknownBreakEvensOf(run);
  const series = measured.map((m, i): GrainSeries => {
    const mine = cells.filter((c) => c.strategy === m.strategy && c.concurrency === m.concurrency);
    const p = predicted.get(m.strategy);
    const fits = p !== undefined && p.lanes === m.concurrency;
    const why = p ? `the model's is for a pool of ${p.lanes}` : unknown.get(m.strategy);
    const base = {
      name: `${m.strategy}@${m.concurrency}`,
      family: m.family,
      measured: m,
      predicted: mine.flatMap((c) => predictedPoint(c, cells)).sort((a, b) => a.taskMs - b.taskMs),
      ...(fits ? { predictedBreakEven: p } : why ? { noPrediction: why } : {}),
      check: checks[i] as BreakEvenCheck,
    };
    return { ...base, sentence: grainSentence(base) };
  });
  return { run, series };
}

/**
 * The grain sweep of every run that measured one: per strategy × pool size, the measured speedup over
 * sequential at each task size with its CI, the model's speedup at the same sizes, and the measured
 * (core's `measuredBreakEven`) and predicted (core's `breakEven`) break-evens held side by side (core's
 * `compareBreakEven`).
 */
export function grainPanels(aggregate: Aggregate): GrainPanel[] {
  return aggregate.runs.flatMap((run) => panelOf(run) ?? []);
}
