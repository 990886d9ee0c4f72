import { describe, expect, it } from 'vitest';
import type { Cell } from '../schema.js';
import { EIGHT, group, measured, nodeFloors, POOL, runOf } from './_fixtures.js';
import { workAdvice } from './advice.js';
import { withModel } from './results.js';

const PROCESS = { library: 'node:child_process', inFlight: 'one-per-process', serialization: 'advanced' };

/** Eight 10 ms tasks (80 ms sequential, 100 B a task) beside a worker pool and a process pool of 2, on Node's floors. */
function run(extra: Cell[] = []) {
  const cells = group(EIGHT, 80, [
    measured('work', 'worker', 2, 44, { options: POOL, bytes: 800 }),
    measured('work', 'worker', 1, 82, { options: POOL, bytes: 800 }),
    measured('work', 'process', 2, 46, { options: PROCESS, family: 'processes', bytes: 800 }),
    measured('work', 'async', 2, 80, { options: { thread: 'main' }, family: 'async' }),
    ...extra,
  ]);
  return withModel(runOf([...nodeFloors(), ...cells]));
}

describe('workAdvice', () => {
  const [advice, ...others] = workAdvice(run());

  it('one answer per CPU group with a sequential cell: the mean task from its median batch and CI', () => {
    expect(others).toEqual([]);
    expect(advice).toMatchObject({ workload: 'work', taskMs: { value: 10, lo: 10, hi: 10 } });
  });

  it("each family off the calling thread once, at its fastest cell, fastest first; async and sequential run on the caller's thread", () => {
    expect(advice?.strategies.map((s) => `${s.cell.strategy}@${s.cell.concurrency}`)).toEqual([
      'worker@2',
      'process@2',
    ]);
  });

  it("the model's speedup beside the measured one: 8 × 10 ms on 2 lanes is 40 ms of work plus 4 round trips a lane (0.05 ms for threads, 0.1 ms for processes)", () => {
    const [worker, process] = advice?.strategies ?? [];
    expect(worker?.predictedSpeedup).toBeCloseTo(80 / (40 + 4 * 0.05), 2);
    expect(process?.predictedSpeedup).toBeCloseTo(80 / (40 + 4 * 0.1), 2);
  });

  it('the break-even is the round trip on 2 lanes, and 20 tasks per message keep dispatch under 5% there', () => {
    const [worker, process] = advice?.strategies ?? [];
    expect(worker).toMatchObject({ pays: 'above', tasksPerMessage: 20 });
    expect(Math.abs((worker?.breakEvenMs ?? 0) / 0.05 - 1)).toBeLessThan(0.01);
    expect(Math.abs((process?.breakEvenMs ?? 0) / 0.1 - 1)).toBeLessThan(0.01);
  });

  it('a family with no ok cell is kept, with its first cell that failed: why it has no answer', () => {
    const failed = (strategy: string, family: Cell['family'], reason: string): Cell => ({
      ...measured('work', strategy, 2, 40, { options: POOL, family }),
      status: 'errored',
      reason,
      stats: undefined,
    });
    const cells = run([
      failed('piscina', 'threads', 'piscina failed'),
      failed('process-cold', 'processes', 'never listed: processes have an ok cell'),
      failed('hybrid', 'hybrid', 'task 0 threw: boom'),
      failed('hybrid-b', 'hybrid', 'second of its family'),
    ]).cells.filter((cell) => cell.strategy !== 'worker');
    const [only] = workAdvice(runOf(cells));
    expect(only?.strategies.map((s) => s.cell.strategy)).toEqual(['process']);
    expect(only?.unanswered.map((c) => [c.strategy, c.reason])).toEqual([
      ['piscina', 'piscina failed'],
      ['hybrid', 'task 0 threw: boom'],
    ]);
    expect(advice?.unanswered).toEqual([]);
  });

  it('a group whose sequential cell failed gets that cell alone: every figure is relative to it', () => {
    const cells = run().cells.map((cell) =>
      cell.strategy === 'sequential'
        ? { ...cell, status: 'errored' as const, reason: 'boom', stats: undefined }
        : cell,
    );
    const [only, ...others] = workAdvice(runOf(cells));
    expect(others).toEqual([]);
    expect(only).toMatchObject({ workload: 'work', strategies: [], unanswered: [] });
    expect(only?.taskMs).toBeUndefined();
    expect(only?.failedBaseline?.reason).toBe('boom');
  });

  it('says nothing of a group without an ok sequential cell', () => {
    const cells = run().cells.filter((c) => c.strategy !== 'sequential');
    expect(workAdvice(runOf(cells))).toEqual([]);
  });
});
