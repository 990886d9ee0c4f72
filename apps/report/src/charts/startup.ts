import * as Plot from '@observablehq/plot';
import { ms } from '../format.js';
import type { StartupRow } from '../overheads.js';
import type { SafeHtml } from '../render/html/escape.js';
import { rowLabel } from './box.js';
import { renderPlot } from './dom.js';

interface Bar {
  label: string;
  perWorkerMs: number;
  startupMs: number;
  floorMs?: number;
}

/**
 * Start-up per worker (pool creation until ready / N) as horizontal bars, one per cell, with the
 * calibration floor (worker-startup or spawn) as a tick where it was measured.
 */
export function startupChart(rows: readonly StartupRow[]): SafeHtml | undefined {
  if (rows.length === 0) return undefined;
  const bars: Bar[] = rows.map((row) => ({
    label: `${rowLabel(row.entry)} · ${row.entry.group}`.slice(0, 90),
    perWorkerMs: row.perWorkerMs,
    startupMs: row.startupMs,
    ...(row.floor ? { floorMs: row.floor.perOperationMs } : {}),
  }));
  const floors = bars.filter((bar) => bar.floorMs !== undefined);
  const longest = Math.max(...bars.map((bar) => bar.label.length));
  return renderPlot({
    width: 980,
    height: 40 + bars.length * 20,
    marginLeft: Math.min(560, 12 + longest * 5.6),
    x: { label: 'start-up per worker (ms)', grid: true },
    y: { label: null, domain: bars.map((bar) => bar.label) },
    marks: [
      Plot.barX(bars, {
        x: 'perWorkerMs',
        y: 'label',
        fill: '#e8a33d',
        title: (bar: Bar) =>
          `${bar.label}\n${ms(bar.startupMs)} ms in all, ${ms(bar.perWorkerMs)} ms per worker`,
      }),
      Plot.tickX(floors, {
        x: 'floorMs',
        y: 'label',
        stroke: '#222',
        strokeWidth: 2,
        title: (bar: Bar) => `floor ${ms(bar.floorMs ?? 0)} ms`,
      }),
      Plot.ruleX([0]),
    ],
  });
}
