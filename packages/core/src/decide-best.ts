import { type Family, familyRank } from './family.js';
import { paramsKey } from './plan.js';
import type { Cell } from './schema.js';
import { bootstrapRatioCi, type RatioCi } from './stats/bootstrap.js';
import { type TieBreakStep, tieBreak } from './tie-break.js';

/** The indifference zone of the decision rule (METHOD.md): within 5% of the fastest is as good. */
export const DECISION_DELTA = 0.05;

/** Past this many samples per cell, an undecided ratio is said to sit on its bound (default `settleCap`). */
export const SETTLE_CAP = 1000;

/** Options of {@link decideBest}. */
export interface DecideBestOptions {
  /** Indifference zone: a cell within a factor 1 + delta of the fastest is as good. Default 0.05 (5%). */
  delta?: number;
  /** Cores the cells ran on (availableParallelism): the tie-break prefers cells that fit them. Required. */
  cores: number;
  /** Fewest samples for a cell to take part; cells with fewer are excluded. Default 5. */
  minSamples?: number;
  /** Seed of the bootstrap CIs (default 1), so a decision is reproducible. */
  seed?: number;
  /** Largest samplesToSettle estimate per cell; past it the estimate is capped and says so. Default 1000. */
  settleCap?: number;
  /** Bootstrap resamples per comparison (default 2000; the sampling loop asks often, with fewer). */
  resamples?: number;
}

/** Where a cell stands against the fastest: its ratio's CI lies above, below, or across 1 + delta. */
export type ComparisonState = 'worse' | 'equivalent' | 'undecided';

/** One cell against the fastest: median(cell) / median(best) with its bootstrap 95% CI. */
export interface Comparison {
  cell: Cell;
  ratio: RatioCi;
  state: ComparisonState;
}

/** An ok cell kept out of the decision, and why (one line). */
export interface Exclusion {
  cell: Cell;
  reason: string;
}

/** The cell to use, and which rule picked it. */
export interface Recommendation {
  cell: Cell;
  /** True for a 'provisional' verdict: more samples could change it. */
  provisional: boolean;
  /** 'fastest' for a win; otherwise the tie-break step that decided among the contenders. */
  basis: 'fastest' | TieBreakStep;
}

/** Samples per cell that would settle one undecided comparison. */
export interface SettleEstimate {
  cell: Cell;
  /** Samples for this cell and for the fastest each; `settleCap` when capped. */
  samples: number;
  /** True when the ratio sits on 1 + delta within noise: no practical sample count settles it. */
  capped: boolean;
}

/** The outcome of {@link decideBest}. */
export interface BestDecision {
  /**
   * 'wins': one contender; 'tie': every contender equivalent to the fastest; 'provisional': some
   * undecided; 'none': no eligible cell.
   */
  verdict: 'wins' | 'tie' | 'provisional' | 'none';
  /** The eligible cell with the lowest median (absent for 'none'). */
  best?: Cell;
  /** The fastest, then every cell not worse, ascending by median. */
  contenders: Cell[];
  /** Every other eligible cell against the fastest, ascending by median. */
  comparisons: Comparison[];
  /** Ok cells kept out: under-sampled, without statistics, or with a sample of 0 ms. */
  excluded: Exclusion[];
  /** What to use (absent for 'none'). */
  recommendation?: Recommendation;
  /** The one family every contender shares, when there are two or more contenders and they do. */
  familyHeadline?: Family;
  /**
   * For 'provisional': the family of the recommendation when no way the undecided comparisons settle can
   * change it (the tie-break takes the cheapest family first, and no undecided cell's family is cheaper
   * than the fastest's or an equivalent's). The strategy within it is what stays open.
   */
  familySettled?: Family;
  /**
   * For a 'tie' reached with comparisons still undecided: those cells. More samples would only show each
   * equivalent to the fastest or worse, and neither changes the recommendation (see {@link decideBest}).
   */
  unseparated?: Cell[];
  /** For 'provisional': samples per cell that would settle every undecided comparison (the largest). */
  samplesToSettle?: { samples: number; capped: boolean; cells: SettleEstimate[] };
  /** The indifference zone used. */
  delta: number;
  /** One-line remarks for a report: a single eligible cell, a capped estimate. */
  notes: string[];
}

interface Resolved {
  delta: number;
  cores: number;
  minSamples: number;
  seed: number;
  settleCap: number;
  resamples: number;
}

function resolve(options: DecideBestOptions): Resolved {
  const {
    delta = DECISION_DELTA,
    cores,
    minSamples = 5,
    seed = 1,
    settleCap = SETTLE_CAP,
    resamples = 2000,
  } = options;
  if (!(Number.isFinite(delta) && delta >= 0))
    throw new RangeError(`options.delta must be a non-negative number, got ${delta}`);
  for (const [name, value] of Object.entries({ cores, minSamples, settleCap, resamples })) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`options.${name} must be a positive integer, got ${value}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`options.seed must be an integer, got ${seed}`);
  return { delta, cores, minSamples, seed, settleCap, resamples };
}

/** Why an ok cell cannot take part, or undefined when it can. */
function exclusionReason(cell: Cell, minSamples: number): string | undefined {
  if (!cell.stats) return 'no statistics';
  const n = cell.samples.length;
  if (n < minSamples) return `under-sampled (n=${n}, needs ${minSamples})`;
  if (cell.samples.some((x) => x <= 0)) return 'a sample of 0 ms: the clock is too coarse for this cell';
  return undefined;
}

function assertOneGroup(cells: readonly Cell[]): void {
  const keys = new Set(cells.map((cell) => `${cell.workload}(${paramsKey(cell.params)})`));
  if (keys.size > 1) {
    const [first, second] = keys;
    throw new RangeError(`cells must share one workload and parameter set, got ${first} and ${second}`);
  }
}

function compare(cell: Cell, best: Cell, o: Resolved): Comparison {
  const ratio = bootstrapRatioCi(cell.samples, best.samples, { seed: o.seed, resamples: o.resamples });
  return { cell, ratio, state: comparisonState(ratio, o.delta) };
}

/** Where a ratio to the fastest stands against 1 + delta: its CI above ('worse'), below, or across it. */
export function comparisonState(ratio: Pick<RatioCi, 'lo' | 'hi'>, delta: number): ComparisonState {
  const bound = 1 + delta;
  return ratio.lo > bound ? 'worse' : ratio.hi < bound ? 'equivalent' : 'undecided';
}

/** {@link samplesToSettle} of one undecided comparison with `best`, capped at `settleCap` (then `capped`). */
export function settleEstimate(
  comparison: Pick<Comparison, 'cell' | 'ratio'>,
  best: Cell,
  delta = DECISION_DELTA,
  settleCap = SETTLE_CAP,
): SettleEstimate {
  const { cell, ratio } = comparison;
  const samples = samplesToSettle(ratio, cell.samples.length, best.samples.length, delta);
  if (!(samples <= settleCap)) return { cell, samples: settleCap, capped: true };
  return { cell, samples, capped: false };
}

/**
 * Samples per cell (for this cell and the fastest alike) after which the CI of an undecided ratio, measured
 * from `n` and `m` samples, would clear 1 + delta, assuming its half-width on the side facing the bound
 * shrinks like 1/sqrt(n) from the current effective n (the harmonic mean of both sample counts) and the
 * ratio stays where it is. At least one more than either cell has now; Infinity when the ratio sits exactly
 * on the bound.
 */
export function samplesToSettle(
  ratio: Pick<RatioCi, 'ratio' | 'lo' | 'hi'>,
  n: number,
  m: number,
  delta: number,
): number {
  const bound = 1 + delta;
  const halfWidth = ratio.ratio > bound ? ratio.ratio - ratio.lo : ratio.hi - ratio.ratio;
  const needed = ((2 / (1 / n + 1 / m)) * halfWidth ** 2) / (ratio.ratio - bound) ** 2;
  return Math.max(Math.ceil(needed), Math.max(n, m) + 1);
}

function sharedFamily(contenders: readonly Cell[]): Family | undefined {
  const families = new Set(contenders.map((cell) => cell.family));
  const [only] = families;
  return contenders.length > 1 && families.size === 1 && only !== undefined ? only : undefined;
}

type Settlement = NonNullable<BestDecision['samplesToSettle']>;

/** The largest settle estimate over the undecided comparisons, and a note for each capped one. */
function settlement(undecided: readonly Comparison[], best: Cell, o: Resolved): [Settlement, string[]] {
  const cells = undecided.map((comparison) => settleEstimate(comparison, best, o.delta, o.settleCap));
  const notes = undecided
    .filter((_, i) => cells[i]?.capped)
    .map(
      ({ cell, ratio }) =>
        `${cell.id}: ratio ${ratio.ratio.toFixed(3)} sits on 1 + delta = ${(1 + o.delta).toFixed(3)} within noise; no practical sample count settles it (capped at ${o.settleCap})`,
    );
  const samples = Math.max(...cells.map((estimate) => estimate.samples));
  return [{ samples, capped: notes.length > 0, cells }, notes];
}

/** Ok cells split into those that take part and those kept out, with why. */
function partition(cells: readonly Cell[], minSamples: number): { eligible: Cell[]; excluded: Exclusion[] } {
  const eligible: Cell[] = [];
  const excluded: Exclusion[] = [];
  for (const cell of cells.filter((c) => c.status === 'ok')) {
    const reason = exclusionReason(cell, minSamples);
    if (reason) excluded.push({ cell, reason });
    else eligible.push(cell);
  }
  return { eligible, excluded };
}

type Contest = Pick<BestDecision, 'contenders' | 'comparisons' | 'excluded' | 'delta'> & { best: Cell };

/** A tie or a provisional verdict: two or more contenders. */
function contested(contest: Contest, o: Resolved): BestDecision {
  const pick = tieBreak(contest.contenders, o.cores);
  const familyHeadline = sharedFamily(contest.contenders);
  const headline = familyHeadline === undefined ? {} : { familyHeadline };
  const undecided = contest.comparisons.filter((c) => c.state === 'undecided');
  if (undecided.length === 0 || pickStands(contest, pick.cell, undecided, o)) {
    const recommendation = { cell: pick.cell, provisional: false, basis: pick.step };
    const unseparated = undecided.length > 0 ? { unseparated: undecided.map((c) => c.cell) } : {};
    return { verdict: 'tie', ...contest, recommendation, ...headline, ...unseparated, notes: [] };
  }
  const [samplesToSettle, notes] = settlement(undecided, contest.best, o);
  const recommendation = { cell: pick.cell, provisional: true, basis: pick.step };
  const family = settledFamily(contest, pick.cell);
  const settled = family === undefined ? {} : { familySettled: family };
  return {
    verdict: 'provisional',
    ...contest,
    recommendation,
    ...headline,
    ...settled,
    samplesToSettle,
    notes,
  };
}

/** Past this many undecided comparisons, {@link pickStands} does not try every way they could settle. */
const MAX_UNDECIDED_TRIED = 10;

/**
 * Whether no way the undecided comparisons settle can change the recommendation `pick` by the stated
 * tie-break (METHOD.md: family, concurrency within the cores, built-in over a library, memory, start-up):
 * it is the fastest or equivalent to it (so it stays a contender); it is within delta of every undecided
 * cell by the CI of median(pick) / median(cell) (so it stays within delta of the fastest even if one of them
 * turns out faster than the fastest is now); and the tie-break picks it among the sure contenders with any
 * subset of the undecided cells added (each may end up equivalent, a contender, or worse, out), or leaves
 * it to the last resort, the lowest median, which no stated step prefers and between cells shown within
 * delta of each other is no difference the rule acts on (more samples could turn it either way).
 */
function pickStands(contest: Contest, pick: Cell, undecided: readonly Comparison[], o: Resolved): boolean {
  const open = undecided.map((c) => c.cell);
  if (open.includes(pick) || open.length > MAX_UNDECIDED_TRIED) return false;
  const bound = 1 + o.delta;
  for (const cell of open) {
    const ratio = bootstrapRatioCi(pick.samples, cell.samples, { seed: o.seed, resamples: o.resamples });
    if (!(ratio.hi < bound)) return false;
  }
  const sure = contest.contenders.filter((cell) => !open.includes(cell));
  for (let subset = 0; subset < 1 << open.length; subset++) {
    const added = open.filter((_, i) => (subset >> i) & 1);
    const { cell, tied } = tieBreak([...sure, ...added], o.cores);
    if (cell !== pick && !tied?.includes(pick)) return false;
  }
  return true;
}

/**
 * The pick's family when the undecided comparisons cannot change it: the cheapest family among the cells
 * sure to stay contenders (the fastest and its equivalents) is as cheap as any contender's, and only the
 * pick's family has that rank (two families of the same unknown rank leave it open).
 */
function settledFamily(contest: Contest, pick: Cell): Family | undefined {
  const sure = [
    contest.best,
    ...contest.comparisons.filter((c) => c.state === 'equivalent').map((c) => c.cell),
  ];
  const cheapest = (cells: readonly Cell[]): number =>
    Math.min(...cells.map((cell) => familyRank(cell.family)));
  const rank = cheapest(contest.contenders);
  if (cheapest(sure) !== rank) return undefined;
  const families = new Set(
    contest.contenders.filter((c) => familyRank(c.family) === rank).map((c) => c.family),
  );
  return families.size === 1 && pick.family !== undefined && families.has(pick.family)
    ? pick.family
    : undefined;
}

/**
 * Decides what to use among cells of one workload and parameter set (METHOD.md: multiple comparisons with
 * the best, indifference zone delta). Eligible: status 'ok' with statistics, at least `minSamples` samples
 * (default 5) and no sample of 0 ms; other ok cells are listed in `excluded` with the reason (e.g.
 * `under-sampled (n=3, needs 5)`), and cells that are not ok are ignored (their status says why).
 *
 * The fastest is the eligible cell with the lowest median (the first in input order on equal medians).
 * Every other eligible cell is compared with it by the bootstrap 95% CI of median(cell) / median(fastest):
 * 'worse' when the CI's low end is above 1 + delta, 'equivalent' when its high end is below, else
 * 'undecided'. Contenders: the fastest and every cell not worse. The recommendation is {@link tieBreak}'s
 * pick among the contenders. Verdict: 'wins' with one contender (also when only one cell is eligible, with
 * a note); 'tie' when every other contender is equivalent, or when the undecided ones cannot change the
 * pick (they are listed in `unseparated`: see {@link pickStands}); 'provisional' when more samples could
 * change it, marked provisional, with `samplesToSettle`; 'none' with no eligible cell. "Provisional" is thus
 * about the answer, not about every ratio: piscina's 1.03 [0.98, 1.09] against a worker that the tie-break
 * prefers either way (built-in over a library) leaves nothing for the user to wait for.
 * Throws RangeError on a bad option, or when the eligible cells mix workloads or parameter sets (their
 * times are not comparable).
 */
export function decideBest(cells: readonly Cell[], options: DecideBestOptions): BestDecision {
  const o = resolve(options);
  const { eligible, excluded } = partition(cells, o.minSamples);
  assertOneGroup(eligible);
  const [best, ...others] = eligible.sort((a, b) => (a.stats?.median ?? 0) - (b.stats?.median ?? 0));
  if (!best) {
    return {
      verdict: 'none',
      contenders: [],
      comparisons: [],
      excluded,
      delta: o.delta,
      notes: ['no eligible cell'],
    };
  }
  const comparisons = others.map((cell) => compare(cell, best, o));
  const contenders = [best, ...comparisons.filter((c) => c.state !== 'worse').map((c) => c.cell)];
  const contest = { best, contenders, comparisons, excluded, delta: o.delta };
  if (contenders.length > 1) return contested(contest, o);
  const notes = others.length === 0 ? ['only one eligible cell: nothing to compare it with'] : [];
  return {
    verdict: 'wins',
    ...contest,
    recommendation: { cell: best, provisional: false, basis: 'fastest' },
    notes,
  };
}
