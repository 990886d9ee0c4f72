import { byGroup, type Entry, runTitle } from '../../aggregate.js';
import { boxChart } from '../../charts/box.js';
import { startupChart } from '../../charts/startup.js';
import { mib, ms } from '../../format.js';
import type { Report } from '../../report.js';
import { badge, cellRef, entryKeys, filterAttrs, section, table } from './_parts.js';
import { html, type SafeHtml } from './escape.js';

function sub(title: string, body: SafeHtml | string): SafeHtml {
  return html`<h3>${title}</h3>${body}`;
}

function folded(rows: number, body: SafeHtml): SafeHtml {
  return rows > 8 ? html`<details><summary>${rows} rows</summary>${body}</details>` : body;
}

function notMeasured(why: string): SafeHtml {
  return html`<p class="missing">${badge('not measured here')} ${why}</p>`;
}

function floorsPart(report: Report): SafeHtml {
  const { floors } = report.overheads;
  if (floors.length === 0)
    return notMeasured(
      'no calibration cells (workload “calibration”) in these results: floors such as worker start-up, message round trip and spawn are not recorded by the runners that wrote them.',
    );
  const rows = floors.map((f) => {
    const { stats, samples, params } = f.entry.cell;
    const ci = stats
      ? `[${ms(stats.ci95[0] / Math.max(1, f.entry.cell.tasksPerSample))}, ${ms(stats.ci95[1] / Math.max(1, f.entry.cell.tasksPerSample))}] ms`
      : '–';
    return {
      cells: [
        runTitle(f.run, report.aggregate),
        f.probe,
        `${ms(f.perOperationMs)} ms`,
        ci,
        `${samples.length} × ${String(params.opsPerSample ?? f.entry.cell.tasksPerSample)}`,
      ],
      attrs: html`${filterAttrs({ runtime: [f.run.runtime] })}${cellRef(f.entry)}`,
    };
  });
  return table(['runtime', 'floor', 'per operation (median)', '95% CI', 'samples × operations'], rows);
}

function startupPart(report: Report): SafeHtml {
  const { startup } = report.overheads;
  if (startup.length === 0) return notMeasured('no worker, pool or process cell recorded startupMs.');
  const rows = startup.map((s) => ({
    cells: [
      runTitle(s.run, report.aggregate),
      html`<code>${s.entry.cell.id}</code>`,
      `${ms(s.startupMs)} ms`,
      `${ms(s.perWorkerMs)} ms`,
      s.floor
        ? `${s.floor.probe}: ${ms(s.floor.perOperationMs)} ms (${(s.perWorkerMs / s.floor.perOperationMs).toFixed(1)}×)`
        : 'not measured',
    ],
    attrs: html`${filterAttrs(entryKeys(s.entry))}${cellRef(s.entry)}`,
  }));
  return html`${startupChart(startup) ?? ''}${folded(rows.length, table(['runtime', 'cell', 'start-up', 'per worker', 'floor (× floor)'], rows))}`;
}

function dispatchPart(report: Report): SafeHtml {
  const { dispatch } = report.overheads;
  if (dispatch.length === 0)
    return notMeasured('no CPU-bound worker, pool or process cell with a sequential baseline.');
  const rows = dispatch.map((d) => ({
    cells: [
      runTitle(d.run, report.aggregate),
      html`<code>${d.entry.cell.id}</code>`,
      `${ms(Math.abs(d.overheadPerTaskMs))} ms${d.overheadPerTaskMs < 0 ? ' (faster than ideal)' : ''}`,
      d.floor ? `${d.floor.probe}: ${ms(d.floor.perOperationMs)} ms` : 'not measured',
    ],
    attrs: html`${filterAttrs(entryKeys(d.entry))}${cellRef(d.entry)}`,
  }));
  return html`<p class="note">Lane time lost per task against perfect scaling: (ideal × T(N) − T(sequential)) / tasks, ideal = min(N, task-size bound).</p>${folded(rows.length, table(['runtime', 'cell', 'overhead per task', 'floor'], rows))}`;
}

function resourcesPart(report: Report): SafeHtml {
  const { resources } = report.overheads;
  if (resources.length === 0)
    return notMeasured(
      'no cell in these results carries metrics (peak RSS, heap, CPU time, utilization, event-loop delay): the runners that wrote them do not record resources yet.',
    );
  const num = (value: number | undefined, show: (v: number) => string) =>
    value === undefined ? '–' : show(value);
  const rows = resources.map(({ run, entry, metrics: m }) => ({
    cells: [
      runTitle(run, report.aggregate),
      html`<code>${entry.cell.id}</code>`,
      num(m.peakRssBytes, mib),
      num(m.heapUsedBytes, mib),
      num(m.cpuUserMs, (v) => `${ms(v)} ms`),
      num(m.cpuSystemMs, (v) => `${ms(v)} ms`),
      num(m.utilization, (v) => v.toFixed(2)),
      num(m.eventLoopDelay?.p50Ms, (v) => `${ms(v)} ms`),
      num(m.eventLoopDelay?.p99Ms, (v) => `${ms(v)} ms`),
      m.longTasks ? longTasks(m.longTasks) : '–',
    ],
    attrs: html`${filterAttrs(entryKeys(entry))}${cellRef(entry)}`,
  }));
  return table(
    [
      'runtime',
      'cell',
      'peak RSS',
      'heap used',
      'CPU user',
      'CPU system',
      'utilization',
      'lag p50',
      'lag p99',
      'long tasks',
    ],
    rows,
  );
}

/** `3 (max 162 ms)`, or `0`: main-thread tasks over 50 ms, as a browser counts them. */
const longTasks = ({ count, maxMs }: { count: number; maxMs: number }): string =>
  count === 0 ? '0' : `${count} (max ${ms(maxMs)} ms)`;

function distributionsPart(report: Report): SafeHtml {
  const blocks = report.aggregate.machines.flatMap((machine) =>
    [...byGroup(machine.runs.flatMap((run) => run.entries))].map(([group, entries]: [string, Entry[]]) => {
      const first = entries[0];
      const keys = {
        runtime: entries.map((e) => e.run.runtime),
        workload: first ? [first.cell.workload] : [],
        kind: first ? [first.cell.kind] : [],
      };
      const title = report.aggregate.machines.length > 1 ? `${group} · ${machine.label}` : group;
      return html`<details class="dist"${filterAttrs(keys)}><summary><code>${title}</code>: ${entries.length} cells</summary>${boxChart(entries.filter((e) => e.cell.samples.length > 0)) ?? html`<p class="empty">No samples.</p>`}</details>`;
    }),
  );
  return html`<p class="note">Open a workload for box plots of every cell’s raw samples (hover a tick for its value).</p>${blocks}`;
}

function problemsPart(report: Report): SafeHtml {
  if (report.problems.length === 0) return html`<p>None: every cell is ok and unflagged.</p>`;
  const rows = report.problems.map((p) => ({
    cells: [
      runTitle(p.run, report.aggregate),
      html`<code>${p.entry.cell.id}</code>`,
      badge(p.issue),
      p.reason,
    ],
    attrs: html`${filterAttrs(entryKeys(p.entry))}${cellRef(p.entry)}`,
  }));
  return table(['runtime', 'cell', 'issue', 'reason'], rows, 'problems');
}

/** Part 5: floors, start-up, per-task overhead, resources, distributions and problem cells. */
export function overheadsSection(report: Report): SafeHtml {
  return section(
    'overheads',
    '5. Overheads, resources and problem cells',
    'What each strategy pays besides the work (calibration floors, start-up, per-task overhead, memory, CPU, event-loop lag), the distribution of any cell, and every cell that is not a clean measurement, with its reason.',
    html`${sub('Calibration floors', floorsPart(report))}${sub('Start-up costs', startupPart(report))}${sub('Per-task overhead (CPU-bound cells)', dispatchPart(report))}${sub('Memory, CPU and event-loop / main-thread lag', resourcesPart(report))}${sub('Distributions', distributionsPart(report))}${sub('Errored, unsupported, invalid, noisy, oversubscribed and other flagged cells', problemsPart(report))}`,
  );
}
