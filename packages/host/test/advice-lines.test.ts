import type { Cell, Results } from '@paralab/core';
import { describe, expect, it } from 'vitest';
import { adviceLines } from '../src/cli/output.js';

/** A cell of `work()` with ten samples of `median` ms (8 tasks a sample), or failed with `reason`. */
function cell(strategy: string, family: string, median: number, reason?: string): Cell {
  return {
    id: `work()/${strategy}@2`,
    workload: 'work',
    kind: 'cpu',
    strategy,
    family,
    concurrency: strategy === 'sequential' ? 1 : 2,
    params: {},
    options: strategy === 'async' ? { thread: 'main' } : {},
    status: reason ? 'errored' : 'ok',
    ...(reason ? { reason } : {}),
    samples: reason ? [] : Array.from({ length: 10 }, () => median),
    warmups: [],
    tasksPerSample: 8,
    ...(reason ? {} : { stats: { median, ci95: [median, median] } as Cell['stats'] }),
    flags: [],
  } as Cell;
}

const run = (cells: Cell[]): Results =>
  ({
    runtime: { name: 'node' },
    machine: { availableParallelism: 2 },
    timer: { resolutionMs: 0.0001 },
    cells,
  }) as unknown as Results;

describe('the CLI\'s "is a worker worth it?" lines', () => {
  it('name each family whose every cell failed, with why, instead of leaving the workload without a line', () => {
    const lines = adviceLines(
      run([
        cell('sequential', 'sequential', 8),
        { ...cell('async', 'async', 0, 'the measuring process was lost'), options: {} },
        cell('worker', 'threads', 0, 'task 0 threw: boom on call 40\n    at run (bad.mjs:7)'),
        cell('piscina', 'threads', 0, 'task 1 threw: boom'),
        cell('process', 'processes', 0, `the child exited with code 3 ${'and more '.repeat(20)}`),
      ]),
    );
    expect(lines[0]).toBe('  work(): your task takes 1.00 ms [1.00, 1.00]; on node with 2 cores:');
    expect(lines[1]).toBe('    threads (worker@2): no answer, errored: task 0 threw: boom on call 40');
    expect(lines[2]).toMatch(
      /^ {4}processes \(process@2\): no answer, errored: the child exited with code 3 and/,
    );
    expect(lines[2]?.endsWith('…')).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it('say when nothing ran the task off the calling thread', () => {
    const lines = adviceLines(run([cell('sequential', 'sequential', 8), cell('async', 'async', 8)]));
    expect(lines.slice(1)).toEqual(['    nothing ran it off this thread in this run']);
  });

  it('say why a workload has no answer when its sequential cell failed', () => {
    const lines = adviceLines(
      run([cell('sequential', 'sequential', 0, 'boom on call 40'), cell('worker', 'threads', 4)]),
    );
    expect(lines).toEqual([
      '  work(): no answer: sequential@1, the time every figure is measured against, errored: boom on call 40',
    ]);
  });
});
