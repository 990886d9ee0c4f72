import { html, raw, type SafeHtml } from '../../shared/html/escape.js';
import { table } from '../../shared/html/parts.js';
import { BASE_STYLE } from '../../shared/html/style.js';
import type { CellChange } from '../cells.js';
import { type CompareReport, type PairComparison, type RunRef, regressionsOver } from '../model.js';
import {
  type CompareRenderOptions,
  changeHeader,
  changeRow,
  FLOOR_HEADER,
  FLOOR_NOTE,
  floorRow,
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

/** Rows by verdict in a colour-blind-safe pair (vermillion slower, blue faster); the verdict is written too. */
const COMPARE_STYLE = `
h2 { display: block; margin: 28px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
tr.v-slower td { background: #fbe7dc; }
tr.v-faster td { background: #e3effa; }
tr.v-same td { color: var(--muted); }
table.compare td:nth-child(n+2) { white-space: nowrap; }
.verdict { font-weight: 600; }
.totals { font-size: 16px; }
ul.ids { columns: 2 28em; font-size: 12.5px; }
`;

const VERDICT_CLASS = { slower: 'v-slower', faster: 'v-faster', '~': 'v-same' } as const;

function cellsTable(pair: PairComparison, changes: readonly CellChange[]): SafeHtml {
  const rows = changes.map((change) => {
    const [id = '', ...rest] = changeRow(change);
    const verdict = rest.pop() ?? '';
    return {
      cells: [html`<code>${id}</code>`, ...rest, html`<span class="verdict">${verdict}</span>`],
      attrs: html` class="${VERDICT_CLASS[change.verdict]}"`,
    };
  });
  return table(changeHeader(pair.figure), rows, 'compare');
}

/** The changed cells, then the others folded: a long run of "~" should not hide a regression. */
function cellsPart(pair: PairComparison): SafeHtml {
  const changed = pair.changes.filter((change) => change.verdict !== '~');
  const same = pair.changes.filter((change) => change.verdict === '~');
  const head = changed.length > 0 ? cellsTable(pair, changed) : html`<p>No significant change.</p>`;
  const rest =
    same.length > 0
      ? html`<details><summary>${same.length} cell${same.length === 1 ? '' : 's'} without a significant change (~)</summary>${cellsTable(pair, same)}</details>`
      : '';
  return html`${head}${rest}`;
}

function summaryTable(pair: PairComparison): SafeHtml {
  const rows = pair.summary.map((s) => ({
    cells: [s.kind, s.cells, `${s.geomean.toFixed(2)}×`, s.slower, s.faster, s.same],
  }));
  return html`<p class="note">${geomeanText(pair)}</p>${table(['kind', 'cells', 'geometric mean', 'slower', 'faster', '~'], rows)}`;
}

function idBlock(title: string, items: readonly string[]): SafeHtml {
  if (items.length === 0) return html``;
  return html`<h3>${title} (${items.length})</h3><ul class="ids">${items.map((item) => html`<li><code>${item}</code></li>`)}</ul>`;
}

function pairSection(pair: PairComparison, index: number): SafeHtml {
  const warnings = pair.warnings.map((warning) => html`<p class="warning" role="note">${warning}</p>`);
  const skipped = uncomparedByReason(pair).map(([reason, ids]) => idBlock(`Not compared: ${reason}`, ids));
  const floors =
    pair.floors.length > 0
      ? html`<h3>Overhead over floor</h3><p class="note">${FLOOR_NOTE}.</p>${table(
          FLOOR_HEADER,
          pair.floors.map((f) => ({ cells: floorRow(f) })),
        )}`
      : '';
  return html`<section id="pair-${index + 1}">
<h2>${pairHeading(pair)}</h2>
<p class="intro">${versionsText(pair)} · <code>${pair.base.path}</code> → <code>${pair.current.path}</code></p>
${warnings}${summaryTable(pair)}${cellsPart(pair)}
${idBlock(
  'Only in base',
  pair.onlyInBase.map((cell) => cell.id),
)}${idBlock(
  'Only in current',
  pair.onlyInCurrent.map((cell) => cell.id),
)}
${idBlock('Status changes', pair.statusChanges.map(statusText))}${skipped}${floors}
</section>`;
}

function unpaired(run: RunRef, side: string): SafeHtml {
  return html`<p class="warning">Only in ${side}: ${run.runtime} ${run.version} on ${run.machine.label} (<code>${run.path}</code>, ${run.cells} cells): nothing to compare it with.</p>`;
}

/**
 * The comparison as one self-contained HTML page (compare.html): inline CSS, no script, no external URL.
 * One section per pair of files; rows coloured by verdict (red slower, green faster, grey `~`). Every
 * string from a results file is escaped.
 */
export function renderCompareHtml(report: CompareReport, options: CompareRenderOptions): string {
  const threshold = options.failOnRegression;
  const verdict = thresholdText(threshold, threshold === undefined ? [] : regressionsOver(report, threshold));
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paralab compare</title>
<style>${raw(BASE_STYLE)}${raw(COMPARE_STYLE)}</style>
</head>
<body>
<header>
<h1>paralab compare</h1>
<p class="intro">base <code>${options.base}</code> → current <code>${options.current}</code></p>
<p class="totals"><strong>${totalsText(report)}</strong></p>
${verdict ? html`<p><strong>${verdict}</strong></p>` : ''}
<p class="note">${methodText(report)}.</p>
<ul>${machinesText(report).map((text) => html`<li>${text}</li>`)}</ul>
${report.caveats.map((caveat) => html`<p class="warning" role="note">${caveat}</p>`)}
</header>
<main>
${report.pairs.map(pairSection)}
${report.onlyInBase.map((run) => unpaired(run, 'base'))}${report.onlyInCurrent.map((run) => unpaired(run, 'current'))}
</main>
<footer>paralab · statistics after METHOD.md: ratio of medians with a bootstrap 95% CI, two-sided Mann-Whitney U, Holm-Bonferroni, a practical noise gate; across machines only dimensionless figures.</footer>
</body>
</html>
`;
  return page.toString();
}
