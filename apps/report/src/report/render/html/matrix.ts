import { factorShade } from '../../../shared/charts/palette.js';
import { times } from '../../../shared/format.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import type { Report } from '../../build.js';
import type { FactorValue, Matrix } from '../../matrix.js';
import { factorText, matrixNote } from '../rows.js';
import { filterAttrs, part } from './filters.js';

function valueCell(value: FactorValue): SafeHtml {
  const text = factorText(value);
  if (value.factor === undefined) return html`<td class="f-missing">${text}</td>`;
  const shade = factorShade(value.factor);
  const v = value.versus;
  const tip = v
    ? `${value.run.label}: ${v.ratio.toFixed(3)}× the fastest [${v.lo.toFixed(3)}, ${v.hi.toFixed(3)}], p=${v.p.toPrecision(2)}, BH p=${(value.pAdjusted ?? 1).toPrecision(2)}; ${value.verdict}`
    : `${value.run.label}: the fastest`;
  return html`<td class="f-${value.verdict}" style="background:${shade.background};color:${shade.text}" title="${tip}">${text}</td>`;
}

function matrixTable(matrix: Matrix, machines: number): SafeHtml {
  const head = matrix.runs.map((run) => html`<th scope="col">${run.label}</th>`);
  const geo =
    matrix.geomeans.length > 0
      ? html`<tr class="geomean"><th scope="row" colspan="3">geometric mean over ${matrix.commonRows} rows every runtime measured</th>${matrix.geomeans.map(
          (g) => {
            const shade = factorShade(g.value);
            return html`<td style="background:${shade.background};color:${shade.text}"><strong>${times(g.value)}</strong></td>`;
          },
        )}</tr>`
      : '';
  const rows = matrix.rows.map(
    (row) =>
      html`<tr${filterAttrs({ workload: [row.workload], kind: [row.kind] })}><td><code>${row.group}</code></td><td>${row.kind}</td><td>${row.strategy}</td>${row.values.map(valueCell)}</tr>`,
  );
  const name = machines > 1 ? html`<h3>${matrix.machine.label}: ${matrix.machine.description}</h3>` : '';
  return html`${name}<p class="note">${matrixNote(matrix)}</p><div class="scroll"><table class="matrix"><thead><tr><th scope="col">workload</th><th scope="col">kind</th><th scope="col">strategy</th>${head}</tr></thead><tbody>${geo}${rows}</tbody></table></div>`;
}

/** The cross-runtime table of each machine: factors relative to each row's fastest runtime. */
export function matrixPart(report: Report): SafeHtml {
  if (report.matrices.length === 0) return html``;
  const rows = report.matrices.reduce((n, m) => n + m.rows.length, 0);
  return part(
    'matrix',
    'Across runtimes (exploratory)',
    `${rows} rows: each runtime's time relative to the fastest, with the geometric mean`,
    html`<p class="note">Each cell: that runtime's median over the fastest runtime's median for the same workload, strategy and concurrency on the same machine (1.00 = fastest; darker = slower; the number is always written). Raw times are never compared across machines.</p>${report.matrices.map((m) => matrixTable(m, report.aggregate.machines.length))}`,
  );
}
