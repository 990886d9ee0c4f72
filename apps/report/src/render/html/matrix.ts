import type { Aggregate } from '../../aggregate.js';
import type { Matrix, MatrixValue } from '../../matrix.js';
import type { Report } from '../../report.js';
import type { SpeedupPanel } from '../../speedup.js';
import { matrixText } from '../rows.js';
import { filterAttrs, section, table } from './_parts.js';
import { html, type SafeHtml } from './escape.js';

/** A background colour for a speed ratio: green when faster, red when slower, stronger with the ratio. */
function shade(value: MatrixValue, matrix: Matrix): string {
  if (value.run === matrix.baseline && value.entry) return 'background:#e8eef7';
  const ratio = value.comparison?.ratio;
  if (!value.significant || ratio === undefined) return '';
  const strength = Math.min(1, Math.abs(Math.log2(ratio)) / 2);
  const alpha = (0.15 + 0.6 * strength).toFixed(2);
  return ratio > 1 ? `background:rgba(46,160,67,${alpha})` : `background:rgba(218,54,51,${alpha})`;
}

function valueCell(value: MatrixValue, matrix: Matrix): SafeHtml {
  const text = matrixText(value, matrix.baseline);
  const c = value.comparison;
  const tip = c
    ? `ratio ${c.ratio.toFixed(3)} [${c.lo.toFixed(3)}, ${c.hi.toFixed(3)}], p=${c.p.toPrecision(2)}, Holm p=${(value.pAdjusted ?? 1).toPrecision(2)}`
    : '';
  const cls = value.significant ? 'sig' : c ? 'ns' : '';
  return html`<span class="ratio ${cls}" style="${shade(value, matrix)}" title="${tip}">${text}</span>`;
}

function matrixTable(matrix: Matrix, aggregate: Aggregate): SafeHtml {
  const header = ['workload', 'kind', 'strategy', ...matrix.runs.map((run) => run.label)];
  const rows = matrix.rows.map((row) => ({
    cells: [
      html`<code>${row.group}</code>`,
      row.kind,
      row.strategy,
      ...row.values.map((value) => valueCell(value, matrix)),
    ],
    attrs: filterAttrs({ workload: [row.workload], kind: [row.kind] }),
  }));
  const lonely =
    matrix.runs.length < 2
      ? html`<p class="note">Only one runtime (${matrix.baseline.label}) on this machine: nothing to compare yet. Results of the Bun and browser runners will fill the other columns.</p>`
      : '';
  const name =
    aggregate.machines.length > 1
      ? html`<h3>${matrix.machine.label}: ${matrix.machine.description}</h3>`
      : '';
  const body = table(header, rows, 'matrix');
  return html`${name}${lonely}${matrix.runs.length < 2 ? html`<details><summary>${matrix.rows.length} rows, ${matrix.baseline.label} only</summary>${body}</details>` : body}`;
}

function acrossMachines(aggregate: Aggregate, panels: readonly SpeedupPanel[]): SafeHtml {
  if (aggregate.machines.length < 2) return html``;
  const rows = new Map<string, Map<string, string>>();
  const columns: string[] = [];
  for (const panel of panels) {
    for (const point of panel.points) {
      const column = `${panel.machine.label} · ${point.run.label}`;
      if (!columns.includes(column)) columns.push(column);
      const key = `${panel.group} ${point.strategy}@${point.n}`;
      const row = rows.get(key) ?? new Map<string, string>();
      row.set(column, `${point.ratio.toFixed(2)}× (eff ${point.efficiency.toFixed(2)})`);
      rows.set(key, row);
    }
  }
  const body = [...rows].map(([key, values]) => ({
    cells: [key, ...columns.map((column) => values.get(column) ?? '–')],
  }));
  return html`<h3>Across machines: speedup over sequential (dimensionless, never pooled)</h3>${table(['workload strategy@N', ...columns], body)}`;
}

/** Part 4: the cross-runtime matrix of each machine, and speedups side by side across machines. */
export function matrixSection(report: Report): SafeHtml {
  return section(
    'matrix',
    '4. Cross-runtime matrix',
    'Each cell: the speed of that runtime relative to the baseline (node when present) for the same workload, strategy and concurrency on the same machine: median(baseline) / median(runtime), above 1 is faster, with a bootstrap 95% CI. Mann-Whitney U with Holm-Bonferroni across the table; “~” marks a difference that is not significant (or under 2%). Raw times from different machines are never compared.',
    html`${report.matrices.map((matrix) => matrixTable(matrix, report.aggregate))}${acrossMachines(report.aggregate, report.speedup)}`,
  );
}
