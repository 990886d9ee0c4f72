import type { CellChange } from '../cells.js';
import { type CompareReport, type PairComparison, pairTitle, regressionsOver } from '../model.js';
import type { CompareRenderOptions } from './rows.js';

/** One compared cell in the JSON output. */
export interface CellJson {
  /** The pair of files it belongs to: `node on M1`, `node → bun on M1`, `node on M1 → M2`. */
  comparison: string;
  /** The runtime, or `node → bun`. */
  runtime: string;
  id: string;
  kind: string;
  /** `median ms` (same machine) or `speedup` (across machines). */
  figure: string;
  /** The figure on each side with its 95% CI. */
  base: { value: number; lo: number; hi: number };
  current: { value: number; lo: number; hi: number };
  /** Speedup / concurrency on each side (`speedup` figure only). */
  efficiency?: { base: number; current: number };
  /** current / base of the figure. */
  ratio: number;
  /** Bootstrap 95% CI of the ratio; null across machines. */
  ci: [number, number] | null;
  /** Mann-Whitney U p, and after Holm-Bonferroni; null across machines. */
  p: number | null;
  pAdjusted: number | null;
  verdict: CellChange['verdict'];
  /** Times slower (above 1) or faster (below 1), whatever the figure. */
  slowdown: number;
  /** Number of samples on each side. */
  samples: { base: number; current: number };
}

function cellJson(pair: PairComparison, change: CellChange): CellJson {
  return {
    comparison: pairTitle(pair),
    runtime: pair.label,
    id: change.id,
    kind: change.kind,
    figure: change.figure,
    base: { ...change.base },
    current: { ...change.current },
    ...(change.figure === 'speedup'
      ? {
          efficiency: {
            base: change.base.value / change.concurrency,
            current: change.current.value / change.concurrency,
          },
        }
      : {}),
    ratio: change.ratio,
    ci: change.ci ? [change.ci[0], change.ci[1]] : null,
    p: change.p ?? null,
    pAdjusted: change.pAdjusted ?? null,
    verdict: change.verdict,
    slowdown: change.slowdown,
    samples: { base: change.samples[0], current: change.samples[1] },
  };
}

function pairJson(pair: PairComparison): Record<string, unknown> {
  return {
    comparison: pairTitle(pair),
    runtime: pair.label,
    sameMachine: pair.sameMachine,
    figure: pair.figure,
    base: pair.base,
    current: pair.current,
    summary: pair.summary,
    onlyInBase: pair.onlyInBase.map((cell) => cell.id),
    onlyInCurrent: pair.onlyInCurrent.map((cell) => cell.id),
    statusChanges: pair.statusChanges,
    notCompared: pair.uncompared.map(({ id, reason }) => ({ id, reason })),
    overheadOverFloor: pair.floors,
    warnings: pair.warnings,
  };
}

/**
 * The comparison as JSON (one document, two-space indent): `cells` holds every compared cell of every pair
 * (id, runtime, base and current with CIs, ratio, ci, p, pAdjusted, verdict); `comparisons` the pairs of
 * files with their per-kind summaries and the cells on one side only; then totals, the threshold's outcome
 * (`regressions`, `exitCode`) and every warning.
 */
export function renderCompareJson(report: CompareReport, options: CompareRenderOptions): string {
  const threshold = options.failOnRegression;
  const regressions = threshold === undefined ? [] : regressionsOver(report, threshold);
  const document = {
    base: options.base,
    current: options.current,
    noise: report.noise,
    alpha: report.alpha,
    tested: report.tested,
    failOnRegression: threshold ?? null,
    regressions: regressions.map(({ pair, change }) => ({ comparison: pairTitle(pair), id: change.id })),
    exitCode: regressions.length > 0 ? 1 : 0,
    summary: report.totals,
    comparisons: report.pairs.map(pairJson),
    cells: report.pairs.flatMap((pair) => pair.changes.map((change) => cellJson(pair, change))),
    onlyInBase: report.onlyInBase,
    onlyInCurrent: report.onlyInCurrent,
    warnings: report.warnings,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
