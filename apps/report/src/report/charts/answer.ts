import * as Plot from '@observablehq/plot';
import { renderPlot } from '../../shared/charts/dom.js';
import { runtimeStyle } from '../../shared/charts/palette.js';
import { plusMinus } from '../../shared/format.js';
import type { SafeHtml } from '../../shared/html/escape.js';

/** One workload's pick on one runtime, as the answer's picture draws it. */
export interface PickPoint {
  /** The runtime's column title: `node`, `bun · M2`. */
  runtime: string;
  /** `workload(params)`, shortened for the axis. */
  workload: string;
  /** `worker@2`. */
  pick: string;
  /** Speedup over sequential with its 95% CI. */
  ratio: number;
  lo: number;
  hi: number;
}

/** `primes(list=balanced)` cut to 28 characters for an axis label. */
export function shortWorkload(group: string): string {
  return group.length > 28 ? `${group.slice(0, 27)}…` : group;
}

/**
 * The answer's picture: for every workload (a row band), each runtime's pick as a point at its speedup
 * over sequential (log scale) with its 95% CI as a bar; runtimes told apart by colour, symbol and a legend;
 * the line at 1× is sequential. Undefined when no pick has a speedup.
 */
export function answerChart(points: readonly PickPoint[], runtimes: readonly string[]): SafeHtml | undefined {
  if (points.length === 0) return undefined;
  const workloads = [...new Set(points.map((p) => p.workload))];
  const styles = runtimes.map((_, i) => runtimeStyle(i));
  const title = (p: PickPoint) => `${p.workload} on ${p.runtime}: ${p.pick} ${plusMinus(p)}× sequential`;
  const low = Math.min(0.5, ...points.map((p) => p.lo));
  const high = Math.max(2, ...points.map((p) => p.hi));
  return renderPlot(
    {
      width: 450,
      height: 50 + workloads.length * 11 * Math.max(2, runtimes.length),
      marginLeft: 205,
      marginRight: 12,
      style: { fontSize: '11px' },
      x: {
        type: 'log',
        label: 'speedup over sequential (×, log scale)',
        grid: true,
        domain: [low * 0.9, high * 1.1],
      },
      y: { axis: null, domain: runtimes },
      fy: { label: null, domain: workloads, padding: 0.15 },
      color: { domain: runtimes, range: styles.map((s) => s.colour) },
      symbol: { domain: runtimes, range: styles.map((s) => s.symbol), legend: true },
      marks: [
        Plot.ruleX([1], { stroke: '#59636e' }),
        Plot.ruleY(points, {
          x1: 'lo',
          x2: 'hi',
          y: 'runtime',
          fy: 'workload',
          stroke: 'runtime',
          strokeWidth: 1.5,
        }),
        Plot.dot(points, {
          x: 'ratio',
          y: 'runtime',
          fy: 'workload',
          stroke: 'runtime',
          symbol: 'runtime',
          r: 3.5,
          strokeWidth: 1.6,
          title,
        }),
      ],
    },
    'The pick for every workload on every runtime: speedup over sequential with its 95% CI',
  );
}
