import type { Report } from '../../report.js';
import { environmentRow } from '../rows.js';
import { filterAttrs, section, table } from './_parts.js';
import { html, type SafeHtml } from './escape.js';

/** Part 6: the environment of every results file, and the files that could not be read. */
export function environmentSection(report: Report): SafeHtml {
  const runs = report.aggregate.runs;
  const header = Object.keys(runs[0] ? environmentRow(runs[0]) : {});
  const rows = runs.map((run) => ({
    cells: Object.values(environmentRow(run)),
    attrs: filterAttrs({ runtime: [run.runtime] }),
  }));
  const { errors } = report.aggregate;
  const failed =
    errors.length > 0
      ? html`<h3>Not reported</h3><ul class="errors">${errors.map((e) => html`<li><code>${e.message}</code></li>`)}</ul>`
      : '';
  return section(
    'environment',
    '6. Environment',
    'Every results file in this report: runtime and versions, machine (files are grouped by its fingerprint), profile and dates.',
    html`${table(header, rows, 'environment')}${failed}`,
  );
}
