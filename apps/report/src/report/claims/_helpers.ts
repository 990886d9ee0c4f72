import { bootstrapRatioCi, type Cell, type Comparison, decideBest, settleEstimate } from '@paralab/core';
import { byGroup, type Entry, type Run } from '../../shared/aggregate.js';
import { ms, ranFaster, ratioCi, strategyName } from '../../shared/format.js';
import { timed } from '../../shared/ratio.js';
import { DELTA } from '../decisions.js';
import type { ClaimPart, Finding, PartVerdict } from './types.js';

/** The run's cells grouped by `workload(params)`, keeping only groups with a cell that passes `keep`. */
export function groupsWhere(run: Run, keep: (entry: Entry) => boolean): Map<string, Entry[]> {
  const groups = byGroup(run.entries);
  for (const [group, entries] of groups) if (!entries.some(keep)) groups.delete(group);
  return groups;
}

/**
 * Workloads that are probes rather than work, left out of the per-kind claims and answers: `noop`
 * measures a strategy's own per-task cost, `blocking` is C5's stalled event loop, `grain` sweeps task size
 * at fixed total work for the cost model's break-even (one group per task size would outvote real work).
 */
export const NOT_WORK: ReadonlySet<string> = new Set(['noop', 'blocking', 'grain']);

/** Groups of the given kinds, without the probe workloads of `NOT_WORK`. */
export function groupsOfKind(run: Run, ...kinds: Cell['kind'][]): Map<string, Entry[]> {
  return groupsWhere(run, (entry) => kinds.includes(entry.cell.kind) && !NOT_WORK.has(entry.cell.workload));
}

/** Timed entries of a family (`cell.family`), optionally at one concurrency level. */
export function timedOf(entries: readonly Entry[], family: string, concurrency?: number): Entry[] {
  return entries.filter(
    (entry) =>
      timed(entry.cell) &&
      entry.cell.family === family &&
      (concurrency === undefined || entry.cell.concurrency === concurrency),
  );
}

/** The timed entry with the lowest median, if any. */
export function quickest(entries: readonly Entry[]): Entry | undefined {
  const median = (entry: Entry) => entry.cell.stats?.median ?? Number.POSITIVE_INFINITY;
  return entries
    .filter((entry) => timed(entry.cell))
    .reduce<Entry | undefined>(
      (best, entry) => (!best || median(entry) < median(best) ? entry : best),
      undefined,
    );
}

/** The fastest timed entry of a family (optionally at one level). */
export function bestOf(entries: readonly Entry[], family: string, concurrency?: number): Entry | undefined {
  return quickest(timedOf(entries, family, concurrency));
}

/** The timed sequential entry of a group. */
export function sequentialOf(entries: readonly Entry[]): Entry | undefined {
  return bestOf(entries, 'sequential');
}

/**
 * Where `a` stands against `b` by the 95% bootstrap CI of median(b) / median(a) and the equivalence bounds
 * 1 ± 5% (the decision rule's delta): `faster` when the CI lies above 1.05, `slower` below 0.95,
 * `equivalent` inside [0.95, 1.05], `undecided` when it crosses a bound.
 */
export type Standing = 'faster' | 'slower' | 'equivalent' | 'undecided';

/** Two entries compared: the ratio median(b) / median(a) with its CI, and where `a` stands. */
export interface Compared {
  a: Entry;
  b: Entry;
  ratio: number;
  lo: number;
  hi: number;
  standing: Standing;
}

/** Compares two timed entries (see `Standing`). */
export function compare(a: Entry, b: Entry): Compared {
  const ci = bootstrapRatioCi(b.cell.samples, a.cell.samples);
  const [upper, lower] = [1 + DELTA, 1 - DELTA];
  const standing: Standing =
    ci.lo > upper
      ? 'faster'
      : ci.hi < lower
        ? 'slower'
        : ci.lo >= lower && ci.hi <= upper
          ? 'equivalent'
          : 'undecided';
  return { a, b, ratio: ci.ratio, lo: ci.lo, hi: ci.hi, standing };
}

/** `piscina@2`, or for a calibration floor its probe and primitive: `spawn (child_process)`. */
function nameOf(entry: Entry): string {
  const { cell } = entry;
  return cell.kind === 'calibration'
    ? `${String(cell.params.probe ?? cell.workload)} (${cell.strategy})`
    : strategyName(cell);
}

/** `worker@2 ran 1.39 ± 0.05 times faster than async@2`, `... within 5% of ...`, or `... not told apart ...`. */
export function comparisonText(c: Compared): string {
  const [an, bn] = [nameOf(c.a), nameOf(c.b)];
  if (c.standing === 'faster' || c.standing === 'slower') return ranFaster(an, c, bn);
  if (c.standing === 'equivalent') return `${an} within ${DELTA * 100}% of ${bn} (${ratioCi(c)})`;
  return `${an} against ${bn}: ${ratioCi(c)}, not told apart within ${DELTA * 100}%`;
}

/**
 * What would settle an undecided comparison: for two cells of one group, the sample count core's
 * decision rule estimates; otherwise which bound the CI must clear.
 */
export function settleText(c: Compared): string {
  const bounds = `its CI [${c.lo.toFixed(2)}, ${c.hi.toFixed(2)}] must clear ${1 - DELTA} or ${1 + DELTA}`;
  if (c.a.group !== c.b.group) return `${bounds}: measure more samples per cell`;
  const decision = decideBest([c.a.cell, c.b.cell], { delta: DELTA, cores: c.a.run.machine.cores });
  const settle = settleWords(decision.comparisons, decision.best);
  if (settle) return `${bounds}: ${settle}`;
  const excluded = decision.excluded.map((e) => `${strategyName(e.cell)} ${e.reason}`);
  return `${bounds}: ${excluded.length > 0 ? excluded.join('; ') : 'measure more samples per cell'}`;
}

/**
 * What would settle the undecided ones of `comparisons` with `fastest`, in words: the samples per cell of
 * core's largest estimate, or that a ratio sits on the bound; undefined when none is undecided.
 */
export function settleWords(
  comparisons: readonly Comparison[],
  fastest: Cell | undefined,
): string | undefined {
  const open = comparisons.filter((c) => c.state === 'undecided');
  if (!fastest || open.length === 0) return undefined;
  const estimates = open.map((c) => settleEstimate(c, fastest, DELTA));
  if (estimates.some((e) => e.capped))
    return 'the ratio sits on the bound; no practical sample count settles it';
  return `about ${Math.max(...estimates.map((e) => e.samples))} samples per cell would settle it`;
}

/** A claim part; an inconclusive part of a comparison says what would settle it. */
export function part(subject: string, verdict: PartVerdict, numbers: string, compared?: Compared): ClaimPart {
  const settle = verdict === 'inconclusive' && compared ? settleText(compared) : undefined;
  return { subject, verdict, numbers, ...(settle ? { settle } : {}) };
}

/** A claim that `a` is faster than `b`: holds when faster, does not hold when equivalent or slower. */
export function beats(c: Compared): PartVerdict {
  return c.standing === 'faster' ? 'holds' : c.standing === 'undecided' ? 'inconclusive' : 'does not hold';
}

/**
 * A claim that `a` gives no benefit over `b`: holds only with evidence, when the CI lies inside the
 * equivalence bounds (or wholly below them: `a` is slower, so no benefit either); does not hold when `a`
 * is faster; inconclusive otherwise (a test that fails to separate them is not evidence).
 */
export function noBenefit(c: Compared): PartVerdict {
  return c.standing === 'equivalent' || c.standing === 'slower'
    ? 'holds'
    : c.standing === 'faster'
      ? 'does not hold'
      : 'inconclusive';
}

/** A claim that `a` and `b` perform alike: holds only when the CI lies inside 1 ± 5%. */
export function alike(c: Compared): PartVerdict {
  return c.standing === 'equivalent'
    ? 'holds'
    : c.standing === 'undecided'
      ? 'inconclusive'
      : 'does not hold';
}

/** `piscina@2 114 ms`. */
export function timeText(entry: Entry): string {
  return `${strategyName(entry.cell)} ${ms(entry.cell.stats?.median ?? 0)} ms`;
}

/** A finding with nothing measured and one reason. */
export function notMeasured(...reasons: string[]): Finding {
  return { parts: [], missing: reasons };
}

/** Concurrency levels at which both sets of entries have a cell, highest first. */
export function commonLevels(a: readonly Entry[], b: readonly Entry[]): number[] {
  const levels = new Set(b.map((entry) => entry.cell.concurrency));
  return [...new Set(a.map((entry) => entry.cell.concurrency))]
    .filter((n) => levels.has(n))
    .sort((x, y) => y - x);
}

/** Collects checks into a finding: a string is a missing piece, a part is measured. */
export function collect(results: Iterable<ClaimPart | ClaimPart[] | string>): Finding {
  const finding: Finding = { parts: [], missing: [] };
  for (const result of results) {
    if (typeof result === 'string') finding.missing.push(result);
    else if (Array.isArray(result)) finding.parts.push(...result);
    else finding.parts.push(result);
  }
  return finding;
}
