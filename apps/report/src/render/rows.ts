import type { Results } from '@paralab/core';
import type { Run } from '../aggregate.js';
import type { Decision } from '../decisions.js';
import { ms, pValue, ratioCi, strategyName, times } from '../format.js';
import type { MatrixValue } from '../matrix.js';
import type { Report } from '../report.js';

/** One line of the decision table, as text (every renderer shows the same strings). */
export interface DecisionRow {
  run: Run;
  machine: string;
  runtime: string;
  workload: string;
  /** `workload(params)`. */
  group: string;
  kind: string;
  /** `piscina@2`, or `-`. */
  fastest: string;
  /** The winner's speedup over sequential with its CI, or `-`. */
  vsSequential: string;
  /** `1.50× worker@2 [1.45, 1.55]`: median(runner-up) / median(best), or `-`. */
  margin: string;
  /** Mann-Whitney p of best vs runner-up, or `-`. */
  p: string;
  /** wins, no clear winner, only one valid cell, no valid cell. */
  verdict: string;
}

/** The decision table as text rows. */
export function decisionRows(decisions: readonly Decision[]): DecisionRow[] {
  return decisions.map((decision) => {
    const { verdict } = decision;
    const best = verdict?.best;
    const margin =
      verdict?.margin && verdict.runnerUp
        ? `${times(verdict.margin.ratio)} ${strategyName(verdict.runnerUp)} [${verdict.margin.lo.toFixed(2)}, ${verdict.margin.hi.toFixed(2)}]`
        : '-';
    return {
      run: decision.run,
      machine: decision.run.machine.label,
      runtime: decision.run.label,
      workload: decision.workload,
      group: decision.group,
      kind: decision.kind,
      fastest: best ? strategyName(best) : '-',
      vsSequential: best?.speedup ? ratioCi(best.speedup) : '-',
      margin,
      p: verdict?.p !== undefined ? pValue(verdict.p) : '-',
      verdict: decision.outcome,
    };
  });
}

/** A matrix value as text: `1.23× [1.10, 1.31]`, `~1.02×` when not significant, `baseline`, or why it is empty. */
export function matrixText(value: MatrixValue, baseline: Run): string {
  if (!value.entry) return '–';
  const { cell } = value.entry;
  if (cell.status !== 'ok') return cell.status;
  if (value.run === baseline) return `1 (${ms(cell.stats?.median ?? 0)} ms)`;
  const c = value.comparison;
  if (!c) return 'no baseline';
  return value.significant ? ratioCi(c) : `~${times(c.ratio)}`;
}

/** The environment of one file as label/value pairs. */
export function environmentRow(run: Run): Record<string, string> {
  const r = run.file.results;
  const seconds = r.finishedAt
    ? ((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)
    : undefined;
  return {
    file: run.file.path,
    runtime: `${r.runtime.name} ${r.runtime.version}${browserDetails(r.runtime)}`,
    tool: `${r.tool.name} ${r.tool.version}`,
    machine: `${run.machine.label}: ${run.machine.description}`,
    fingerprint: r.machine.fingerprint,
    profile: r.profile,
    seed: String(r.seed),
    started: r.startedAt,
    duration: seconds !== undefined ? `${seconds} s` : 'unknown',
    complete: r.complete ? 'yes' : 'no (interrupted)',
    timer: `${r.timer.source}, step ${r.timer.resolutionMs.toPrecision(2)} ms`,
    cells: `${r.cells.length} (${r.cells.filter((c) => c.status === 'ok').length} ok)`,
  };
}

/** What a browser runner adds about its page: ` (cross-origin isolated, 2 cores seen; Mozilla/5.0 ...)`. */
function browserDetails(runtime: Results['runtime']): string {
  const details = [
    runtime.crossOriginIsolated === undefined
      ? undefined
      : runtime.crossOriginIsolated
        ? 'cross-origin isolated'
        : 'not cross-origin isolated',
    runtime.hardwareConcurrency === undefined ? undefined : `${runtime.hardwareConcurrency} cores seen`,
  ].filter(Boolean);
  const agent = runtime.userAgent ? `; ${runtime.userAgent}` : '';
  return details.length > 0 || agent ? ` (${details.join(', ')}${agent})` : '';
}

/** `3 results files from 2 machines`. */
export function scopeLine(report: Report): string {
  const files = report.aggregate.runs.length;
  const machines = report.aggregate.machines.length;
  return `${files} results file${files === 1 ? '' : 's'} from ${machines} machine${machines === 1 ? '' : 's'}`;
}
