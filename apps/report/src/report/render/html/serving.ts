import { runTitle } from '../../../shared/aggregate.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { table } from '../../../shared/html/parts.js';
import type { Report } from '../../build.js';
import { type ServingPoint, servingChart } from '../../charts/serving.js';
import type { ServingTable } from '../../serving.js';
import { SERVING_HEADER, SERVING_METHOD, servingCells, servingTitle } from '../serving-rows.js';
import { cellRef, entryKeys, filterAttrs, part } from './filters.js';

function points(report: Report): ServingPoint[] {
  return report.serving.flatMap((t) =>
    t.rows.flatMap((row) => {
      const rate = row.requestsPerSecond;
      if (!rate || row.cpuMs === undefined) return [];
      return [
        {
          runtime: runTitle(t.run, report.aggregate),
          strategy: row.strategy,
          cpu: String(row.cpuMs),
          perSecond: rate.value,
          lo: rate.lo ?? rate.value,
          hi: rate.hi ?? rate.value,
          limited: row.generatorLimit !== undefined,
        },
      ];
    }),
  );
}

function runTable(t: ServingTable, report: Report): SafeHtml {
  const rows = t.rows.map((row) => ({
    cells: servingCells(row),
    attrs: html`${filterAttrs(entryKeys(row.entry))}${cellRef(row.entry)}`,
  }));
  const note = t.generatorNote ? html`<p class="warning">${t.generatorNote}</p>` : '';
  return html`<div${filterAttrs({ runtime: [t.run.runtime] })}><h3>${servingTitle(t, runTitle(t.run, report.aggregate))}</h3>${note}${table(SERVING_HEADER, rows, 'serving')}</div>`;
}

/**
 * Serving HTTP, collapsed: requests/s against CPU per request as small multiples (a panel per runtime, a
 * line per strategy), then a table per runtime with the load figures of every served cell, and beside each
 * table the sentence that says when the load generator may have set the pace. Absent without served cells.
 */
export function servingPart(report: Report): SafeHtml | string {
  if (report.serving.length === 0) return '';
  const chart = servingChart(points(report));
  const figure = chart
    ? html`<figure class="chart">${chart}<figcaption>Requests/s (log scale) with the 95% CI of each median; a dashed ring: the load generator may have set the pace. The numbers are in the tables below.</figcaption></figure>`
    : '';
  const cells = report.serving.reduce((sum, t) => sum + t.rows.length, 0);
  return part(
    'serving',
    'Serving HTTP',
    `${cells} served cells on ${report.serving.length} runtime${report.serving.length === 1 ? '' : 's'}: requests/s, p99 latency, server and generator CPU`,
    html`<p class="note">${SERVING_METHOD}</p>${figure}${report.serving.map((t) => runTable(t, report))}`,
  );
}
