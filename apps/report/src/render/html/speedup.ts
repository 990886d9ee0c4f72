import { speedupChart } from '../../charts/speedup.js';
import { ratioCi } from '../../format.js';
import type { Report } from '../../report.js';
import type { SpeedupPanel } from '../../speedup.js';
import { filterAttrs, section, table } from './_parts.js';
import { html, type SafeHtml } from './escape.js';

function caption(panel: SpeedupPanel): string {
  if (!panel.bound) return 'Task sizes unknown for this workload: only the ideal y = N is drawn.';
  const { bound, note } = panel.bound;
  const maxN = Math.max(1, ...panel.points.map((point) => point.n));
  if (bound >= maxN)
    return `Task sizes: ${note}; the task-size bound (${bound.toFixed(2)}×) lies above every measured N, so the ideal is y = N here.`;
  return `Task sizes: ${note}, so no N can beat ${bound.toFixed(2)}× (dotted: ideal = min(N, ${bound.toFixed(2)})).`;
}

function panelFigure(panel: SpeedupPanel, machines: number): SafeHtml {
  const runtimes = [...new Set(panel.points.map((point) => point.run.runtime))];
  const title = machines > 1 ? `${panel.group} · ${panel.machine.label}` : panel.group;
  const rows = panel.points.map((point) => ({
    cells: [
      point.series,
      point.n,
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
      : html`<p class="empty">No speedup measured (no ok cell with a sequential baseline).</p>`;
  return html`<figure class="chart"${filterAttrs({ runtime: runtimes, workload: [panel.workload], kind: [panel.kind] })}>
<h3><code>${title}</code> <span class="kind">${panel.kind}</span></h3>
${chart}
<figcaption>${caption(panel)}</figcaption>
<details><summary>speedup and efficiency values</summary>${table(['runtime · strategy', 'N', 'speedup [95% CI]', 'efficiency S/N', 'ideal', 'flags'], rows)}</details>
</figure>`;
}

/** Part 3: speedup vs concurrency, one chart per workload × params (per machine). */
export function speedupSection(report: Report): SafeHtml {
  const machines = report.aggregate.machines.length;
  return section(
    'speedup',
    '3. Speedup vs concurrency',
    'Speedup S(N) = median(sequential) / median(cell) on the same runtime and machine, with its bootstrap 95% CI (bars and bands), one line per runtime × strategy. Dashed: the ideal y = N; dotted: the task-size bound min(N, total work / largest task). Efficiency = S/N. Hover a point for its values.',
    html`<div class="charts">${report.speedup.map((panel) => panelFigure(panel, machines))}</div>`,
  );
}
