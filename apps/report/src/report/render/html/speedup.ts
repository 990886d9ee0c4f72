import { ratioCi } from '../../../shared/format.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { table } from '../../../shared/html/parts.js';
import type { Report } from '../../build.js';
import { speedupChart } from '../../charts/speedup.js';
import type { SpeedupPanel } from '../../speedup.js';
import { filterAttrs, part } from './filters.js';

function caption(panel: SpeedupPanel): string {
  const notes = [
    ...new Set(panel.bounds.map(({ bound }) => `${bound.note}, so no N can beat ${bound.bound.toFixed(2)}×`)),
  ];
  const said =
    notes.length === 1
      ? [notes[0]]
      : panel.bounds.map(
          ({ run, bound }) => `${run.label}: ${bound.note}, so no N can beat ${bound.bound.toFixed(2)}×`,
        );
  const unknown =
    notes.length === 0 ? ' Task sizes unknown for this workload: only the ideal y = N is drawn.' : '';
  return `Dashed: the ideal y = N; dotted: the task-size bound min(N, total work / largest task) where it lies below the highest N.${unknown} ${said.join('. ')}`.trim();
}

function panelFigure(panel: SpeedupPanel, machines: number): SafeHtml {
  const runtimes = [...new Set(panel.points.map((point) => point.run.runtime))];
  const title = machines > 1 ? `${panel.group} · ${panel.machine.label}` : panel.group;
  const rows = panel.points.map((point) => ({
    cells: [
      point.run.label,
      `${point.strategy}@${point.n}`,
      point.family,
      ratioCi(point),
      point.efficiency.toFixed(2),
      `${point.ideal.toFixed(2)}×`,
      point.flags.join(', '),
    ],
    attrs: filterAttrs({ runtime: [point.run.runtime] }),
  }));
  const chart =
    panel.points.length > 0
      ? speedupChart(panel)
      : html`<p class="note">No speedup measured (no ok cell with a sequential cell beside it).</p>`;
  return html`<figure class="chart"${filterAttrs({ runtime: runtimes, workload: [panel.workload], kind: [panel.kind] })}>
<h3><code>${title}</code> <span class="kind">${panel.kind}</span></h3>
${chart}
<figcaption>${caption(panel)}</figcaption>
<details><summary>the numbers</summary>${table(['runtime', 'strategy', 'family', 'speedup [95% CI]', 'efficiency S/N', 'ideal', 'flags'], rows)}</details>
</figure>`;
}

/** Speedup vs concurrency: per workload, small multiples with one panel per runtime. */
export function speedupPart(report: Report): SafeHtml {
  const machines = report.aggregate.machines.length;
  return part(
    'speedup',
    'Speedup vs concurrency',
    `${report.speedup.length} workloads, one panel per runtime, lines by family`,
    html`<p class="note">S(N) = median(sequential) / median(cell) on the same runtime and machine, with its bootstrap 95% CI (bars). Families are told apart by colour, symbol and dash.</p><div class="charts">${report.speedup.map((panel) => panelFigure(panel, machines))}</div>`,
  );
}
