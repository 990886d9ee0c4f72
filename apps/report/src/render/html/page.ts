import type { Report } from '../../report.js';
import { scopeLine } from '../rows.js';
import { filterValue } from './_parts.js';
import { claimsSection } from './claims.js';
import { clientMain } from './client.js';
import { decisionsSection } from './decisions.js';
import { environmentSection } from './environment.js';
import { html, jsonScript, raw, type SafeHtml } from './escape.js';
import { matrixSection } from './matrix.js';
import { overheadsSection } from './overheads.js';
import { speedupSection } from './speedup.js';
import { STYLE } from './style.js';

function select(name: string, label: string, values: readonly string[]): SafeHtml {
  const options = [...new Set(values)].map(
    (value) => html`<option value="${filterValue(value)}">${value}</option>`,
  );
  return html`<label>${label}<select name="${name}" aria-label="${label}"><option value="">all</option>${options}</select></label>`;
}

function filters(report: Report): SafeHtml {
  const cells = report.aggregate.runs.flatMap((run) => run.entries.map((entry) => entry.cell));
  return html`<div id="filters" hidden>${select(
    'runtime',
    'runtime',
    report.aggregate.runs.map((run) => run.runtime),
  )}${select(
    'workload',
    'workload',
    cells.map((cell) => cell.workload),
  )}${select(
    'kind',
    'kind',
    cells.map((cell) => cell.kind),
  )}<span id="filter-status" class="note"></span></div>`;
}

function embeddedData(report: Report): unknown {
  const runs = Object.fromEntries(
    report.aggregate.runs.map((run) => [
      run.id,
      { path: run.file.path, machineLabel: run.machine.label, ...run.file.results },
    ]),
  );
  return { generatedAt: report.generatedAt.toISOString(), runs, errors: report.aggregate.errors };
}

function errorsBox(report: Report): SafeHtml | string {
  const { errors } = report.aggregate;
  if (errors.length === 0) return '';
  return html`<div class="errors-box" role="alert"><strong>${errors.length} file${errors.length === 1 ? ' was' : 's were'} not reported:</strong><ul>${errors.map((e) => html`<li><code>${e.message}</code></li>`)}</ul></div>`;
}

/**
 * The report as one self-contained HTML page: inline CSS, charts as static SVG, the data embedded as JSON,
 * a small inline script for filters and the cell inspector, and no external URL. Readable without JavaScript.
 */
export function renderHtml(report: Report): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paralab report</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
<h1>paralab report</h1>
<p class="intro">Which JavaScript concurrency strategy wins, measured: ${scopeLine(report)}, generated ${report.generatedAt.toISOString()}.</p>
${errorsBox(report)}
<nav aria-label="sections"><a href="#decisions">1. Decisions</a><a href="#claims">2. Claims</a><a href="#speedup">3. Speedup</a><a href="#matrix">4. Cross-runtime</a><a href="#overheads">5. Overheads</a><a href="#environment">6. Environment</a></nav>
</header>
<main>
${filters(report)}
${decisionsSection(report)}
${claimsSection(report)}
${speedupSection(report)}
${matrixSection(report)}
${overheadsSection(report)}
${environmentSection(report)}
</main>
<aside id="inspector" hidden aria-live="polite"><button id="inspector-close" type="button" aria-label="close">×</button><strong id="inspector-title"></strong><pre id="inspector-body"></pre></aside>
<footer>paralab · statistics after METHOD.md: medians with distribution-free 95% CIs, bootstrap CIs of ratios, Mann-Whitney U, Holm-Bonferroni.</footer>
${jsonScript('paralab-data', embeddedData(report))}
<script>${raw(`(${clientMain.toString()})();`)}</script>
</body>
</html>
`;
  return page.toString();
}
