import {
  ALPHA,
  benjaminiHochberg,
  type Cell,
  canReachSignificance,
  type SizePair,
  smallestP,
} from '@paralab/core';
import type { Aggregate, Entry, Machine, Run } from '../shared/aggregate.js';
import { strategyName } from '../shared/format.js';
import { geometricMean, outsideNoise, timed, type Versus, versus } from '../shared/ratio.js';

/**
 * Where one runtime stands in a row: `fastest`; `slower` (significant after Benjamini-Hochberg and the CI
 * outside ±2%); `same` (tested, not significant: "~"); `untestable` (its sample counts can never give
 * p < 0.05); `missing` (no timed cell).
 */
export type FactorVerdict = 'fastest' | 'slower' | 'same' | 'untestable' | 'missing';

/** One runtime's value in a row of the cross-runtime table. */
export interface FactorValue {
  run: Run;
  entry?: Entry;
  /** median(this runtime) / median(the row's fastest runtime): 1 for the fastest, above 1 slower. */
  factor?: number;
  /** Against the row's fastest: the ratio this / fastest with its bootstrap CI, and the Mann-Whitney p. */
  versus?: Versus;
  /** `versus.p` after Benjamini-Hochberg across the machine's table. */
  pAdjusted?: number;
  verdict: FactorVerdict;
}

/** One workload × params × strategy × concurrency, across the runtimes of a machine. */
export interface FactorRow {
  group: string;
  workload: string;
  kind: Cell['kind'];
  /** `piscina@2`. */
  strategy: string;
  family: string;
  values: FactorValue[];
}

/** The geometric mean of a runtime's factors over the rows where every runtime has a time. */
export interface GeometricMean {
  run: Run;
  value: number;
}

/** The cross-runtime table of one machine. */
export interface Matrix {
  machine: Machine;
  runs: Run[];
  rows: FactorRow[];
  /** Per runtime, over `commonRows` rows (js-framework-benchmark's summary row). */
  geomeans: GeometricMean[];
  commonRows: number;
  /** Comparisons made (each non-fastest runtime of each row against the fastest). */
  tests: number;
  /** Whether any comparison of this table could be significant after Benjamini-Hochberg at all. */
  canReach: boolean;
  /** Fewest and most samples of a compared cell. */
  samples: readonly [number, number];
}

function rowsOf(machine: Machine): FactorRow[] {
  const rows = new Map<string, FactorRow>();
  for (const run of machine.runs) {
    for (const entry of run.entries) {
      const key = `${entry.group}/${strategyName(entry.cell)}`;
      const row = rows.get(key) ?? {
        group: entry.group,
        workload: entry.cell.workload,
        kind: entry.cell.kind,
        strategy: strategyName(entry.cell),
        family: entry.cell.family,
        values: machine.runs.map((r): FactorValue => ({ run: r, verdict: 'missing' })),
      };
      const value = row.values.find((v) => v.run === run);
      if (value && !value.entry && timed(entry.cell)) value.entry = entry;
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

function measure(row: FactorRow): void {
  const timedValues = row.values.filter((value) => value.entry);
  const median = (value: FactorValue) => value.entry?.cell.stats?.median ?? Number.POSITIVE_INFINITY;
  const fastest = timedValues.reduce<FactorValue | undefined>(
    (a, b) => (!a || median(b) < median(a) ? b : a),
    undefined,
  );
  for (const value of timedValues) {
    value.factor = median(value) / median(fastest as FactorValue);
    if (value === fastest) value.verdict = 'fastest';
    else if (fastest?.entry && value.entry) {
      const found = versus(fastest.entry.cell, value.entry.cell);
      if (found) value.versus = found;
    }
  }
}

function sizesOf(value: FactorValue, fastest: FactorValue | undefined): SizePair {
  return [fastest?.entry?.cell.samples.length ?? 1, value.entry?.cell.samples.length ?? 1];
}

function adjust(rows: readonly FactorRow[]): Pick<Matrix, 'tests' | 'canReach' | 'samples'> {
  const tested = rows.flatMap((row) => {
    const fastest = row.values.find((value) => value.verdict === 'fastest');
    return row.values
      .filter((value) => value.versus)
      .map((value) => ({ value, sizes: sizesOf(value, fastest) }));
  });
  const adjusted = benjaminiHochberg(tested.map(({ value }) => value.versus?.p ?? 1));
  tested.forEach(({ value, sizes }, i) => {
    const p = adjusted[i] ?? 1;
    value.pAdjusted = p;
    const significant = p < ALPHA && value.versus !== undefined && outsideNoise(value.versus);
    value.verdict = significant ? 'slower' : smallestP(...sizes) >= ALPHA ? 'untestable' : 'same';
  });
  const counts = tested.flatMap(({ sizes }) => sizes);
  const canReach =
    tested.length > 0 &&
    canReachSignificance(
      tested.map(({ sizes }) => sizes),
      tested.length,
      'bh',
    );
  const samples: readonly [number, number] =
    counts.length > 0 ? [Math.min(...counts), Math.max(...counts)] : [0, 0];
  return { tests: tested.length, canReach, samples };
}

function geomeans(machine: Machine, rows: readonly FactorRow[]): Pick<Matrix, 'geomeans' | 'commonRows'> {
  const common = rows.filter((row) => row.values.every((value) => value.factor !== undefined));
  const values = machine.runs.map((run) => {
    const factors = common.map((row) => row.values.find((v) => v.run === run)?.factor ?? 1);
    return { run, value: geometricMean(factors) };
  });
  return { geomeans: common.length > 0 ? values : [], commonRows: common.length };
}

/**
 * Per machine with two or more runtimes: rows of workload × params × strategy × concurrency, one column per
 * runtime, each the factor relative to the row's fastest runtime (js-framework-benchmark's habit), tested
 * against the fastest with Mann-Whitney U and a bootstrap CI of the ratio, Benjamini-Hochberg across the
 * machine's table (an exploratory table: METHOD.md), the practical gate ±2%; and the geometric mean of each
 * runtime's factors over the rows every runtime measured. Raw times are never compared across machines.
 */
export function crossRuntime(aggregate: Aggregate): Matrix[] {
  return aggregate.machines.flatMap((machine) => {
    if (machine.runs.length < 2) return [];
    const rows = rowsOf(machine);
    for (const row of rows) measure(row);
    const adjusted = adjust(rows);
    return [{ machine, runs: machine.runs, rows, ...adjusted, ...geomeans(machine, rows) }];
  });
}
