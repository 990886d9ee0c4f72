import { describe, expect, it } from 'vitest';
import { fastest } from './decide.js';
import type { Cell } from './schema.js';
import { summarize } from './stats.js';

/** A cell with the given samples; only what `fastest` reads is filled in. */
function cell(strategy: string, samples: number[], status: Cell['status'] = 'ok'): Cell {
  const { n: _n, ...stats } = summarize(samples);
  return {
    id: `w()/${strategy}@2`,
    workload: 'w',
    kind: 'cpu',
    strategy,
    concurrency: 2,
    params: {},
    options: {},
    status,
    ...(status === 'ok' ? {} : { reason: 'broken' }),
    samples,
    warmups: [],
    tasksPerSample: 1,
    stats,
    flags: [],
  };
}

const around = (center: number): number[] =>
  [0.97, 0.99, 1, 1.01, 1.03, 0.98, 1.02, 1.04].map((f) => f * center);

describe('fastest', () => {
  it('names a clear winner when it is significantly and practically faster', () => {
    const verdict = fastest([
      cell('sequential', around(100)),
      cell('piscina', around(50)),
      cell('async', around(101)),
    ]);
    expect(verdict?.best.strategy).toBe('piscina');
    expect(verdict?.runnerUp?.strategy).toBe('sequential');
    expect(verdict?.clear).toBe(true);
    expect(verdict?.margin?.ratio).toBeCloseTo(2, 10);
    // All 8 piscina samples below all 8 sequential ones: exact two-sided p = 2 / C(16, 8) = 2 / 12870
    // (scipy.stats.mannwhitneyu(piscina, sequential, alternative='two-sided', method='exact').pvalue).
    expect(verdict?.p).toBeCloseTo(2 / 12870, 12);
  });

  it('says there is no clear winner between indistinguishable cells', () => {
    const verdict = fastest([cell('worker', around(50)), cell('piscina', around(50.2))]);
    expect(verdict?.clear).toBe(false);
  });

  it('ignores cells that are not ok, and returns undefined when none is', () => {
    expect(
      fastest([cell('worker', around(10), 'invalid'), cell('sequential', around(100))])?.best.strategy,
    ).toBe('sequential');
    expect(fastest([cell('worker', around(10), 'errored')])).toBeUndefined();
  });

  it('calls a lone ok cell the winner', () => {
    expect(fastest([cell('async', around(10))])).toEqual({
      best: expect.objectContaining({ strategy: 'async' }),
      clear: true,
    });
  });

  it('does not divide by a 0 ms sample: no clear winner, no margin', () => {
    const verdict = fastest([cell('worker', [0, 0, 0.1]), cell('sequential', [0.1, 0.1, 0.2])]);
    expect(verdict).toEqual({
      best: expect.objectContaining({ strategy: 'worker' }),
      runnerUp: expect.objectContaining({ strategy: 'sequential' }),
      clear: false,
    });
  });
});
