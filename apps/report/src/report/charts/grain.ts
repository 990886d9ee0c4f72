import * as Plot from '@observablehq/plot';
import { renderPlot } from '../../shared/charts/dom.js';
import { seriesStyle } from '../../shared/charts/palette.js';
import { ratioCi } from '../../shared/format.js';
import type { SafeHtml } from '../../shared/html/escape.js';
import { type GrainPanel, micros } from '../grain.js';

interface Measured {
  runtime: string;
  series: string;
  us: number;
  speedup: number;
  lo: number;
  hi: number;
}

interface Curve {
  runtime: string;
  series: string;
  us: number;
  speedup: number;
}

interface Mark {
  runtime: string;
  series: string;
  us: number;
  label: string;
}

/** What the chart draws, flattened across panels (one panel per runtime, its title in `runtime`). */
interface Drawn {
  measured: Measured[];
  curve: Curve[];
  measuredBreakEven: Mark[];
  predictedBreakEven: Mark[];
}

function drawn(panels: readonly { title: string; panel: GrainPanel }[]): Drawn {
  const out: Drawn = { measured: [], curve: [], measuredBreakEven: [], predictedBreakEven: [] };
  for (const { title: runtime, panel } of panels) {
    for (const s of panel.series) {
      const series = s.name;
      for (const p of s.measured.points)
        out.measured.push({ runtime, series, us: p.taskMs * 1000, speedup: p.speedup, lo: p.lo, hi: p.hi });
      for (const p of s.predicted)
        out.curve.push({ runtime, series, us: p.taskMs * 1000, speedup: p.speedup });
      const m = s.measured.taskMs;
      if (s.measured.status === 'crosses' && m !== undefined)
        out.measuredBreakEven.push({
          runtime,
          series,
          us: m * 1000,
          label: `measured break-even of ${series} on ${runtime}: ${micros(m)} µs`,
        });
      const p = s.predictedBreakEven;
      if (p?.status === 'crosses' && p.taskMs !== undefined)
        out.predictedBreakEven.push({
          runtime,
          series,
          us: p.taskMs * 1000,
          label: `predicted break-even of ${series} on ${runtime}: ${micros(p.taskMs)} µs`,
        });
    }
  }
  return out;
}

const tip = (p: Measured): string =>
  `${p.runtime} · ${p.series} at ${micros(p.us / 1000)} µs tasks\nspeedup ${ratioCi({ ratio: p.speedup, lo: p.lo, hi: p.hi })}`;

function marks(d: Drawn): Plot.Markish[] {
  const at = { x: 'us', fx: 'runtime' } as const;
  return [
    Plot.frame({ stroke: '#d1d9e0' }),
    Plot.ruleY([1], { stroke: '#59636e' }),
    Plot.ruleX(d.predictedBreakEven, {
      ...at,
      stroke: 'series',
      strokeDasharray: '3,3',
      title: 'label',
      ariaDescription: 'predicted break-even',
    }),
    Plot.line(d.curve, {
      ...at,
      y: 'speedup',
      z: 'series',
      stroke: 'series',
      strokeDasharray: '6,3',
      strokeOpacity: 0.8,
      ariaDescription: 'predicted speedup',
    }),
    Plot.line(d.measured, {
      ...at,
      y: 'speedup',
      z: 'series',
      stroke: 'series',
      strokeWidth: 1.2,
      ariaDescription: 'measured speedup line',
    }),
    Plot.ruleX(d.measured, {
      ...at,
      y1: 'lo',
      y2: 'hi',
      stroke: 'series',
      strokeWidth: 1.5,
      ariaDescription: 'measured speedup CI',
    }),
    Plot.dot(d.measured, {
      ...at,
      y: 'speedup',
      stroke: 'series',
      symbol: 'series',
      fill: 'white',
      r: 3.5,
      strokeWidth: 1.5,
      title: tip,
      ariaDescription: 'measured speedup',
    }),
    Plot.dot(d.measuredBreakEven, {
      ...at,
      y: () => 1,
      stroke: '#000',
      fill: 'series',
      symbol: 'series',
      r: 6,
      strokeWidth: 1.5,
      title: 'label',
      ariaDescription: 'measured break-even',
    }),
  ];
}

/**
 * Speedup over sequential against task size (log x, µs) for the grain sweep, one panel per runtime: per
 * strategy its measured speedups with CI bars (open symbols joined by a solid line), the model's speedup at
 * the same sizes (dashed), the measured break-even as a filled symbol on the line y = 1 and the predicted
 * one as a dashed vertical rule, each in the strategy's colour and with a tooltip naming it. Log y, so
 * 0.5× and 2× sit equally far from 1. Undefined when no panel has a point.
 */
export function grainChart(panels: readonly { title: string; panel: GrainPanel }[]): SafeHtml | undefined {
  const d = drawn(panels);
  if (d.measured.length === 0) return undefined;
  const runtimes = panels.map((p) => p.title);
  const series = [...new Set(d.measured.map((p) => p.series))];
  const styles = series.map((_, i) => seriesStyle(i));
  const ys = [1, ...d.measured.flatMap((p) => [p.lo, p.hi]), ...d.curve.map((p) => p.speedup)].filter(
    (y) => y > 0,
  );
  return renderPlot(
    {
      width: Math.min(1100, 140 + 320 * runtimes.length),
      height: 300,
      marginRight: 16,
      x: { type: 'log', label: 'task size (µs, log scale)', grid: true },
      y: {
        type: 'log',
        label: 'speedup over sequential (×, log scale)',
        // Plain decimals: the default SI format writes 0.3 as "300m", which reads as milliseconds here.
        tickFormat: '~g',
        domain: [Math.min(...ys) * 0.9, Math.max(...ys) * 1.1],
        grid: true,
      },
      fx: { label: null, domain: runtimes },
      color: { domain: series, range: styles.map((s) => s.colour) },
      symbol: { domain: series, range: styles.map((s) => s.symbol), legend: true },
      marks: marks(d),
    },
    'Speedup over sequential against task size for the grain sweep, one panel per runtime, with the model’s curve and the break-evens',
  );
}
