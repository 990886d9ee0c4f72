import * as Plot from '@observablehq/plot';
import { renderPlot } from '../../shared/charts/dom.js';
import type { StartupRow } from '../../shared/floors.js';
import type { SafeHtml } from '../../shared/html/escape.js';
import { rowLabel } from './box.js';

interface Bar {
  label: string;
  perWorkerMs: number;
  floorMs?: number;
}

/**
 * Start-up per worker (pool creation until ready / N) as horizontal grey bars, one per cell, with the
 * calibration floor's low end (worker-startup or spawn) as a black tick where it was measured. No tooltips:
 * the figures sit in the table beside the chart.
 */
export function startupChart(rows: readonly StartupRow[]): SafeHtml | undefined {
  if (rows.length === 0) return undefined;
  const bars: Bar[] = rows.map((row) => ({
    label: `${rowLabel(row.entry)} · ${row.entry.group}`.slice(0, 90),
    perWorkerMs: row.perWorkerMs,
    ...(row.floor ? { floorMs: row.floor.figures.lowMs } : {}),
  }));
  const floors = bars.filter((bar) => bar.floorMs !== undefined);
  const longest = Math.max(...bars.map((bar) => bar.label.length));
  return renderPlot(
    {
      width: 980,
      height: 40 + bars.length * 18,
      marginLeft: Math.min(560, 12 + longest * 5.6),
      x: { label: 'start-up per worker (ms); tick: the floor’s low end', grid: true },
      y: { label: null, domain: bars.map((bar) => bar.label) },
      marks: [
        Plot.barX(bars, {
          x: 'perWorkerMs',
          y: 'label',
          fill: '#afb8c1',
        }),
        Plot.tickX(floors, {
          x: 'floorMs',
          y: 'label',
          stroke: '#000',
          strokeWidth: 2,
        }),
        Plot.ruleX([0]),
      ],
    },
    'Start-up per worker of every pool or worker set, with its calibration floor',
  );
}
