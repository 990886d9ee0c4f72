import { describe, expect, it } from 'vitest';
import type { Cell } from '../schema.js';
import { measured, nodeFloors, runOf } from './_fixtures.js';
import { type BreakEven, breakEven, crossing } from './break-even.js';
import { compareBreakEven, measuredBreakEven } from './break-even-measured.js';

const GRAIN = { totalMs: 40, taskUs: 100 };
const grainCell = (strategy: string, options: Cell['options'], family = 'threads'): Cell =>
  measured('grain', strategy, 2, 30, {
    params: GRAIN,
    options,
    family,
    bytes: 400 * 200,
    tasksPerSample: 400,
  });

describe('crossing', () => {
  it('finds where 2t / (t + d) rises above 1: t = d', () => {
    const found = crossing((t) => (2 * t) / (t + 0.05), 0.001, 40);
    expect(found.status).toBe('crosses');
    expect(found.taskMs).toBeCloseTo(0.05, 6);
  });

  it.each([
    { name: 'always', speedup: () => 1.5, want: { status: 'always' } },
    { name: 'never', speedup: () => 0.5, want: { status: 'never' } },
  ])('$name', ({ speedup, want }) => {
    expect(crossing(speedup, 0.001, 40)).toEqual(want);
  });
});

describe('breakEven (predicted, on constructed floors)', () => {
  const run = runOf([
    ...nodeFloors(),
    measured('grain', 'sequential', 1, 40, {
      params: GRAIN,
      tasksPerSample: 400,
      options: { inFlight: 1, thread: 'main' },
    }),
    grainCell('worker', {
      library: 'node:worker_threads',
      inFlight: 'one-per-worker',
      serialization: 'structured-clone',
    }),
    grainCell(
      'process',
      { library: 'node:child_process', inFlight: 'one-per-process', serialization: 'advanced' },
      'processes',
    ),
    grainCell(
      'process-cold',
      { library: 'node:child_process', inFlight: 'one-process-per-task', serialization: 'advanced' },
      'processes',
    ),
    // Empty tasks, pipelined: 1000 in 5 ms -> 0.005 ms per task.
    measured('noop', 'worker-pipelined', 1, 5, {
      tasksPerSample: 1000,
      options: { library: 'node:worker_threads', inFlight: 'pipelined' },
      bytes: 16_000,
    }),
    grainCell('worker-pipelined', {
      library: 'node:worker_threads',
      inFlight: 'pipelined',
      serialization: 'structured-clone',
    }),
  ]);
  const all = breakEven(run);
  const byName = (name: string) => all.find((b) => b.strategy === name) as BreakEven;

  it('a warm pool of 2: n/2 × (t + d) < n × t above t = d, the 0.05 ms round trip', () => {
    const worker = byName('worker');
    expect(worker).toMatchObject({ status: 'crosses', lanes: 2, dispatchPerMessageMs: 0.05 });
    // n = round(40 / t) is odd on some sizes just above 0.05 (one lane runs a task more): the crossing lies
    // within a task's granularity there, 1/800 of t.
    expect(Math.abs((worker.taskMs ?? 0) / 0.05 - 1)).toBeLessThan(0.005);
    // Under 5% of the work: ceil(0.05 / (0.05 × t)) tasks per message: 1000 at 1 µs, 100 at 10 µs.
    expect(worker.batches).toEqual([
      { taskMs: 0.001, tasksPerMessage: 1000 },
      { taskMs: 0.01, tasksPerMessage: 100 },
    ]);
  });

  it('processes: the 0.1 ms IPC round trip', () => {
    expect(Math.abs((byName('process').taskMs ?? 0) / 0.1 - 1)).toBeLessThan(0.005);
  });

  it('pipelined: n t = n/2 (t + 0.005) + 0.05 at n = 40 / t: t = 20 / 3990 ms', () => {
    // With n = 7980 tasks: 7980 t = 3990 (t + 0.005) + 0.05, so 3990 t = 20.
    expect(Math.abs((byName('worker-pipelined').taskMs ?? 0) / (20 / 3990) - 1)).toBeLessThan(0.001);
  });

  it('a cold process per task never pays off within 40 ms of work: 2t / (40.1 + t) < 1', () => {
    expect(byName('process-cold')).toMatchObject({ status: 'never', dispatchPerMessageMs: 40.1 });
  });

  it('says why when a floor is missing', () => {
    const bare = runOf([grainCell('worker', { library: 'node:worker_threads', inFlight: 'one-per-worker' })]);
    expect(breakEven(bare)).toEqual([
      {
        runtime: 'node',
        strategy: 'worker',
        unknown:
          'unknown primitive for worker (library node:worker_threads): no calibrated thread primitive in this run',
      },
    ]);
  });
});

describe('measuredBreakEven', () => {
  /** A sweep point: the sequential cell (its median / tasks is the task size) and a worker cell's speedup. */
  function point(taskUs: number, speedup: [number, number, number]): Cell[] {
    const tasks = Math.round(40_000 / taskUs);
    const params = { totalMs: 40, taskUs };
    const common = { params, tasksPerSample: tasks };
    return [
      measured('grain', 'sequential', 1, 40, { ...common, speedup: { ratio: 1, baseline: true } }),
      measured('grain', 'worker', 2, 40 / speedup[0], {
        ...common,
        speedup: { ratio: speedup[0], lo: speedup[1], hi: speedup[2] },
      }),
    ];
  }
  const cells = [
    ...point(10, [0.5, 0.4, 0.6]),
    ...point(100, [2, 1.8, 2.2]),
    ...point(1000, [1.9, 1.7, 2.1]),
  ];

  it('log-log interpolates between the two sizes around the crossing, and the CI from the bounds', () => {
    const [found] = measuredBreakEven(cells);
    // Speedup 0.5 at 0.01 ms and 2 at 0.1 ms: log s goes -ln 2 -> ln 2, so 1 is half-way in log t: sqrt(0.001).
    expect(found?.taskMs).toBeCloseTo(Math.sqrt(0.01 * 0.1), 9);
    // Upper bounds 0.6 -> 2.2 cross at share ln(1/0.6) / ln(2.2/0.6) of the decade; lower bounds 0.4 -> 1.8 later.
    expect(found?.ci.lo).toBeCloseTo(0.01 * 10 ** (Math.log(1 / 0.6) / Math.log(2.2 / 0.6)), 9);
    expect(found?.ci.hi).toBeCloseTo(0.01 * 10 ** (Math.log(1 / 0.4) / Math.log(1.8 / 0.4)), 9);
    expect(found).toMatchObject({ strategy: 'worker', concurrency: 2, status: 'crosses', crossings: 1 });
    expect(found?.points.map((p) => p.taskMs)).toEqual([0.01, 0.1, 1]);
  });

  it.each([
    { name: 'below the smallest size', speedups: [1.2, 1.9], want: 'below' },
    { name: 'above the largest size', speedups: [0.2, 0.9], want: 'above' },
  ])('$name', ({ speedups, want }) => {
    const sweep = [...point(10, [speedups[0] ?? 0, 0.1, 3]), ...point(100, [speedups[1] ?? 0, 0.1, 3])];
    expect(measuredBreakEven(sweep)[0]).toMatchObject({ status: want });
  });

  it('compareBreakEven holds the measured crossing against the predicted one', () => {
    const predicted = {
      runtime: 'node',
      strategy: 'worker',
      family: 'threads',
      lanes: 2,
      status: 'crosses',
      taskMs: 0.05,
    } as BreakEven;
    const [check] = compareBreakEven([predicted], measuredBreakEven(cells));
    // sqrt(0.001) / 0.05 = 0.632: within 2x.
    expect(check).toMatchObject({ strategy: 'worker', within: true, predictedMs: 0.05 });
    expect(check?.ratio).toBeCloseTo(Math.sqrt(0.001) / 0.05, 9);
    expect(compareBreakEven([{ ...predicted, taskMs: 0.2 }], measuredBreakEven(cells))[0]?.within).toBe(
      false,
    );
  });
});
