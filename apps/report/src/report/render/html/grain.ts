import { runTitle } from '../../../shared/aggregate.js';
import { ratioCi } from '../../../shared/format.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { table } from '../../../shared/html/parts.js';
import type { Report } from '../../build.js';
import { grainChart } from '../../charts/grain.js';
import { type GrainPanel, micros } from '../../grain.js';
import { filterAttrs, part } from './filters.js';

function numbers(panel: GrainPanel, title: string): SafeHtml {
  const rows = panel.series.flatMap((s) =>
    s.measured.points.map((p) => {
      const predicted = s.predicted.find((q) => Math.abs(q.taskMs / p.taskMs - 1) < 1e-9);
      return {
        cells: [
          title,
          s.name,
          micros(p.taskMs),
          ratioCi({ ratio: p.speedup, lo: p.lo, hi: p.hi }),
          predicted ? `${predicted.speedup.toFixed(2)}×` : '–',
        ],
      };
    }),
  );
  return table(['runtime', 'strategy', 'task (µs)', 'measured speedup [95% CI]', 'predicted'], rows);
}

/**
 * The grain sweep, collapsed: speedup against task size as small multiples (a panel per runtime) with the
 * model's curve and both break-evens marked, then per runtime a sentence per strategy holding the measured
 * break-even against the predicted one, and the numbers one click away. Absent without a sweep.
 */
export function grainPart(report: Report): SafeHtml | string {
  if (report.grain.length === 0) return '';
  const panels = report.grain.map((panel) => ({ title: runTitle(panel.run, report.aggregate), panel }));
  const chart = grainChart(panels);
  const sentences = panels.map(
    ({ title, panel }) =>
      html`<div${filterAttrs({ runtime: [panel.run.runtime] })}><h3>${title}</h3><ul class="grain">${panel.series.map((s) => html`<li>${s.sentence}</li>`)}</ul></div>`,
  );
  return part(
    'grain',
    'Speedup vs task size',
    `the grain sweep on ${panels.length} runtime${panels.length === 1 ? '' : 's'}: where offloading starts to pay, measured and predicted`,
    html`<p class="note">The same total CPU work split into tasks of a few µs to half a millisecond. The break-even is the task size where a strategy’s speedup over sequential rises above 1: measured, read between the two sizes around it (log-log), with the crossing of its CI bounds in brackets; predicted by the cost model from the run’s floors.</p>
<figure class="chart">${chart ?? ''}<figcaption>Open symbols and solid lines: measured speedup with its 95% CI; dashed lines: the model’s speedup at the same sizes; filled symbol on 1×: the measured break-even; dashed vertical rule: the predicted one.</figcaption>
<details><summary>the numbers</summary>${panels.map(({ title, panel }) => numbers(panel, title))}</details></figure>
${sentences}`,
  );
}
