import { describe, expect, it } from 'vitest';
import type { Cell } from './schema.js';
import { fitsCores, memoryBytes, tieBreak } from './tie-break.js';

/** A cell with what the tie-break reads; the rest is filler. */
function cell(extra: Partial<Cell>): Cell {
  return {
    id: 'w()/s@2',
    workload: 'w',
    kind: 'cpu',
    strategy: 's',
    family: 'threads',
    concurrency: 2,
    params: {},
    options: {},
    status: 'ok',
    samples: [1],
    warmups: [],
    tasksPerSample: 1,
    flags: [],
    ...extra,
  };
}

describe('fitsCores', () => {
  it.each<{ name: string; extra: Partial<Cell>; fits: boolean }>([
    { name: 'concurrency at cores', extra: { concurrency: 4 }, fits: true },
    { name: 'concurrency over cores', extra: { concurrency: 5 }, fits: false },
    { name: 'main-thread async at 64', extra: { concurrency: 64, options: { thread: 'main' } }, fits: true },
    {
      name: 'hybrid: 64 fetches, a pool of 4',
      extra: { concurrency: 64, options: { poolSize: 4 } },
      fits: true,
    },
    { name: 'a pool of 8', extra: { concurrency: 2, options: { poolSize: 8 } }, fits: false },
  ])('$name on 4 cores: $fits', ({ extra, fits }) => {
    expect(fitsCores(cell(extra), 4)).toBe(fits);
  });
});

describe('memoryBytes', () => {
  it('prefers the footprint measured alone, then the peak RSS, else undefined', () => {
    const withFootprint = cell({});
    const metrics = {
      peakRssBytes: 100,
      footprint: { baselineBytes: 0, peakBytes: 7, deltaBytes: 7, source: 't' },
    };
    withFootprint.metrics = metrics;
    expect(memoryBytes(withFootprint)).toBe(7);
    expect(memoryBytes(cell({ metrics: { peakRssBytes: 100 } }))).toBe(100);
    expect(memoryBytes(cell({ metrics: {} }))).toBeUndefined();
    expect(memoryBytes(cell({}))).toBeUndefined();
  });
});

describe('tieBreak', () => {
  it('skips memory when a contender lacks the figure, and start-up likewise', () => {
    const a = cell({ strategy: 'a', metrics: { peakRssBytes: 10 }, startupMs: 9 });
    const b = cell({ strategy: 'b', startupMs: 3 });
    expect(tieBreak([a, b], 2)).toEqual({ cell: b, step: 'startup' });
    const c = cell({ strategy: 'c', metrics: { peakRssBytes: 10 } });
    const d = cell({ strategy: 'd', metrics: { peakRssBytes: 30 } });
    expect(tieBreak([c, d], 2)).toEqual({ cell: c, step: 'memory' });
  });

  it('ranks an unknown family after every known one', () => {
    const gpu = cell({ strategy: 'gpu', family: 'gpu' });
    const processes = cell({ strategy: 'fork', family: 'processes' });
    expect(tieBreak([gpu, processes], 2)).toEqual({ cell: processes, step: 'family' });
  });

  it('throws RangeError without contenders', () => {
    expect(() => tieBreak([], 2)).toThrow(RangeError);
  });
});
