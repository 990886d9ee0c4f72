import { ALPHA, type Cell, canReachSignificance, holmBonferroni, smallestP } from '@paralab/core';
import { describeMachine } from '../shared/aggregate.js';
import type { LoadedFile } from '../shared/load.js';
import { geometricMean, NOISE } from '../shared/ratio.js';
import { type CellChange, type Figure, type MatchedCells, matchCells, rawVerdict } from './cells.js';
import { type FloorChange, floorChanges } from './floors.js';
import { pairFiles } from './pairs.js';

/** A machine of the comparison, labelled M1, M2 ... by first appearance (BASE's files first). */
export interface MachineRef {
  label: string;
  fingerprint: string;
  /** CPU model, cores, memory, OS and architecture in words. */
  description: string;
}

/** One results file of the comparison. */
export interface RunRef {
  path: string;
  runtime: string;
  version: string;
  profile: string;
  /** false when the run was interrupted. */
  complete: boolean;
  machine: MachineRef;
  /** Number of cells in the file. */
  cells: number;
}

/** The compared cells of one workload kind, summarised. */
export interface KindSummary {
  kind: Cell['kind'];
  /** Cells compared. */
  cells: number;
  /** Geometric mean of the ratios (current / base of the pair's figure). */
  geomean: number;
  slower: number;
  faster: number;
  same: number;
}

/** A BASE file compared with a CURRENT file. */
export interface PairComparison extends MatchedCells {
  /** The runtime, or `node → bun` when the two files are of different runtimes. */
  label: string;
  base: RunRef;
  current: RunRef;
  /** Same machine fingerprint: raw medians are compared; otherwise only dimensionless figures. */
  sameMachine: boolean;
  figure: Figure;
  /** Overhead over floor on each side (across machines only). */
  floors: FloorChange[];
  /** Per workload kind, in the order cpu, io, mixed, calibration. */
  summary: KindSummary[];
  warnings: string[];
}

/** Counts over every pair. */
export interface CompareTotals {
  compared: number;
  slower: number;
  faster: number;
  same: number;
  statusChanges: number;
  uncompared: number;
  onlyInBase: number;
  onlyInCurrent: number;
}

/** The comparison of two sets of results files. */
export interface CompareReport {
  /** The practical gate, as a fraction (0.02 for ±2%). */
  noise: number;
  /** Significance level of the (Holm-adjusted) Mann-Whitney test. */
  alpha: number;
  /** Cells tested with Mann-Whitney U: the family Holm-Bonferroni adjusts over. */
  tested: number;
  pairs: PairComparison[];
  /** Files with no partner on the other side: listed, not compared. */
  onlyInBase: RunRef[];
  onlyInCurrent: RunRef[];
  totals: CompareTotals;
  /** Warnings about the comparison as a whole (for example, too few samples for any significant change). */
  caveats: string[];
  /** Every warning: the caveats, each pair's (prefixed with its title), and runs without a partner. */
  warnings: string[];
}

/** Said wherever two machines are compared. */
export const ACROSS_MACHINES = 'across machines: only dimensionless figures compared';

const KIND_ORDER: readonly Cell['kind'][] = ['cpu', 'io', 'mixed', 'calibration'];

function machineRefs(files: readonly LoadedFile[]): (file: LoadedFile) => MachineRef {
  const refs = new Map<string, MachineRef>();
  for (const file of files) {
    const { machine } = file.results;
    if (refs.has(machine.fingerprint)) continue;
    const label = `M${refs.size + 1}`;
    refs.set(machine.fingerprint, {
      label,
      fingerprint: machine.fingerprint,
      description: describeMachine(machine),
    });
  }
  return (file) => refs.get(file.results.machine.fingerprint) as MachineRef;
}

function runRef(file: LoadedFile, machine: MachineRef): RunRef {
  const r = file.results;
  return {
    path: file.path,
    runtime: r.runtime.name,
    version: r.runtime.version,
    profile: r.profile,
    complete: r.complete,
    machine,
    cells: r.cells.length,
  };
}

/** The noise gate in words: `±2%`, `±2.5%`. */
export function gateText(noise: number): string {
  return `±${Number((noise * 100).toFixed(2))}%`;
}

/** `node on M1`, `node → bun on M1`, or `node on M1 → M2` across machines. */
export function pairTitle(pair: Pick<PairComparison, 'label' | 'base' | 'current' | 'sameMachine'>): string {
  const where = pair.sameMachine
    ? pair.base.machine.label
    : `${pair.base.machine.label} → ${pair.current.machine.label}`;
  return `${pair.label} on ${where}`;
}

export { geometricMean };

function summarise(changes: readonly CellChange[]): KindSummary[] {
  const kinds = [...new Set(changes.map((change) => change.kind))].sort(
    (a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b),
  );
  return kinds.map((kind) => {
    const ofKind = changes.filter((change) => change.kind === kind);
    const count = (verdict: CellChange['verdict']) => ofKind.filter((c) => c.verdict === verdict).length;
    return {
      kind,
      cells: ofKind.length,
      geomean: geometricMean(ofKind.map((change) => change.ratio)),
      slower: count('slower'),
      faster: count('faster'),
      same: count('~'),
    };
  });
}

function pairWarnings(pair: Omit<PairComparison, 'summary' | 'warnings'>, noise: number): string[] {
  const warnings: string[] = [];
  if (!pair.sameMachine) {
    warnings.push(
      `${ACROSS_MACHINES} (speedup over sequential, efficiency, overhead over floor); raw times are never compared across machines. A speedup change is real only when the two cells' 95% CIs do not overlap and the ratio lies outside ${gateText(noise)}`,
    );
  }
  const [onlyBase, onlyCurrent] = [pair.onlyInBase.length, pair.onlyInCurrent.length];
  if (onlyBase + onlyCurrent > 0) {
    warnings.push(
      `the sets cover different cells: ${pair.changes.length} compared, ${onlyBase} only in base, ${onlyCurrent} only in current; the geometric means cover the compared cells only`,
    );
  }
  for (const side of [pair.base, pair.current]) {
    if (!side.complete) warnings.push(`${side.path} is incomplete: its run was interrupted`);
  }
  if (pair.changes.length === 0) warnings.push('no cell could be compared');
  return warnings;
}

/** Holm-Bonferroni over every tested cell, then each verdict; returns the tested cells. */
function applyHolm(pairs: readonly PairComparison[], alpha: number, noise: number): CellChange[] {
  const tested = pairs.flatMap((pair) =>
    pair.changes.filter((change) => change.p !== undefined && change.ci),
  );
  const adjusted = holmBonferroni(tested.map((change) => change.p ?? 1));
  tested.forEach((change, i) => {
    change.pAdjusted = adjusted[i] ?? 1;
    if (change.ci) change.verdict = rawVerdict(change.ci, change.pAdjusted, alpha, noise);
  });
  return tested;
}

/**
 * A warning when no tested cell can ever be significant: Holm's first step needs the smallest p below
 * alpha / m, and too few samples cannot give a p that small however large the change.
 */
function powerCaveat(tested: readonly CellChange[], alpha: number): string[] {
  if (tested.length === 0) return [];
  const sizes = tested.map((change) => change.samples);
  if (canReachSignificance(sizes, tested.length, 'holm', alpha)) return [];
  const best = Math.min(...sizes.map(([m, n]) => smallestP(m, n)));
  const counts = tested.flatMap((change) => change.samples);
  const [fewest, most] = [Math.min(...counts), Math.max(...counts)];
  const needed = alpha / tested.length;
  return [
    `no change can be significant here: with ${fewest === most ? fewest : `${fewest} to ${most}`} samples per cell the smallest possible Mann-Whitney p is ${best.toPrecision(2)}, and Holm-Bonferroni over ${tested.length} cells needs p < ${needed.toPrecision(2)}; measure more samples per cell (the default profile takes at least 10) or compare fewer cells`,
  ];
}

function totalsOf(pairs: readonly PairComparison[]): CompareTotals {
  const sum = (count: (pair: PairComparison) => number) => pairs.reduce((n, pair) => n + count(pair), 0);
  const verdicts = (verdict: CellChange['verdict']) =>
    sum((pair) => pair.changes.filter((change) => change.verdict === verdict).length);
  return {
    compared: sum((pair) => pair.changes.length),
    slower: verdicts('slower'),
    faster: verdicts('faster'),
    same: verdicts('~'),
    statusChanges: sum((pair) => pair.statusChanges.length),
    uncompared: sum((pair) => pair.uncompared.length),
    onlyInBase: sum((pair) => pair.onlyInBase.length),
    onlyInCurrent: sum((pair) => pair.onlyInCurrent.length),
  };
}

/**
 * Compares two sets of validated results files (METHOD.md, "Comparing two results"). Files are paired by
 * `pairFiles`; within a pair, cells are matched by id. Same machine fingerprint: ratio of medians
 * (current / base) with a bootstrap 95% CI, two-sided Mann-Whitney U, Holm-Bonferroni across every tested
 * cell of every pair, and the practical gate: `slower` or `faster` only when the adjusted p < alpha and the
 * CI lies outside ±`noise`; `~` otherwise. Different fingerprints: only dimensionless figures (speedup,
 * efficiency, overhead over floor).
 */
export function compareSets(
  base: readonly LoadedFile[],
  current: readonly LoadedFile[],
  noise: number = NOISE,
  alpha: number = ALPHA,
): CompareReport {
  const machineOf = machineRefs([...base, ...current]);
  const ref = (file: LoadedFile) => runRef(file, machineOf(file));
  const pairing = pairFiles(base, current);
  const pairs = pairing.pairs.map(({ base: b, current: c }): PairComparison => {
    const sameMachine = b.results.machine.fingerprint === c.results.machine.fingerprint;
    const [bRuntime, cRuntime] = [b.results.runtime.name, c.results.runtime.name];
    const partial = {
      label: bRuntime === cRuntime ? bRuntime : `${bRuntime} → ${cRuntime}`,
      base: ref(b),
      current: ref(c),
      sameMachine,
      figure: (sameMachine ? 'median ms' : 'speedup') as Figure,
      floors: sameMachine ? [] : floorChanges(b, c),
      ...matchCells(b.results.cells, c.results.cells, sameMachine, noise),
    };
    return { ...partial, summary: [], warnings: pairWarnings(partial, noise) };
  });
  const tested = applyHolm(pairs, alpha, noise);
  const caveats = powerCaveat(tested, alpha);
  for (const pair of pairs) pair.summary = summarise(pair.changes);
  const onlyInBase = pairing.onlyInBase.map(ref);
  const onlyInCurrent = pairing.onlyInCurrent.map(ref);
  const unpaired = (run: RunRef, side: string) =>
    `${run.runtime} on ${run.machine.label} (${run.path}) is only in ${side}: nothing to compare it with`;
  const warnings = [
    ...caveats,
    ...pairs.flatMap((pair) => pair.warnings.map((warning) => `${pairTitle(pair)}: ${warning}`)),
    ...onlyInBase.map((run) => unpaired(run, 'base')),
    ...onlyInCurrent.map((run) => unpaired(run, 'current')),
  ];
  return {
    noise,
    alpha,
    tested: tested.length,
    pairs,
    onlyInBase,
    onlyInCurrent,
    totals: totalsOf(pairs),
    caveats,
    warnings,
  };
}

/** A cell `slower` by more than the `--fail-on-regression` threshold, with the pair it belongs to. */
export interface Regression {
  pair: PairComparison;
  change: CellChange;
}

/** The cells `slower` by more than `percentage` % (slowdown > 1 + percentage / 100), every pair. */
export function regressionsOver(report: CompareReport, percentage: number): Regression[] {
  return report.pairs.flatMap((pair) =>
    pair.changes
      .filter((change) => change.verdict === 'slower' && change.slowdown > 1 + percentage / 100)
      .map((change) => ({ pair, change })),
  );
}
