import type { CellMetrics } from '@paralab/core';
import { runTitle } from '../../../shared/aggregate.js';
import { lowEndText } from '../../../shared/floors.js';
import { mib, ms } from '../../../shared/format.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { badge, table } from '../../../shared/html/parts.js';
import type { Report } from '../../build.js';
import { startupChart } from '../../charts/startup.js';
import { cellRef, entryKeys, filterAttrs, part } from './filters.js';

function notMeasured(why: string): SafeHtml {
  return html`<p class="missing">${badge('not measured here')} ${why}</p>`;
}

function floorsTable(report: Report): SafeHtml {
  const { floors } = report.overheads;
  if (floors.length === 0)
    return notMeasured(
      'no calibration cells in these results: floors such as worker start-up, message round trip and spawn were not recorded.',
    );
  const rows = floors.map((f) => ({
    cells: [
      runTitle(f.run, report.aggregate),
      f.probe,
      html`<strong>${ms(f.figures.lowMs)} ms</strong>`,
      lowEndText(f.figures),
      `${ms(f.figures.medianMs)} ms`,
    ],
    attrs: html`${filterAttrs({ runtime: [f.run.runtime] })}${cellRef(f.entry)}`,
  }));
  return table(
    ['runtime', 'floor', 'low end, one operation', 'which low end, of n samples', 'median'],
    rows,
    'floors',
  );
}

function startupTable(report: Report): SafeHtml {
  const { startup } = report.overheads;
  if (startup.length === 0) return notMeasured('no threads or processes cell recorded startupMs.');
  const rows = startup.map((s) => ({
    cells: [
      runTitle(s.run, report.aggregate),
      html`<code>${s.entry.cell.id}</code>`,
      `${ms(s.startupMs)} ms`,
      `${ms(s.perWorkerMs)} ms`,
      s.floor
        ? `${s.floor.probe} on ${s.floor.primitive}: ${ms(s.floor.figures.lowMs)} ms (${s.floor.figures.which}); ${(s.perWorkerMs / s.floor.figures.lowMs).toFixed(1)}× floor`
        : 'not measured',
    ],
    attrs: html`${filterAttrs(entryKeys(s.entry))}${cellRef(s.entry)}`,
  }));
  return html`${startupChart(startup) ?? ''}<details><summary>the numbers (${rows.length} rows)</summary>${table(['runtime', 'cell', 'start-up', 'per worker', 'floor (low end)'], rows)}</details>`;
}

function dispatchTable(report: Report): SafeHtml {
  const { dispatch } = report.overheads;
  if (dispatch.length === 0)
    return notMeasured('no CPU-bound threads or processes cell with a sequential cell beside it.');
  const rows = dispatch.map((d) => ({
    cells: [
      runTitle(d.run, report.aggregate),
      html`<code>${d.entry.cell.id}</code>`,
      `${ms(Math.abs(d.overheadPerTaskMs))} ms${d.overheadPerTaskMs < 0 ? ' (faster than ideal)' : ''}`,
      d.floor
        ? `${d.floor.probe} on ${d.floor.primitive}: ${ms(d.floor.figures.lowMs)} ms (${d.floor.figures.which})`
        : 'not measured',
    ],
    attrs: html`${filterAttrs(entryKeys(d.entry))}${cellRef(d.entry)}`,
  }));
  return html`<p class="note">Lane time lost per task against perfect scaling: (ideal × T(N) − T(sequential)) / tasks, ideal = min(N, task-size bound).</p>${table(['runtime', 'cell', 'overhead per task', 'floor (low end)'], rows)}`;
}

const figure = (value: number | undefined, show: (v: number) => string): string =>
  value === undefined ? '–' : show(value);

function resourceCells(m: CellMetrics): string[] {
  return [
    figure(m.footprint?.deltaBytes, mib),
    figure(m.peakRssBytes, mib),
    figure(m.heapUsedBytes, mib),
    figure(m.cpuUserMs, (v) => `${ms(v)} ms`),
    figure(m.cpuSystemMs, (v) => `${ms(v)} ms`),
    figure(m.utilization, (v) => v.toFixed(2)),
    figure(m.eventLoopDelay?.p50Ms, (v) => `${ms(v)} ms`),
    figure(m.eventLoopDelay?.p99Ms, (v) => `${ms(v)} ms`),
    m.longTasks
      ? m.longTasks.count === 0
        ? '0'
        : `${m.longTasks.count} (max ${ms(m.longTasks.maxMs)} ms)`
      : '–',
  ];
}

function resourcesTable(report: Report): SafeHtml {
  const { resources } = report.overheads;
  if (resources.length === 0)
    return notMeasured('no cell in these results carries metrics (memory, CPU time, event-loop delay).');
  const rows = resources.map(({ run, entry, metrics }) => ({
    cells: [runTitle(run, report.aggregate), html`<code>${entry.cell.id}</code>`, ...resourceCells(metrics)],
    attrs: html`${filterAttrs(entryKeys(entry))}${cellRef(entry)}`,
  }));
  const header = [
    'runtime',
    'cell',
    'own memory',
    'peak RSS',
    'heap used',
    'CPU user',
    'CPU system',
    'utilization',
    'lag p50',
    'lag p99',
    'long tasks',
  ];
  return table(header, rows);
}

/** Floors (low end beside the median), start-up, per-task overhead and resources, collapsed. */
export function overheadsPart(report: Report): SafeHtml {
  const { floors, startup, dispatch, resources } = report.overheads;
  return part(
    'overheads',
    'Floors, start-up and resources',
    `${floors.length} floors, ${startup.length} start-ups, ${dispatch.length} per-task overheads, ${resources.length} cells with resources`,
    html`<p class="note">A floor is read from the low end of its distribution (p10 with 20 samples or more, otherwise the minimum), with the median beside it: on a shared machine a primitive's cost is bimodal, and the median of a mixture is neither cost.</p>
<h3>Calibration floors</h3>${floorsTable(report)}<h3>Start-up per worker</h3>${startupTable(report)}<h3>Per-task overhead (CPU-bound cells)</h3>${dispatchTable(report)}<h3>Memory, CPU and event-loop lag</h3>${resourcesTable(report)}`,
  );
}
