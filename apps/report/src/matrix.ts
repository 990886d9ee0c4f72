import { ALPHA, type Cell, holmBonferroni } from '@paralab/core';
import type { Aggregate, Entry, Machine, Run } from './aggregate.js';
import { type Comparison, compareCells, NOISE } from './compare.js';
import { strategyName } from './format.js';

/** One runtime's value in a matrix row. */
export interface MatrixValue {
  run: Run;
  entry?: Entry;
  /** Speed relative to the baseline: median(baseline) / median(this), > 1 is faster. Absent for the baseline. */
  comparison?: Comparison;
  /** Holm-Bonferroni-adjusted p across the machine's matrix. */
  pAdjusted?: number;
  /** Adjusted p < 0.05 and the CI outside ±2%. */
  significant: boolean;
}

/** One workload × params × strategy × concurrency, across the runtimes of a machine. */
export interface MatrixRow {
  group: string;
  workload: string;
  kind: Cell['kind'];
  /** `piscina@2`. */
  strategy: string;
  values: MatrixValue[];
}

/** The cross-runtime matrix of one machine. */
export interface Matrix {
  machine: Machine;
  /** The node run when there is one, else the first run. */
  baseline: Run;
  runs: Run[];
  rows: MatrixRow[];
}

function rowsOf(machine: Machine, baseline: Run): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const run of machine.runs) {
    for (const entry of run.entries) {
      const key = `${entry.group}/${strategyName(entry.cell)}`;
      const row: MatrixRow = rows.get(key) ?? {
        group: entry.group,
        workload: entry.cell.workload,
        kind: entry.cell.kind,
        strategy: strategyName(entry.cell),
        values: machine.runs.map((r): MatrixValue => ({ run: r, significant: false })),
      };
      const value = row.values.find((v) => v.run === run);
      if (value && !value.entry) value.entry = entry;
      rows.set(key, row);
    }
  }
  for (const row of rows.values()) {
    const base = row.values.find((v) => v.run === baseline)?.entry;
    for (const value of row.values) {
      if (!base || !value.entry || value.run === baseline) continue;
      const comparison = compareCells(value.entry.cell, base.cell);
      if (comparison) value.comparison = comparison;
    }
  }
  return [...rows.values()];
}

function adjust(rows: readonly MatrixRow[]): void {
  const tested = rows.flatMap((row) => row.values.filter((value) => value.comparison));
  const adjusted = holmBonferroni(tested.map((value) => value.comparison?.p ?? 1));
  tested.forEach((value, i) => {
    const p = adjusted[i] ?? 1;
    const c = value.comparison;
    value.pAdjusted = p;
    value.significant = c !== undefined && p < ALPHA && (c.lo > 1 + NOISE || c.hi < 1 - NOISE);
  });
}

/**
 * Per machine: rows of workload × params × strategy × concurrency, one column per runtime, each value the
 * speed relative to the baseline runtime (node, else the first) with a bootstrap CI, Mann-Whitney p and
 * Holm-Bonferroni across the machine's matrix. Raw times are never compared across machines.
 */
export function crossRuntime(aggregate: Aggregate): Matrix[] {
  return aggregate.machines.flatMap((machine) => {
    const baseline = machine.runs.find((run) => run.runtime === 'node') ?? machine.runs[0];
    if (!baseline) return [];
    const rows = rowsOf(machine, baseline);
    adjust(rows);
    return [{ machine, baseline, runs: machine.runs, rows }];
  });
}
