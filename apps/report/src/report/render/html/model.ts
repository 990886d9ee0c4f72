import { runTitle } from '../../../shared/aggregate.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { table } from '../../../shared/html/parts.js';
import type { Report } from '../../build.js';
import { type AccuracyTable, FAR_OFF } from '../../model-accuracy.js';
import {
  ACCURACY_HEADER,
  ACCURACY_METHOD,
  accuracyCells,
  FAR_OFF_HEADER,
  farOffCells,
} from '../model-rows.js';
import { filterAttrs, part } from './filters.js';

function runBlock(t: AccuracyTable, report: Report): SafeHtml {
  const title = runTitle(t.run, report.aggregate);
  const keys = filterAttrs({ runtime: [t.run.runtime] });
  if (!t.recorded)
    return html`<div${keys}><h3>${title}</h3><p class="note">This results file carries no cost-model records (cell.model): nothing to hold against the measurements.</p></div>`;
  const rows = [...(t.all ? [t.all] : []), ...t.strategies].map((e) => ({ cells: accuracyCells(e) }));
  const far =
    t.farOff.length > 0
      ? html`<details><summary>${t.farOff.length} cell${t.farOff.length === 1 ? '' : 's'} off by more than ${FAR_OFF * 100}%</summary>${table(
          FAR_OFF_HEADER,
          t.farOff.map((c) => ({ cells: farOffCells(c) })),
        )}</details>`
      : html`<p class="note">No CPU cell is off by more than ${FAR_OFF * 100}%.</p>`;
  return html`<div${keys}><h3>${title}</h3>${table(ACCURACY_HEADER, rows)}${far}</div>`;
}

/**
 * The cost model's accuracy per runtime and strategy, and the cells where it is far off, collapsed. Absent
 * when no file carries model records (nothing was predicted).
 */
export function modelPart(report: Report): SafeHtml | string {
  if (!report.accuracy.some((t) => t.recorded)) return '';
  const predicted = report.accuracy.reduce((sum, t) => sum + (t.all?.predicted ?? 0), 0);
  const far = report.accuracy.reduce((sum, t) => sum + t.farOff.length, 0);
  return part(
    'model',
    'Cost model: predicted beside measured',
    `${predicted} CPU cells predicted, ${far} off by more than ${FAR_OFF * 100}%`,
    html`<p class="note">${ACCURACY_METHOD}</p>${report.accuracy.map((t) => runBlock(t, report))}`,
  );
}
