import { describe, expect, it } from 'vitest';
import { ParalabError } from './errors.js';
import {
  type CellPlan,
  cellId,
  defaultConcurrency,
  type PlannedWorkload,
  paramsKey,
  planCells,
} from './plan.js';
import { asyncStrategy } from './strategies/async.js';
import { sequential } from './strategies/sequential.js';
import type { Strategy } from './strategy.js';
import { defineWorkload, type WorkloadKind } from './workload.js';

const planned = (
  id: string,
  kind: WorkloadKind,
  params: PlannedWorkload['params'] = {},
): PlannedWorkload => ({
  workload: defineWorkload({
    id,
    kind,
    description: id,
    params: {},
    prepare: () => [],
    run: () => 0,
  }),
  ref: { module: 'test:plan', id },
  params,
});

const pool: Strategy = {
  name: 'pool',
  description: 'a fake pool',
  family: 'threads',
  create: () => Promise.reject(new Error('never created in planning')),
};

const ids = (plans: readonly CellPlan<{ readonly name: string }>[]): string[] => plans.map(cellId);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('defaultConcurrency', () => {
  it.each([
    ['cpu', 8, [8]],
    ['cpu', 10, [10]],
    ['io', 8, [10]],
    ['io', 64, [10]],
    ['mixed', 8, [8, 10]],
    ['mixed', 16, [16, 10]],
    ['mixed', 10, [10]],
  ] as const)('%s work on %i cores -> %j', (kind, cores, levels) => {
    expect(defaultConcurrency(kind, cores)).toEqual(levels);
  });
});

describe('planCells', () => {
  it('crosses workloads x strategies x levels, sequential once at concurrency 1', () => {
    const plans = planCells({
      workloads: [planned('alpha', 'cpu', { n: 2 }), planned('beta', 'io')],
      strategies: [sequential, asyncStrategy, pool],
      concurrency: [2, 4],
      cores: 8,
    });
    expect(ids(plans)).toEqual([
      'alpha(n=2)/sequential@1',
      'alpha(n=2)/async@2',
      'alpha(n=2)/async@4',
      'alpha(n=2)/pool@2',
      'alpha(n=2)/pool@4',
      'beta()/sequential@1',
      'beta()/async@2',
      'beta()/async@4',
      'beta()/pool@2',
      'beta()/pool@4',
    ]);
    expect(plans[3]).toEqual({
      workload: plans[0]?.workload,
      ref: { module: 'test:plan', id: 'alpha' },
      params: { n: 2 },
      strategy: pool,
      concurrency: 2,
    });
  });

  it('uses the default levels of each workload kind when no levels are given', () => {
    const plans = planCells({
      workloads: [planned('c', 'cpu'), planned('i', 'io'), planned('m', 'mixed')],
      strategies: [sequential, pool],
      cores: 4,
    });
    expect(ids(plans)).toEqual([
      'c()/sequential@1',
      'c()/pool@4',
      'i()/sequential@1',
      'i()/pool@10',
      'm()/sequential@1',
      'm()/pool@4',
      'm()/pool@10',
    ]);
  });

  it('plans strategy descriptors that cannot run here the same way, keeping each descriptor', () => {
    const page = { name: 'web-worker', where: 'page' } as const;
    const plans: CellPlan<typeof page | { readonly name: 'sequential' }>[] = planCells({
      workloads: [planned('c', 'cpu')],
      strategies: [{ name: 'sequential' }, page],
      cores: 4,
    });
    expect(ids(plans)).toEqual(['c()/sequential@1', 'c()/web-worker@4']);
    expect(plans[1]?.strategy).toBe(page);
  });

  it('deduplicates the mixed defaults when cores = 10', () => {
    const plans = planCells({ workloads: [planned('m', 'mixed')], strategies: [pool], cores: 10 });
    expect(ids(plans)).toEqual(['m()/pool@10']);
  });

  it.each([
    ['workloads', { workloads: [], strategies: [pool] }, 'no workloads selected'],
    ['strategies', { workloads: [planned('c', 'cpu')], strategies: [] }, 'no strategies selected'],
  ])('rejects empty %s', (_what, options, message) => {
    const error = thrown(() => planCells({ ...options, cores: 4 }));
    expect(error).toBeInstanceOf(ParalabError);
    expect(error).toMatchObject({ code: 'ERR_OPTION', message });
  });

  it.each([
    [0, 'options.concurrency must hold positive integers, got 0'],
    [-2, 'options.concurrency must hold positive integers, got -2'],
    [1.5, 'options.concurrency must hold positive integers, got 1.5'],
    [Number.NaN, 'options.concurrency must hold positive integers, got NaN'],
    [Number.POSITIVE_INFINITY, 'options.concurrency must hold positive integers, got Infinity'],
  ])('rejects the level %d', (level, message) => {
    const error = thrown(() =>
      planCells({ workloads: [planned('c', 'cpu')], strategies: [pool], concurrency: [2, level], cores: 4 }),
    );
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toHaveProperty('message', message);
  });

  it('rejects a bad level even when only sequential would use it', () => {
    expect(() =>
      planCells({ workloads: [planned('c', 'cpu')], strategies: [sequential], concurrency: [0], cores: 4 }),
    ).toThrow('options.concurrency must hold positive integers, got 0');
  });
});

describe('paramsKey', () => {
  it.each([
    [{}, ''],
    [{ n: 1 }, 'n=1'],
    [{ size: 64, algo: 'sha', cold: true }, 'algo=sha,cold=true,size=64'],
    [{ b: 2, a: 1, B: 3 }, 'B=3,a=1,b=2'],
  ])('%j -> %j', (params, key) => {
    expect(paramsKey(params)).toBe(key);
  });

  it('does not depend on key order', () => {
    expect(paramsKey({ x: 1, y: 'a' })).toBe(paramsKey({ y: 'a', x: 1 }));
  });
});

describe('cellId', () => {
  it('is workload(params)/strategy@concurrency', () => {
    const [plan] = planCells({
      workloads: [planned('regex-meta', 'cpu', { size: 8, flags: 'gi' })],
      strategies: [pool],
      concurrency: [3],
      cores: 4,
    });
    expect(plan && cellId(plan)).toBe('regex-meta(flags=gi,size=8)/pool@3');
  });
});
