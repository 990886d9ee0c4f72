import * as Plot from '@observablehq/plot';
import { renderPlot } from '../../shared/charts/dom.js';
import { familyStyle } from '../../shared/charts/palette.js';
import { familyWords, ratioCi } from '../../shared/format.js';
import type { SafeHtml } from '../../shared/html/escape.js';
import type { SpeedupPanel, SpeedupPoint } from '../speedup.js';

interface Guide {
  runtime: string;
  n: number;
  y: number;
}

function tip(point: SpeedupPoint): string {
  const flags = point.flags.length > 0 ? `\n${point.flags.join(', ')}` : '';
  return `${point.run.label} · ${point.strategy} (${point.family}) @ N=${point.n}\nspeedup ${ratioCi(point)}\nefficiency ${point.efficiency.toFixed(2)} (ideal ${point.ideal.toFixed(2)}×)${flags}`;
}

/** The ideal y = N and, where the run knows task sizes, the bound min(N, total / largest), per runtime. */
function guides(panel: SpeedupPanel, maxN: number): { ideal: Guide[]; bound: Guide[] } {
  const grid = Array.from({ length: 25 }, (_, i) => 1 + ((maxN - 1) * i) / 24);
  const runtimes = [...new Set(panel.points.map((p) => p.run.label))];
  const ideal = runtimes.flatMap((runtime) => grid.map((n) => ({ runtime, n, y: n })));
  const bound = panel.bounds.flatMap(({ run, bound: b }) =>
    b.bound < maxN && runtimes.includes(run.label)
      ? grid.map((n) => ({ runtime: run.label, n, y: Math.min(n, b.bound) }))
      : [],
  );
  return { ideal, bound };
}

interface Plotted extends SpeedupPoint {
  runtime: string;
  series: string;
}

/** The ideal and the bound, a line per family (its own dash), CI bars, and the points with tooltips. */
function marks(
  points: readonly Plotted[],
  families: readonly string[],
  guide: ReturnType<typeof guides>,
): Plot.Markish[] {
  const lines = families.map((family) =>
    Plot.line(
      points.filter((p) => p.family === family),
      {
        x: 'n',
        y: 'ratio',
        fx: 'runtime',
        z: 'series',
        stroke: 'family',
        strokeDasharray: familyStyle(family).dash,
      },
    ),
  );
  return [
    Plot.frame({ stroke: '#d1d9e0' }),
    Plot.ruleY([1], { stroke: '#8c959f' }),
    Plot.line(guide.ideal, { x: 'n', y: 'y', fx: 'runtime', stroke: '#8c959f', strokeDasharray: '5,4' }),
    Plot.line(guide.bound, {
      x: 'n',
      y: 'y',
      fx: 'runtime',
      stroke: '#000',
      strokeDasharray: '1,3',
      strokeWidth: 2,
    }),
    ...lines,
    Plot.ruleX(points, { x: 'n', y1: 'lo', y2: 'hi', fx: 'runtime', stroke: 'family', strokeWidth: 1.5 }),
    Plot.dot(points, {
      x: 'n',
      y: 'ratio',
      fx: 'runtime',
      stroke: 'family',
      symbol: 'family',
      fill: 'white',
      r: 4,
      strokeWidth: 1.6,
      title: tip,
    }),
  ];
}

/**
 * Speedup vs concurrency of one workload as small multiples, one panel per runtime: a line per strategy,
 * coloured, shaped and dashed by family (Okabe-Ito colours, a symbol and a dash pattern each, with a
 * legend, so it reads in grey too), CI bars, the ideal y = N (dashed grey) and the task-size bound
 * (dotted black) where task sizes are known.
 */
export function speedupChart(panel: SpeedupPanel): SafeHtml {
  const maxN = Math.max(2, ...panel.points.map((point) => point.n));
  const levels = [...new Set([1, ...panel.points.map((point) => point.n)])].sort((a, b) => a - b);
  const runtimes = [...new Set(panel.points.map((point) => point.run.label))];
  const families = [...new Set(panel.points.map((point) => point.family))];
  const styles = families.map(familyStyle);
  const top = Math.max(maxN, ...panel.points.map((point) => point.hi)) * 1.05;
  const points = panel.points.map((p): Plotted => ({ ...p, runtime: p.run.label, series: p.strategy }));
  return renderPlot(
    {
      width: Math.min(1100, 120 + 300 * runtimes.length),
      height: 300,
      marginRight: 16,
      x: { label: 'concurrency N', domain: [0.8, maxN * 1.05], ticks: levels, tickFormat: 'd' },
      y: { label: 'speedup over sequential (×)', domain: [0, top], grid: true },
      fx: { label: null, domain: runtimes },
      color: { domain: families, range: styles.map((s) => s.colour) },
      symbol: { domain: families, range: styles.map((s) => s.symbol), legend: true, tickFormat: familyWords },
      marks: marks(points, families, guides(panel, maxN)),
    },
    `Speedup vs concurrency of ${panel.group}, one panel per runtime`,
  );
}
