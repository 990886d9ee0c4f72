import * as Plot from '@observablehq/plot';
import type { Entry } from '../aggregate.js';
import { ms, strategyName } from '../format.js';
import type { SafeHtml } from '../render/html/escape.js';
import { renderPlot } from './dom.js';

interface Sample {
  label: string;
  ms: number;
}

/** The label of a cell in a chart row: `node · piscina@2`. */
export function rowLabel(entry: Entry): string {
  return `${entry.run.label} · ${strategyName(entry.cell)}`;
}

/**
 * Box plots of the raw samples (ms) of the given cells, one row per cell (runtime · strategy@N): median,
 * quartiles, whiskers to 1.5 IQR and outliers, plus every sample as a tick.
 */
export function boxChart(entries: readonly Entry[]): SafeHtml | undefined {
  const samples: Sample[] = entries.flatMap((entry) =>
    entry.cell.samples.map((value) => ({ label: rowLabel(entry), ms: value })),
  );
  if (samples.length === 0) return undefined;
  const labels = [...new Set(samples.map((sample) => sample.label))];
  const longest = Math.max(...labels.map((label) => label.length));
  return renderPlot({
    width: 620,
    height: 40 + labels.length * 28,
    marginLeft: Math.min(320, 12 + longest * 5.8),
    x: { label: 'sample wall time (ms)', grid: true, zero: true },
    y: { label: null, domain: labels },
    marks: [
      Plot.boxX(samples, { x: 'ms', y: 'label', fill: '#9ec5e8' }),
      Plot.tickX(samples, {
        x: 'ms',
        y: 'label',
        stroke: '#1b4f80',
        strokeOpacity: 0.35,
        title: (s: Sample) => `${s.label}: ${ms(s.ms)} ms`,
      }),
    ],
  });
}
