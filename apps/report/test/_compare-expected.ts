import { bootstrapRatioCi, type Cell, holmBonferroni, mannWhitneyU } from '@paralab/core';
import { expect } from 'vitest';
import { A, B, resultsSet, slowAB } from './_compare-fixtures.js';

const median = (cell: Cell) => ({
  value: cell.stats?.median,
  lo: cell.stats?.ci95[0],
  hi: cell.stats?.ci95[1],
});

/** The whole JSON document of base.json against slow.json, computed with core's statistics directly. */
export function expectedSlowDocument() {
  const base = resultsSet();
  const slow = resultsSet({ factor: slowAB });
  const ps = base.cells.map((cell, i) => mannWhitneyU(cell.samples, slow.cells[i]?.samples ?? []).p);
  const adjusted = holmBonferroni(ps);
  const cells = base.cells.map((cell, i) => {
    const current = slow.cells[i] as Cell;
    const ci = bootstrapRatioCi(current.samples, cell.samples);
    return {
      comparison: 'node on M1',
      runtime: 'node',
      id: cell.id,
      kind: cell.kind,
      figure: 'median ms',
      base: median(cell),
      current: median(current),
      ratio: ci.ratio,
      ci: [ci.lo, ci.hi],
      p: ps[i],
      pAdjusted: adjusted[i],
      verdict: cell.id === A || cell.id === B ? 'slower' : '~',
      slowdown: ci.ratio,
      samples: { base: 8, current: 8 },
    };
  });
  const kind = (name: string, slower: number, same: number) => {
    const ratios = cells.filter((c) => c.kind === name).map((c) => c.ratio);
    const geomean = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
    return {
      kind: name,
      cells: ratios.length,
      geomean: expect.closeTo(geomean, 12),
      slower,
      faster: 0,
      same,
    };
  };
  const run = (path: string) => ({
    path,
    runtime: 'node',
    version: '20.20.2',
    profile: 'quick',
    complete: true,
    machine: {
      label: 'M1',
      fingerprint: base.machine.fingerprint,
      description: 'Test CPU A · 2 cores · 8 GiB · linux/x64',
    },
    cells: 7,
  });
  return {
    base: 'base.json',
    current: 'slow.json',
    noise: 0.02,
    alpha: 0.05,
    tested: 7,
    failOnRegression: 10,
    regressions: [
      { comparison: 'node on M1', id: A },
      { comparison: 'node on M1', id: B },
    ],
    exitCode: 1,
    summary: {
      compared: 7,
      slower: 2,
      faster: 0,
      same: 5,
      statusChanges: 0,
      uncompared: 0,
      onlyInBase: 0,
      onlyInCurrent: 0,
    },
    comparisons: [
      {
        comparison: 'node on M1',
        runtime: 'node',
        sameMachine: true,
        figure: 'median ms',
        base: run('base.json'),
        current: run('slow.json'),
        summary: [kind('cpu', 1, 2), kind('io', 1, 1), kind('mixed', 0, 2)],
        onlyInBase: [],
        onlyInCurrent: [],
        statusChanges: [],
        notCompared: [],
        overheadOverFloor: [],
        warnings: [],
      },
    ],
    cells,
    onlyInBase: [],
    onlyInCurrent: [],
    warnings: [],
  };
}
