import { byGroup, type Entry, runTitle } from '../../../shared/aggregate.js';
import { ms, plural } from '../../../shared/format.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { badge, table } from '../../../shared/html/parts.js';
import type { Report } from '../../build.js';
import { boxChart, rowLabel } from '../../charts/box.js';
import { environmentRow } from '../rows.js';
import { cellRef, entryKeys, filterAttrs, part } from './filters.js';

/** The figures a box plot draws, per cell: n, min, quartiles, median, max (ms). */
function quartiles(entries: readonly Entry[]): SafeHtml {
  const rows = entries.map((entry) => {
    const s = entry.cell.stats;
    const figure = (value: number | undefined) => (value === undefined ? '–' : ms(value));
    return {
      cells: [
        rowLabel(entry),
        entry.cell.samples.length,
        figure(s?.min),
        figure(s?.p25),
        figure(s?.median),
        figure(s?.p75),
        figure(s?.max),
      ],
      attrs: html`${filterAttrs(entryKeys(entry))}${cellRef(entry)}`,
    };
  });
  return table(['cell', 'n', 'min', 'p25', 'median', 'p75', 'max (ms)'], rows);
}

/** The distribution of every cell's raw samples, one box-and-strip chart per workload, collapsed. */
export function distributionsPart(report: Report): SafeHtml {
  const blocks = report.aggregate.machines.flatMap((machine) =>
    [...byGroup(machine.runs.flatMap((run) => run.entries))].map(([group, entries]) => {
      const first = entries[0];
      const keys = {
        runtime: entries.map((e) => e.run.runtime),
        workload: first ? [first.cell.workload] : [],
        kind: first ? [first.cell.kind] : [],
      };
      const title = report.aggregate.machines.length > 1 ? `${group} · ${machine.label}` : group;
      const sampled = entries.filter((e) => e.cell.samples.length > 0);
      const chart = boxChart(sampled, `Raw samples of every cell of ${title}`);
      const numbers = chart
        ? html`<details><summary>the numbers</summary>${quartiles(sampled)}</details>`
        : '';
      return html`<details class="dist"${filterAttrs(keys)}><summary><code>${title}</code>: ${plural(entries.length, 'cell')}</summary>${chart ?? html`<p class="note">No samples.</p>`}${numbers}</details>`;
    }),
  );
  return part(
    'distributions',
    'Distributions',
    'box and strip plots of every cell’s raw samples, per workload',
    html`${blocks}`,
  );
}

/** Every cell that is not a clean measurement, with its reason. */
export function problemsPart(report: Report): SafeHtml {
  const rows = report.problems.map((p) => ({
    cells: [
      runTitle(p.run, report.aggregate),
      html`<code>${p.entry.cell.id}</code>`,
      badge(p.issue),
      p.reason,
    ],
    attrs: html`${filterAttrs(entryKeys(p.entry))}${cellRef(p.entry)}`,
  }));
  const body =
    rows.length > 0
      ? table(['runtime', 'cell', 'issue', 'reason'], rows, 'problems')
      : html`<p>None: every cell is ok and unflagged.</p>`;
  return part(
    'problems',
    'Problem cells',
    `${plural(rows.length, 'cell')}: errored, unsupported, invalid, interrupted or flagged, each with its reason`,
    body,
  );
}

/** The environment of every results file (runtime, version and engine, machine, profile, services). */
export function environmentPart(report: Report): SafeHtml {
  const runs = report.aggregate.runs;
  const header = Object.keys(runs[0] ? environmentRow(runs[0], report.aggregate) : {});
  const rows = runs.map((run) => ({
    cells: Object.values(environmentRow(run, report.aggregate)),
    attrs: filterAttrs({ runtime: [run.runtime] }),
  }));
  const { errors } = report.aggregate;
  const failed =
    errors.length > 0
      ? html`<h3>Not reported</h3><ul class="errors">${errors.map((e) => html`<li><code>${e.message}</code></li>`)}</ul>`
      : '';
  return part(
    'environment',
    'Environment',
    `${plural(runs.length, 'results file')}: runtime, engine, machine, profile`,
    html`${table(header, rows, 'environment')}${failed}`,
  );
}
