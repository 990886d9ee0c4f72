import { familyRank } from './family.js';
import type { Cell } from './schema.js';

/** The tie-break steps, in the order they apply; 'median' is the last resort (the faster median). */
export type TieBreakStep = 'family' | 'cores' | 'built-in' | 'memory' | 'startup' | 'median';

/**
 * Two memory or start-up figures within this fraction of the smallest count as equal at that tie-break
 * step (resident memory and start-up move by more than that between runs).
 */
export const TIE_BREAK_TOLERANCE = 0.1;

/**
 * Whether the cell fits the cores: main-thread cells (options.thread 'main') always do; others run
 * options.poolSize threads when it is a number (hybrid strategies size their pool apart from their
 * concurrency), else `concurrency`, and fit when that is <= cores. Same rule as the 'oversubscribed' flag.
 */
export function fitsCores(cell: Pick<Cell, 'options' | 'concurrency'>, cores: number): boolean {
  const { thread, poolSize } = cell.options;
  const threads = typeof poolSize === 'number' ? poolSize : cell.concurrency;
  return thread === 'main' || threads <= cores;
}

/**
 * The cell's own memory in bytes: metrics.footprint.deltaBytes (memory measured while the cell was the
 * only one alive) when a runner records it, else metrics.peakRssBytes; undefined when neither is known.
 */
export function memoryBytes(cell: Cell): number | undefined {
  return cell.metrics?.footprint?.deltaBytes ?? cell.metrics?.peakRssBytes;
}

type Filter = (cells: readonly Cell[]) => Cell[];

/** Keeps the cells with the lowest `key`. */
const lowest =
  (key: (cell: Cell) => number): Filter =>
  (cells) => {
    const best = Math.min(...cells.map(key));
    return cells.filter((cell) => key(cell) === best);
  };

/** Keeps the cells within TIE_BREAK_TOLERANCE of the lowest `value`; keeps all when any value is unknown. */
const near =
  (value: (cell: Cell) => number | undefined): Filter =>
  (cells) => {
    const values = cells.map(value);
    if (values.some((v) => v === undefined)) return cells.slice();
    const limit = Math.min(...(values as number[])) * (1 + TIE_BREAK_TOLERANCE);
    return cells.filter((_, i) => (values[i] as number) <= limit);
  };

/**
 * Picks one of `contenders` (equally fast within the indifference zone) by the stated tie-break, each step
 * keeping only the cells it prefers: the cheapest family ({@link familyRank}), then cells that fit the
 * cores ({@link fitsCores}), then built-in over a third-party library (a library cell records its npm
 * version in options.version), then lower memory ({@link memoryBytes}), then lower startupMs (these two
 * within {@link TIE_BREAK_TOLERANCE}, and skipped when a contender lacks the figure), and last the lowest
 * median. `step` is the step that left one cell (a lone contender comes back at step 'family'); at the last
 * resort, `tied` lists the cells no stated step told apart. Throws RangeError on an empty list.
 */
export function tieBreak(
  contenders: readonly Cell[],
  cores: number,
): { cell: Cell; step: TieBreakStep; tied?: Cell[] } {
  if (contenders.length === 0) throw new RangeError('tieBreak needs at least one contender');
  const steps: [TieBreakStep, Filter][] = [
    ['family', lowest((cell) => familyRank(cell.family))],
    ['cores', lowest((cell) => (fitsCores(cell, cores) ? 0 : 1))],
    ['built-in', lowest((cell) => (cell.options.version === undefined ? 0 : 1))],
    ['memory', near(memoryBytes)],
    ['startup', near((cell) => cell.startupMs)],
  ];
  let kept = contenders.slice();
  for (const [step, filter] of steps) {
    kept = filter(kept);
    if (kept.length === 1) return { cell: kept[0] as Cell, step };
  }
  const median = (cell: Cell): number => cell.stats?.median ?? Number.POSITIVE_INFINITY;
  return { cell: lowest(median)(kept)[0] as Cell, step: 'median', tied: kept };
}
