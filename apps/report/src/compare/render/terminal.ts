import { times } from '../../shared/format.js';
import { clip, columns, plain } from '../../shared/terminal-text.js';
import {
  type CompareReport,
  geometricMean,
  type PairComparison,
  type RunRef,
  regressionsOver,
} from '../model.js';
import {
  type CompareRenderOptions,
  changeHeader,
  changeRow,
  FLOOR_NOTE,
  geomeanText,
  machinesText,
  methodText,
  pairHeading,
  statusText,
  thresholdText,
  totalsText,
  uncomparedByReason,
  versionsText,
} from './rows.js';

/** Terminal options: the width of the terminal, and the compare.html written, if any. */
export interface CompareTerminalOptions extends CompareRenderOptions {
  columns?: number;
  written?: string | undefined;
}

function list(title: string, ids: readonly string[], width: number): string[] {
  if (ids.length === 0) return [];
  return [
    `  ${title} (${ids.length}): ${plain(clip(ids.join(', '), Math.max(20, width - title.length - 10)))}`,
  ];
}

/** A cell id cut in its parameters, never in `/strategy@N`: `pipeline(documents=12,ki…)/piscina@2`. */
function clipId(id: string, width: number): string {
  if (id.length <= width) return id;
  const cut = id.lastIndexOf(')/');
  if (cut === -1) return clip(id, width);
  const tail = id.slice(cut);
  return `${id.slice(0, Math.max(8, width - tail.length - 1))}…${tail}`;
}

function pairLines(pair: PairComparison, width: number): string[] {
  const idWidth = Math.max(40, Math.min(80, width - 64));
  const rows = pair.changes.map((change) => {
    const [id = '', ...rest] = changeRow(change);
    return [plain(clipId(id, idWidth)), ...rest];
  });
  const table = columns([changeHeader(pair.figure), ...rows]).map((line) => `  ${line}`);
  const lines = [
    plain(pairHeading(pair)),
    `  ${plain(versionsText(pair))}; ${plain(pair.base.path)} → ${plain(pair.current.path)}`,
    ...(rows.length > 0 ? table : []),
    `  ${geomeanText(pair)}`,
    ...pair.warnings.map((warning) => `  warning: ${plain(warning)}`),
    ...list(
      'only in base',
      pair.onlyInBase.map((cell) => cell.id),
      width,
    ),
    ...list(
      'only in current',
      pair.onlyInCurrent.map((cell) => cell.id),
      width,
    ),
    ...pair.statusChanges.map((change) => `  status change: ${plain(clip(statusText(change), width - 17))}`),
    ...uncomparedByReason(pair).flatMap(([reason, ids]) => list(`not compared, ${reason}`, ids, width)),
  ];
  if (pair.floors.length > 0) {
    const ratios = pair.floors.flatMap((f) => (f.ratio === undefined ? [] : [f.ratio]));
    lines.push(
      `  overhead over floor: ${pair.floors.length} cells, geometric mean of ratios ${times(geometricMean(ratios))} (${FLOOR_NOTE}; every row in --markdown, --json and compare.html)`,
    );
  }
  return lines;
}

function unpairedLine(run: RunRef, side: string): string {
  return `only in ${side}: ${plain(run.runtime)} ${plain(run.version)} on ${run.machine.label} (${plain(run.path)}, ${run.cells} cells): nothing to compare it with`;
}

/**
 * The comparison for a terminal: what was compared and how, one table per pair of files (every compared
 * cell, `~` where the difference is not significant or within the noise gate), the geometric means per
 * kind, warnings, cells on one side only, status changes, then the totals and the threshold's outcome.
 */
export function renderCompareTerminal(report: CompareReport, options: CompareTerminalOptions): string {
  const width = options.columns ?? 120;
  const lines = [
    `paralab compare: base ${plain(options.base)} → current ${plain(options.current)}`,
    methodText(report),
    ...machinesText(report).map((text) => `machine ${plain(text)}`),
    ...report.caveats.map((caveat) => `warning: ${caveat}`),
  ];
  for (const pair of report.pairs) lines.push('', ...pairLines(pair, width));
  if (report.onlyInBase.length + report.onlyInCurrent.length > 0) lines.push('');
  lines.push(...report.onlyInBase.map((run) => unpairedLine(run, 'base')));
  lines.push(...report.onlyInCurrent.map((run) => unpairedLine(run, 'current')));
  lines.push('', totalsText(report));
  const threshold = options.failOnRegression;
  const verdict = thresholdText(threshold, threshold === undefined ? [] : regressionsOver(report, threshold));
  if (verdict) lines.push(verdict);
  if (options.written) lines.push(`wrote ${plain(options.written)}`);
  return `${lines.join('\n')}\n`;
}
