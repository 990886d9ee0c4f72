// The predicted break-even: the task size above which a strategy's pool of N beats sequential, and below
// it the batch size (tasks per message) that keeps dispatch under 5% of the work.
import type { Cell, Results } from '../schema.js';
import { grain } from '../workloads/grain.js';
import { type ModelContext, type ModelOptions, modelContext } from './context.js';
import { fmt } from './payload.js';
import { type Built, policyOf, scenarioOf } from './predict.js';
import { scenarioTime } from './scenario.js';

/** Dispatch may cost at most this share of a message's work (METHOD.md: under 5%). */
export const DISPATCH_SHARE = 0.05;

/** Smallest task size the break-even is looked for at, ms (1 µs). */
export const SMALLEST_TASK_MS = 0.001;

/** A strategy's predicted break-even on one runtime. */
export interface BreakEven {
  readonly runtime: string;
  readonly strategy: string;
  readonly family: string;
  /** Workers (or processes) in the pool: the option `lanes`, default the run's cores. */
  readonly lanes: number;
  /**
   * `crosses`: beats sequential above `taskMs`; `always`: already at `SMALLEST_TASK_MS`; `never`: not even
   * with the whole work in one task per lane.
   */
  readonly status: 'crosses' | 'always' | 'never';
  /** The task size above which the pool beats sequential, ms (with `crosses`). */
  readonly taskMs?: number;
  /** What one message costs: the round trip and small payload (pool), the pipelined per-task cost, or start-up plus round trip (cold), ms. */
  readonly dispatchPerMessageMs: number;
  /** Tasks per message that keep dispatch under 5% of the work, for task sizes below the break-even. */
  readonly batches: readonly { readonly taskMs: number; readonly tasksPerMessage: number }[];
  readonly assumptions: readonly string[];
}

/** Options of `breakEven`. */
export interface BreakEvenOptions extends ModelOptions {
  /** Total work of the batch the tasks split, ms (default: the grain sweep's `totalMs`, else 40). */
  readonly totalMs?: number;
  /** Pool size (default: the run's cores). */
  readonly lanes?: number;
}

/**
 * Per strategy that runs CPU work off the calling thread in `results` (a `{ unknown }` entry when its
 * floors are missing): the predicted task size above which a pool of `lanes` beats sequential, found on the
 * model itself (equal tasks of size t splitting `totalMs`, speedup = n·t / predicted time, first crossing
 * of 1 from below between 1 µs and `totalMs`, refined by bisection in log t), and for smaller tasks the
 * batch size ceil(dispatch / (5% · t)). For many equal tasks on N <= C lanes this is t* = d / (N - 1) (a
 * pool: d = round trip; pipelined: d = the per-task stream cost); a cold process needs start-up + round trip.
 */
export function breakEven(
  results: Results,
  options: BreakEvenOptions = {},
): (BreakEven | BreakEvenUnknown)[] {
  const context = modelContext(results, options);
  const lanes = options.lanes ?? context.cores;
  if (!Number.isInteger(lanes) || lanes < 1)
    throw new RangeError(`options.lanes must be a positive integer, got ${lanes}`);
  const totalMs = options.totalMs ?? sweepTotal(results.cells) ?? 40;
  if (!(totalMs > 0)) throw new RangeError(`options.totalMs must be a positive number, got ${totalMs}`);
  return representatives(results.cells, lanes).map((cell) =>
    strategyBreakEven(cell, lanes, totalMs, context),
  );
}

/** A strategy whose break-even cannot be predicted, and why. */
export interface BreakEvenUnknown {
  readonly runtime: string;
  readonly strategy: string;
  readonly unknown: string;
}

function strategyBreakEven(
  cell: Cell,
  lanes: number,
  totalMs: number,
  context: ModelContext,
): BreakEven | BreakEvenUnknown {
  const at = (taskMs: number): Built | { unknown: string } => {
    const n = Math.max(1, Math.round(totalMs / taskMs));
    const policy = policyOf(cell);
    if ('unknown' in policy) return policy;
    const work = { cpuMs: new Array<number>(n).fill(taskMs), waitMs: 0, assumptions: [], inputs: {} };
    return scenarioOf(cell, { ...policy, lanes }, work, context);
  };
  const probe = at(totalMs);
  if ('unknown' in probe)
    return { runtime: context.runtime, strategy: cell.strategy, unknown: probe.unknown };
  const speedup = (taskMs: number): number => {
    const built = at(taskMs) as Built;
    const work = built.scenario.cpuMs.reduce((sum, ms) => sum + ms, 0);
    return work / scenarioTime(built.scenario);
  };
  const found = crossing(speedup, SMALLEST_TASK_MS, totalMs);
  const s = probe.scenario;
  const dispatch =
    s.policy === 'cold' ? (s.startMs ?? 0) + s.dispatchMs : s.dispatchMs + (s.overheadMs ?? 0) + s.payloadMs;
  const below =
    found.status === 'crosses' ? (found.taskMs as number) : found.status === 'never' ? totalMs : 0;
  return {
    runtime: context.runtime,
    strategy: cell.strategy,
    family: cell.family,
    lanes,
    ...found,
    dispatchPerMessageMs: dispatch,
    batches: batchSizes(dispatch, below),
    assumptions: [
      `equal tasks splitting ${fmt(totalMs)} ms of work, ${lanes} lanes on ${context.cores} cores`,
      ...probe.assumptions,
    ],
  };
}

/** The first task size in [from, to] where `speedup` rises above 1, scanning upward (10 steps a decade). */
export function crossing(
  speedup: (taskMs: number) => number,
  from: number,
  to: number,
): { status: 'crosses' | 'always' | 'never'; taskMs?: number } {
  if (speedup(from) > 1) return { status: 'always' };
  const steps = Math.max(1, Math.ceil(10 * Math.log10(to / from)));
  let low = from;
  for (let i = 1; i <= steps; i++) {
    const high = from * (to / from) ** (i / steps);
    if (speedup(high) > 1) return { status: 'crosses', taskMs: bisect(speedup, low, high) };
    low = high;
  }
  return { status: 'never' };
}

/** Narrows [low, high] (speedup <= 1 at low, > 1 at high) to the crossing, in log t. */
function bisect(speedup: (taskMs: number) => number, low: number, high: number): number {
  let a = low;
  let b = high;
  for (let i = 0; i < 30 && b / a > 1 + 1e-6; i++) {
    const middle = Math.sqrt(a * b);
    if (speedup(middle) > 1) b = middle;
    else a = middle;
  }
  return Math.sqrt(a * b);
}

/** Tasks per message that keep `dispatchMs` under 5% of a message's work, at each decade below `belowMs`. */
export function batchSizes(
  dispatchMs: number,
  belowMs: number,
): { taskMs: number; tasksPerMessage: number }[] {
  const sizes = [0.001, 0.01, 0.1, 1, 10, 100].filter((t) => t < belowMs);
  // The 1e-9 keeps a quotient such as 1000.0000000000001 (floating-point residue) at 1000.
  const perMessage = (taskMs: number): number =>
    Math.max(1, Math.ceil(dispatchMs / (DISPATCH_SHARE * taskMs) - 1e-9));
  return sizes.map((taskMs) => ({ taskMs, tasksPerMessage: perMessage(taskMs) }));
}

/** One cell per strategy off the calling thread on CPU work: at `lanes` if any, moving the fewest bytes per task. */
function representatives(cells: readonly Cell[], lanes: number): Cell[] {
  const candidates = cells.filter(
    (c) => c.kind === 'cpu' && c.status === 'ok' && c.options.thread !== 'main' && c.family !== 'sequential',
  );
  const bytes = (c: Cell): number => (c.metrics?.bytesMovedPerSample ?? 0) / Math.max(1, c.tasksPerSample);
  // Preferred: at `lanes`, then a grain cell (the sweep), then the fewest bytes per task.
  const score = (c: Cell): number[] => [
    c.concurrency === lanes ? 0 : 1,
    c.workload === grain.id ? 0 : 1,
    bytes(c),
  ];
  const better = (a: Cell, b: Cell): boolean => {
    const [x, y] = [score(a), score(b)];
    const i = x.findIndex((v, k) => v !== y[k]);
    return i !== -1 && (x[i] as number) < (y[i] as number);
  };
  const best = new Map<string, Cell>();
  for (const cell of candidates) {
    const seen = best.get(cell.strategy);
    if (!seen || better(cell, seen)) best.set(cell.strategy, cell);
  }
  return [...best.values()];
}

function sweepTotal(cells: readonly Cell[]): number | undefined {
  const total = cells.find((c) => c.workload === grain.id && typeof c.params.totalMs === 'number')?.params
    .totalMs;
  return typeof total === 'number' ? total : undefined;
}
