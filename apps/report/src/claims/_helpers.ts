import { bug, type Cell } from '@paralab/core';
import { byGroup, type Entry, type Run } from '../aggregate.js';
import { type Comparison, compareCells, quickest, timed } from '../compare.js';
import { type Family, familyOf } from '../families.js';
import { ms, pText, ratioCi, strategyName, times } from '../format.js';
import type { ClaimPart, Finding, PartVerdict } from './types.js';

/** The run's cells grouped by `workload(params)`, keeping only groups with a cell that passes `keep`. */
export function groupsWhere(run: Run, keep: (entry: Entry) => boolean): Map<string, Entry[]> {
  const groups = byGroup(run.entries);
  for (const [group, entries] of groups) if (!entries.some(keep)) groups.delete(group);
  return groups;
}

/**
 * Workloads that are probes rather than work, left out of the per-kind claims: `noop` measures a strategy's
 * own per-task cost, `blocking` is C5's stalled event loop.
 */
export const NOT_WORK: ReadonlySet<string> = new Set(['noop', 'blocking']);

/** Groups of the given kinds, without the probe workloads of `NOT_WORK`. */
export function groupsOfKind(run: Run, ...kinds: Cell['kind'][]): Map<string, Entry[]> {
  return groupsWhere(run, (entry) => kinds.includes(entry.cell.kind) && !NOT_WORK.has(entry.cell.workload));
}

/** Timed entries of a family, optionally at one concurrency level. */
export function timedOf(entries: readonly Entry[], family: Family, concurrency?: number): Entry[] {
  return entries.filter(
    (entry) =>
      timed(entry.cell) &&
      familyOf(entry.cell) === family &&
      (concurrency === undefined || entry.cell.concurrency === concurrency),
  );
}

/** The fastest timed entry of a family (optionally at one level). */
export function bestOf(entries: readonly Entry[], family: Family, concurrency?: number): Entry | undefined {
  return quickest(timedOf(entries, family, concurrency));
}

/** The timed sequential entry of a group. */
export function sequentialOf(entries: readonly Entry[]): Entry | undefined {
  return bestOf(entries, 'sequential');
}

/** `piscina@2 114 ms`. */
export function timeText(entry: Entry): string {
  return `${strategyName(entry.cell)} ${ms(entry.cell.stats?.median ?? 0)} ms`;
}

/** `piscina@2 1.63× [0.98, 1.95] over sequential`, from a comparison of the cell with sequential. */
export function speedText(entry: Entry, versusSequential: Comparison): string {
  return `${strategyName(entry.cell)} ${ratioCi(versusSequential)} over sequential`;
}

/** `async@10 is 1.39× [1.25, 1.52] faster than worker@10 (p=0.008)`, or `~` when not significant. */
export function comparisonText(a: Entry, b: Entry, comparison: Comparison): string {
  const p = pText(comparison.p);
  const [an, bn] = [strategyName(a.cell), strategyName(b.cell)];
  if (comparison.outcome === 'same') return `${an} ~ ${bn} (${ratioCi(comparison)}, ${p})`;
  const word = comparison.outcome === 'faster' ? 'faster' : 'slower';
  const shown = comparison.outcome === 'faster' ? comparison : invert(comparison);
  return `${an} is ${times(shown.ratio)} [${shown.lo.toFixed(2)}, ${shown.hi.toFixed(2)}] ${word} than ${bn} (${p})`;
}

function invert(c: Comparison): Comparison {
  return { ...c, ratio: 1 / c.ratio, lo: 1 / c.hi, hi: 1 / c.lo };
}

/** Compares two entries' cells; see `compareCells`. Both are timed by construction here. */
export function compare(a: Entry, b: Entry): Comparison {
  const result = compareCells(a.cell, b.cell);
  if (!result) throw bug(`cannot compare ${a.cell.id} with ${b.cell.id}: untimed cell`);
  return result;
}

/** A finding with nothing measured and one reason. */
export function notMeasured(...reasons: string[]): Finding {
  return { parts: [], missing: reasons };
}

/** A claim part. */
export function part(subject: string, verdict: PartVerdict, numbers: string): ClaimPart {
  return { subject, verdict, numbers };
}

/** Concurrency levels at which both sets of entries have a cell, highest first. */
export function commonLevels(a: readonly Entry[], b: readonly Entry[]): number[] {
  const levels = new Set(b.map((entry) => entry.cell.concurrency));
  return [...new Set(a.map((entry) => entry.cell.concurrency))]
    .filter((n) => levels.has(n))
    .sort((x, y) => y - x);
}
