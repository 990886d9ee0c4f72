import * as Plot from '@observablehq/plot';
import { renderPlot } from '../../shared/charts/dom.js';
import { seriesStyle } from '../../shared/charts/palette.js';
import type { SafeHtml } from '../../shared/html/escape.js';

/** One served cell as a point: its runtime, strategy, CPU per request and requests/s with its CI. */
export interface ServingPoint {
  runtime: string;
  /** `serve-loop@1`. */
  strategy: string;
  /** CPU per request, ms, as text: the x axis is ordinal (0, 0.2, 1 ms are steps, not a scale). */
  cpu: string;
  perSecond: number;
  lo: number;
  hi: number;
  /** Marked when the load generator may have set the pace. */
  limited: boolean;
}

function tip(p: ServingPoint): string {
  const limited = p.limited ? '\nthe load generator may have set the pace' : '';
  return `${p.runtime} · ${p.strategy} at ${p.cpu} ms CPU per request\n${Math.round(p.perSecond)} requests/s [${Math.round(p.lo)}, ${Math.round(p.hi)}]${limited}`;
}

/**
 * Requests/s against CPU per request as small multiples, one panel per runtime: a line per strategy (its
 * own colour, symbol and dash, with a legend, so it reads in grey), the CI of each median as a bar, and a
 * ring around points where the load generator may have set the pace. Log y: the rates span a decade.
 * Undefined when there is no point.
 */
export function servingChart(points: readonly ServingPoint[]): SafeHtml | undefined {
  if (points.length === 0) return undefined;
  const runtimes = [...new Set(points.map((p) => p.runtime))];
  const strategies = [...new Set(points.map((p) => p.strategy))];
  const cpus = [...new Set(points.map((p) => p.cpu))].sort((a, b) => Number(a) - Number(b));
  const styles = strategies.map((_, i) => seriesStyle(i));
  const lines = strategies.map((strategy, i) =>
    Plot.line(
      points.filter((p) => p.strategy === strategy),
      { x: 'cpu', y: 'perSecond', fx: 'runtime', stroke: 'strategy', strokeDasharray: styles[i]?.dash },
    ),
  );
  return renderPlot(
    {
      width: Math.min(1100, 140 + 300 * runtimes.length),
      height: 280,
      marginLeft: 60,
      marginRight: 16,
      x: { type: 'point', domain: cpus, label: 'CPU per request (ms)', padding: 0.3 },
      y: { type: 'log', label: 'requests/s (log scale)', grid: true },
      fx: { label: null, domain: runtimes },
      color: { domain: strategies, range: styles.map((s) => s.colour) },
      symbol: { domain: strategies, range: styles.map((s) => s.symbol), legend: true },
      marks: [
        Plot.frame({ stroke: '#d1d9e0' }),
        ...lines,
        Plot.ruleX(points, {
          x: 'cpu',
          y1: 'lo',
          y2: 'hi',
          fx: 'runtime',
          stroke: 'strategy',
          strokeWidth: 1.5,
        }),
        Plot.dot(
          points.filter((p) => p.limited),
          {
            x: 'cpu',
            y: 'perSecond',
            fx: 'runtime',
            r: 8,
            stroke: '#59636e',
            strokeDasharray: '2,2',
            ariaDescription: 'the load generator may have set the pace',
          },
        ),
        Plot.dot(points, {
          x: 'cpu',
          y: 'perSecond',
          fx: 'runtime',
          stroke: 'strategy',
          symbol: 'strategy',
          fill: 'white',
          r: 4,
          strokeWidth: 1.6,
          title: tip,
        }),
      ],
    },
    'Requests per second against CPU per request, one panel per runtime, a line per serving strategy',
  );
}
