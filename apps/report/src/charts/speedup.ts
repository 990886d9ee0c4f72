import * as Plot from '@observablehq/plot';
import { ratioCi } from '../format.js';
import type { SafeHtml } from '../render/html/escape.js';
import type { SpeedupPanel, SpeedupPoint } from '../speedup.js';
import { renderPlot } from './dom.js';

interface Plotted extends SpeedupPoint {
  /** N shifted a little per series so that points at the same N do not hide one another. */
  x: number;
}

function spread(points: readonly SpeedupPoint[], maxN: number): Plotted[] {
  const series = [...new Set(points.map((point) => point.series))];
  const step = (0.08 * Math.max(1, maxN - 1)) / Math.max(1, series.length - 1);
  return points.map((point) => {
    const i = series.indexOf(point.series);
    return { ...point, x: point.n + (series.length > 1 ? (i - (series.length - 1) / 2) * step : 0) };
  });
}

/** One colour per strategy across every chart of the report; runtimes are told apart by symbol. */
const STRATEGY_COLORS: Readonly<Record<string, string>> = {
  sequential: '#9498a0',
  async: '#4269d0',
  worker: '#3ca951',
  'worker-pipelined': '#6cc5b0',
  piscina: '#efb118',
  workerpool: '#9c6b4e',
  tinypool: '#ff8ab7',
  process: '#ff725c',
  'process-cold': '#a463f2',
  hybrid: '#97bbf5',
  shared: '#1b4f80',
  transfer: '#b8860b',
};
const SPARE_COLORS = ['#d62728', '#17becf', '#7f7f7f', '#bcbd22', '#8c564b'];

/** The colour of a strategy in every chart (a spare colour, picked by name, for strategies not listed). */
export function strategyColor(strategy: string): string {
  const known = STRATEGY_COLORS[strategy];
  if (known) return known;
  let hash = 0;
  for (const char of strategy) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return SPARE_COLORS[hash % SPARE_COLORS.length] as string;
}

function tip(point: SpeedupPoint): string {
  const flags = point.flags.length > 0 ? `\n${point.flags.join(', ')}` : '';
  return `${point.series} @ N=${point.n}\nspeedup ${ratioCi(point)}\nefficiency ${point.efficiency.toFixed(2)} (ideal ${point.ideal.toFixed(2)}×)${flags}`;
}

/**
 * Speedup vs concurrency of one panel: a line per runtime × strategy with CI bars and bands, the ideal y = x
 * (dashed) and, when task sizes are known, the task-size bound min(N, total / largest) (dotted).
 */
export function speedupChart(panel: SpeedupPanel): SafeHtml {
  const maxN = Math.max(2, ...panel.points.map((point) => point.n));
  const levels = [...new Set([1, ...panel.points.map((point) => point.n)])].sort((a, b) => a - b);
  const grid = Array.from({ length: 41 }, (_, i) => 1 + ((maxN - 1) * i) / 40);
  const bound = panel.bound?.bound;
  const points = spread(panel.points, maxN);
  const top = Math.max(maxN, ...panel.points.map((point) => point.hi)) * 1.05;
  const strategies = [...new Set(panel.points.map((point) => point.strategy))];
  const runtimes = [...new Set(panel.points.map((point) => point.run.label))];
  return renderPlot({
    width: 620,
    height: 320,
    marginRight: 110,
    x: { label: 'concurrency N', domain: [1 - 0.05 * maxN, maxN * 1.05], ticks: levels, tickFormat: 'd' },
    y: { label: 'speedup over sequential (×)', domain: [0, top], grid: true },
    color: { legend: true, domain: strategies, range: strategies.map(strategyColor) },
    symbol: { legend: runtimes.length > 1, domain: runtimes },
    marks: [
      Plot.ruleY([1], { stroke: '#bbb' }),
      Plot.line(grid, { x: (n: number) => n, y: (n: number) => n, stroke: '#888', strokeDasharray: '5,4' }),
      Plot.text([maxN], {
        x: (n: number) => n,
        y: (n: number) => n,
        text: () => 'ideal y = N',
        dx: 6,
        textAnchor: 'start',
        fill: '#666',
      }),
      ...(bound !== undefined && bound < maxN
        ? [
            Plot.line(grid, {
              x: (n: number) => n,
              y: (n: number) => Math.min(n, bound),
              stroke: '#444',
              strokeDasharray: '1,3',
              strokeWidth: 2,
            }),
            Plot.text([maxN], {
              x: (n: number) => n,
              y: () => bound,
              text: () => `task-size bound ${bound.toFixed(2)}×`,
              dx: 6,
              dy: 10,
              textAnchor: 'start',
              fill: '#444',
            }),
          ]
        : []),
      Plot.areaY(points, { x: 'x', y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.12, z: 'series' }),
      Plot.ruleX(points, { x: 'x', y1: 'lo', y2: 'hi', stroke: 'strategy', strokeWidth: 2 }),
      Plot.line(points, { x: 'x', y: 'ratio', stroke: 'strategy', z: 'series' }),
      Plot.dot(points, {
        x: 'x',
        y: 'ratio',
        fill: 'strategy',
        symbol: (point: SpeedupPoint) => point.run.label,
        r: 4.5,
        stroke: 'white',
        title: tip,
      }),
    ],
  });
}
