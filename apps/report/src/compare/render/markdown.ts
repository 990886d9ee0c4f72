import { mdDetails, mdTable, mdText } from '../../shared/markdown-text.js';
import { type CompareReport, type PairComparison, type RunRef, regressionsOver } from '../model.js';
import {
  type CompareRenderOptions,
  changeHeader,
  changeRow,
  FLOOR_HEADER,
  FLOOR_NOTE,
  floorRow,
  machinesText,
  methodText,
  pairHeading,
  thresholdText,
  totalsText,
  uncomparedByReason,
  versionsText,
} from './rows.js';

function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``;
}

function idList(ids: readonly string[]): string {
  return ids.map((id) => mdText(id)).join(', ');
}

function summaryTable(pair: PairComparison): string {
  const ratio =
    pair.figure === 'median ms'
      ? 'geometric mean of ratios (above 1 is slower)'
      : 'geometric mean of speedup ratios (below 1 scales worse)';
  return mdTable(
    ['kind', 'cells', ratio, 'slower', 'faster', '~'],
    pair.summary.map((s) => [
      s.kind,
      String(s.cells),
      `${s.geomean.toFixed(2)}×`,
      String(s.slower),
      String(s.faster),
      String(s.same),
    ]),
  );
}

function cellsPart(pair: PairComparison): string[] {
  const header = changeHeader(pair.figure);
  const changed = pair.changes.filter((change) => change.verdict !== '~');
  const same = pair.changes.filter((change) => change.verdict === '~');
  const parts = [changed.length > 0 ? mdTable(header, changed.map(changeRow)) : 'No significant change.'];
  if (same.length > 0) {
    const count = `${same.length} cell${same.length === 1 ? '' : 's'}`;
    parts.push(mdDetails(`${count} without a significant change`, mdTable(header, same.map(changeRow))));
  }
  return parts;
}

function sidesPart(pair: PairComparison): string[] {
  const parts: string[] = [];
  const only = (side: string, cells: PairComparison['onlyInBase']) =>
    cells.length > 0
      ? [`**Only in ${side}** (${cells.length}): ${idList(cells.map((cell) => cell.id))}`]
      : [];
  parts.push(...only('base', pair.onlyInBase), ...only('current', pair.onlyInCurrent));
  if (pair.statusChanges.length > 0) {
    parts.push(
      '**Status changes**',
      mdTable(
        ['cell', 'base', 'current', 'reason'],
        pair.statusChanges.map((s) => [s.id, s.base, s.current, s.reason ?? '']),
      ),
    );
  }
  const skipped = uncomparedByReason(pair);
  if (skipped.length > 0) {
    parts.push(
      ['**Not compared**', ...skipped.map(([reason, ids]) => `- ${mdText(reason)}: ${idList(ids)}`)].join(
        '\n',
      ),
    );
  }
  if (pair.floors.length > 0) {
    parts.push(
      mdDetails(`Overhead over floor (${FLOOR_NOTE})`, mdTable(FLOOR_HEADER, pair.floors.map(floorRow))),
    );
  }
  return parts;
}

function pairPart(pair: PairComparison): string {
  return [
    `### ${mdText(pairHeading(pair))}`,
    `${mdText(versionsText(pair))} · ${code(pair.base.path)} → ${code(pair.current.path)}`,
    ...pair.warnings.map((warning) => `> **Warning**: ${mdText(warning)}`),
    summaryTable(pair),
    ...cellsPart(pair),
    ...sidesPart(pair),
  ].join('\n\n');
}

function unpaired(run: RunRef, side: string): string {
  return `> **Only in ${side}**: ${mdText(`${run.runtime} ${run.version} on ${run.machine.label}`)} (${code(run.path)}, ${run.cells} cells): nothing to compare it with`;
}

/**
 * The comparison as GitHub-flavoured Markdown for a CI step summary or a pull-request comment: the totals
 * and the threshold's outcome first, then per pair of files the geometric means per kind, the changed cells,
 * the unchanged ones folded in `<details>`, and what is on one side only. Strings from files are escaped.
 */
export function renderCompareMarkdown(report: CompareReport, options: CompareRenderOptions): string {
  const threshold = options.failOnRegression;
  const verdict = thresholdText(threshold, threshold === undefined ? [] : regressionsOver(report, threshold));
  const head = [
    '## paralab compare',
    `**${mdText(totalsText(report))}** · base ${code(options.base)} → current ${code(options.current)}`,
    ...(verdict ? [`**${mdText(verdict)}**`] : []),
    `${mdText(methodText(report))}. Machines: ${machinesText(report).map(mdText).join('; ')}.`,
    ...report.caveats.map((caveat) => `> **Warning**: ${mdText(caveat)}`),
  ];
  const parts = [
    ...head,
    ...report.pairs.map(pairPart),
    ...report.onlyInBase.map((run) => unpaired(run, 'base')),
    ...report.onlyInCurrent.map((run) => unpaired(run, 'current')),
  ];
  return `${parts.join('\n\n')}\n`;
}
