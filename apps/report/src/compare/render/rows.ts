import { ms, plural, pValue, ratioCi, times } from '../../shared/format.js';
import type { CellChange, Estimate, Figure } from '../cells.js';
import type { FloorChange } from '../floors.js';
import {
  ACROSS_MACHINES,
  type CompareReport,
  gateText,
  type PairComparison,
  pairTitle,
  type Regression,
} from '../model.js';

/** What every rendering of a comparison shows besides the report: the inputs and the threshold. */
export interface CompareRenderOptions {
  /** BASE and CURRENT as given on the command line. */
  base: string;
  current: string;
  /** `--fail-on-regression`, in percent. */
  failOnRegression?: number | undefined;
}

/** Column headers of the cell table of a pair, by figure. */
export function changeHeader(figure: Figure): string[] {
  return figure === 'median ms'
    ? ['cell', 'base ms', 'current ms', 'ratio [95% CI]', 'p', 'Holm p', 'verdict']
    : [
        'cell',
        'base speedup [95% CI], efficiency',
        'current speedup [95% CI], efficiency',
        'ratio',
        'verdict',
      ];
}

function estimateText(change: CellChange, estimate: Estimate): string {
  if (change.figure === 'median ms') return ms(estimate.value);
  const efficiency = (estimate.value / change.concurrency).toFixed(2);
  return `${ratioCi({ ratio: estimate.value, lo: estimate.lo, hi: estimate.hi })}, ${efficiency}`;
}

/** `1.20× [1.19, 1.21]` (same machine), `0.77×` (across machines: no CI of the ratio). */
export function ratioText(change: CellChange): string {
  return change.ci
    ? ratioCi({ ratio: change.ratio, lo: change.ci[0], hi: change.ci[1] })
    : times(change.ratio);
}

/** One row of a pair's cell table, matching `changeHeader`. */
export function changeRow(change: CellChange): string[] {
  const base = estimateText(change, change.base);
  const current = estimateText(change, change.current);
  if (change.figure === 'speedup') return [change.id, base, current, ratioText(change), change.verdict];
  const p = change.p === undefined ? '-' : pValue(change.p);
  const holm = change.pAdjusted === undefined ? '-' : pValue(change.pAdjusted);
  return [change.id, base, current, ratioText(change), p, holm, change.verdict];
}

/** `node 20.20.2 → 20.20.2` or `node 20.20.2 → bun 1.4.5`. */
export function versionsText(pair: PairComparison): string {
  const { base, current } = pair;
  const after = base.runtime === current.runtime ? current.version : `${current.runtime} ${current.version}`;
  return `${base.runtime} ${base.version} → ${after}`;
}

/** `node on M1: same machine, medians compared`, or `node on M1 → M2: across machines: only ...`. */
export function pairHeading(pair: PairComparison): string {
  return `${pairTitle(pair)}: ${pair.sameMachine ? 'same machine, medians compared' : ACROSS_MACHINES}`;
}

/** The geometric means per kind in one line, with what the ratio means. */
export function geomeanText(pair: PairComparison): string {
  if (pair.summary.length === 0) return 'geometric mean: no compared cell';
  const what =
    pair.figure === 'median ms'
      ? 'geometric mean of ratios (current / base median; above 1 is slower)'
      : 'geometric mean of speedup ratios (current / base; below 1 scales worse)';
  const kinds = pair.summary.map(
    (s) => `${s.kind} ${times(s.geomean)} (${s.cells} cell${s.cells === 1 ? '' : 's'})`,
  );
  return `${what}: ${kinds.join(' · ')}`;
}

/** `2 slower, 0 faster, 22 ~ (not significant, or within ±2%) of 24 compared cells; 1 status change ...`. */
export function totalsText(report: CompareReport): string {
  const t = report.totals;
  const extras = [
    t.statusChanges > 0 ? plural(t.statusChanges, 'status change') : '',
    t.onlyInBase > 0 ? `${plural(t.onlyInBase, 'cell')} only in base` : '',
    t.onlyInCurrent > 0 ? `${plural(t.onlyInCurrent, 'cell')} only in current` : '',
    t.uncompared > 0 ? `${t.uncompared} not compared` : '',
  ].filter((text) => text !== '');
  const head = `${t.slower} slower, ${t.faster} faster, ${t.same} ~ (not significant, or within ${gateText(report.noise)}) of ${plural(t.compared, 'compared cell')}`;
  return extras.length > 0 ? `${head}; ${extras.join(', ')}` : head;
}

/** How cells were judged, in one line. */
export function methodText(report: CompareReport): string {
  const test =
    report.tested > 0
      ? `two-sided Mann-Whitney U, α = ${report.alpha}, Holm-Bonferroni over ${plural(report.tested, 'cell')}`
      : 'no raw-time test (no pair of files from one machine)';
  return `noise gate ${gateText(report.noise)}; ${test}; "~": not significant, or within the noise gate`;
}

/** The `--fail-on-regression` outcome, or undefined without the flag. */
export function thresholdText(
  failOnRegression: number | undefined,
  regressions: readonly Regression[],
): string | undefined {
  if (failOnRegression === undefined) return undefined;
  const flag = `--fail-on-regression ${failOnRegression}%`;
  if (regressions.length === 0)
    return `${flag}: no significant regression over ${failOnRegression}% (exit 0)`;
  return `${flag}: ${plural(regressions.length, 'cell')} significantly slower by more than ${failOnRegression}% (exit 1)`;
}

/** `id: ok → errored (worker exited with code 1)`. */
export function statusText(change: PairComparison['statusChanges'][number]): string {
  return `${change.id}: ${change.base} → ${change.current}${change.reason ? ` (${change.reason})` : ''}`;
}

/** Cells that were not compared, grouped by reason (reasons in order of first appearance). */
export function uncomparedByReason(pair: PairComparison): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const item of pair.uncompared) groups.set(item.reason, [...(groups.get(item.reason) ?? []), item.id]);
  return [...groups];
}

/** Column headers of the overhead-over-floor table. */
export const FLOOR_HEADER = ['cell', 'measure', 'base (× floor)', 'current (× floor)', 'ratio'];

/** One row of the overhead-over-floor table. */
export function floorRow(change: FloorChange): string[] {
  return [
    change.id,
    `${change.measure} ÷ ${change.floor}`,
    change.base.toFixed(2),
    change.current.toFixed(2),
    change.ratio === undefined ? '-' : times(change.ratio),
  ];
}

/** Said under the overhead-over-floor table. */
export const FLOOR_NOTE = 'no CI: shown for reading, never called a change';

/** `M1: Test CPU A · 2 cores · 8 GiB · linux/x64` for each machine of the comparison. */
export function machinesText(report: CompareReport): string[] {
  const runs = [
    ...report.pairs.flatMap((pair) => [pair.base, pair.current]),
    ...report.onlyInBase,
    ...report.onlyInCurrent,
  ];
  const seen = new Map<string, string>();
  for (const run of runs) seen.set(run.machine.label, `${run.machine.label}: ${run.machine.description}`);
  return [...seen].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([, text]) => text);
}
