import * as Plot from '@observablehq/plot';
import type { Entry } from '../../shared/aggregate.js';
import { renderPlot } from '../../shared/charts/dom.js';
import { strategyName } from '../../shared/format.js';
import type { SafeHtml } from '../../shared/html/escape.js';

interface Sample {
  label: string;
  ms: number;
}

/** The label of a cell in a chart row: `node · piscina@2`. */
export function rowLabel(entry: Entry): string {
  return `${entry.run.label} · ${strategyName(entry.cell)}`;
}

/**
 * The distribution of the raw samples (ms) of the given cells, one row per cell (runtime · strategy@N): a
 * box (quartiles, whiskers to 1.5 IQR) and every sample as a dot (a strip plot, so a handful of samples
 * is not hidden behind a box). Grey and black only. Undefined when no cell has a sample.
 */
export function boxChart(entries: readonly Entry[], title: string): SafeHtml | undefined {
  const samples: Sample[] = entries.flatMap((entry) =>
    entry.cell.samples.map((value) => ({ label: rowLabel(entry), ms: value })),
  );
  if (samples.length === 0) return undefined;
  const labels = [...new Set(samples.map((sample) => sample.label))];
  const longest = Math.max(...labels.map((label) => label.length));
  return renderPlot(
    {
      width: 640,
      height: 40 + labels.length * 22,
      marginLeft: Math.min(300, 12 + longest * 6),
      x: { label: 'sample wall time (ms)', grid: true, zero: true },
      y: { label: null, domain: labels },
      marks: [
        Plot.boxX(samples, { x: 'ms', y: 'label', fill: '#d1d9e0', stroke: '#59636e', r: 0 }),
        // No tooltip per sample: the figures sit in the table beside the chart, and the page stays light.
        Plot.dot(samples, { x: 'ms', y: 'label', r: 2, fill: '#000', fillOpacity: 0.7 }),
      ],
    },
    title,
  );
}
