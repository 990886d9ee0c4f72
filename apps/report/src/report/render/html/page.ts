import { html, jsonScript, raw, type SafeHtml } from '../../../shared/html/escape.js';
import type { Report } from '../../build.js';
import { machinesLine, scopeLine } from '../rows.js';
import { answerSection } from './answer.js';
import { distributionsPart, environmentPart, problemsPart } from './cells.js';
import { claimsGrid, claimsPart } from './claims.js';
import { clientMain } from './client.js';
import { decisionsPart } from './decisions.js';
import { filterBar } from './filters.js';
import { grainPart } from './grain.js';
import { matrixPart } from './matrix.js';
import { modelPart } from './model.js';
import { overheadsPart } from './overheads.js';
import { servingPart } from './serving.js';
import { speedupPart } from './speedup.js';
import { REPORT_STYLE } from './style.js';

/** Numbers in the embedded data keep 4 significant digits: the inspector shows them, nothing computes. */
function compact(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(4));
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
}

/** What the page's inspector shows of each cell: everything but per-task durations and metrics. */
function embeddedData(report: Report): unknown {
  const runs = Object.fromEntries(
    report.aggregate.runs.map((run) => [
      run.id,
      {
        path: run.file.path,
        cells: run.file.results.cells.map(({ tasks: _tasks, metrics: _metrics, ...cell }) => compact(cell)),
      },
    ]),
  );
  return { generatedAt: report.generatedAt.toISOString(), runs };
}

function errorsBox(report: Report): SafeHtml | string {
  const { errors } = report.aggregate;
  if (errors.length === 0) return '';
  return html`<div class="errors-box" role="alert"><strong>${errors.length} file${errors.length === 1 ? ' was' : 's were'} not reported:</strong><ul>${errors.map((e) => html`<li><code>${e.message}</code></li>`)}</ul></div>`;
}

/**
 * The report as one self-contained HTML page, answer first: what to use per kind of work and runtime with
 * one picture beside it, the claims' verdicts, then every detail collapsed (each workload's decision, the
 * claims' numbers, speedup small multiples, serving HTTP, speedup vs task size, the cost model's accuracy,
 * the cross-runtime table, floors, distributions, problem cells, environment). Inline CSS, charts as static
 * SVG, the cells embedded as JSON for the inspector, a small inline script for filters, and no external
 * URL. Readable without JavaScript.
 */
export function renderHtml(report: Report): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paralab report</title>
<style>${raw(REPORT_STYLE)}</style>
</head>
<body>
<header>
<h1>paralab report</h1>
<p class="intro">${scopeLine(report)}: ${machinesLine(report.aggregate)} · generated ${report.generatedAt.toISOString()}</p>
${errorsBox(report)}
</header>
<main>
${answerSection(report)}
${claimsGrid(report)}
${filterBar(report)}
${decisionsPart(report)}
${claimsPart(report)}
${speedupPart(report)}
${servingPart(report)}
${grainPart(report)}
${modelPart(report)}
${matrixPart(report)}
${overheadsPart(report)}
${distributionsPart(report)}
${problemsPart(report)}
${environmentPart(report)}
</main>
<aside id="inspector" hidden aria-live="polite"><button id="inspector-close" type="button" aria-label="close">×</button><strong id="inspector-title"></strong><pre id="inspector-body"></pre></aside>
<footer>paralab · statistics after METHOD.md: medians with distribution-free 95% CIs, bootstrap CIs of ratios, the decision rule with a 5% indifference zone, Mann-Whitney U with Benjamini-Hochberg across runtimes.</footer>
${jsonScript('paralab-data', embeddedData(report))}
<script>${raw(`(${clientMain.toString()})();`)}</script>
</body>
</html>
`;
  return page.toString();
}
