import { type Cell, createResults, type Results, summarize } from '@paralab/core';
import { formatTargets, performanceTargets, type TargetReport } from '@paralab/node-runner';
import { describe, expect, it } from 'vitest';

/** An ok cell whose samples all equal `median` (ms). */
function cell(fields: Partial<Cell> & Pick<Cell, 'workload' | 'strategy'>, median: number): Cell {
  const samples = [median, median, median, median, median];
  const { n: _n, ...stats } = summarize(samples);
  return {
    id: `${fields.workload}/${fields.strategy}@${fields.concurrency ?? 1}`,
    kind: 'cpu',
    concurrency: 1,
    params: {},
    options: {},
    status: 'ok',
    samples,
    warmups: [],
    tasksPerSample: 1,
    stats,
    flags: [],
    ...fields,
  };
}

const roundTrip = (median: number): Cell =>
  cell(
    {
      workload: 'calibration',
      kind: 'calibration',
      strategy: 'worker_threads',
      params: { probe: 'message-roundtrip', opsPerSample: 100 },
    },
    median,
  );
const noop = (strategy: string, concurrency: number, median: number): Cell =>
  cell({ workload: 'noop', strategy, concurrency, params: { tasks: 2000 }, tasksPerSample: 2000 }, median);
const primes = (strategy: string, concurrency: number, speedup: number, thread?: 'main'): Cell => ({
  ...cell(
    {
      workload: 'primes',
      strategy,
      concurrency,
      params: { list: 'balanced' },
      options: thread ? { thread } : {},
    },
    100,
  ),
  speedup: { ratio: speedup, lo: speedup - 0.1, hi: speedup + 0.1 },
});
const http = (concurrency: number, median: number, latencyMs = 50): Cell =>
  cell(
    {
      workload: 'http',
      kind: 'io',
      strategy: 'async',
      concurrency,
      params: { requests: 100, latencyMs },
      options: { thread: 'main' },
    },
    median,
  );

const START = new Date('2025-01-01T00:00:00.000Z');

function results(
  cells: Cell[],
  {
    profile = 'quick',
    seconds = 60,
    complete = true,
  }: { profile?: string; seconds?: number; complete?: boolean } = {},
): Results {
  return createResults({
    toolVersion: '0.1.0',
    runtime: { name: 'node', version: '20.20.2' },
    machine: {
      os: 'linux',
      arch: 'x64',
      cpuModel: 'test',
      logicalCores: 2,
      availableParallelism: 2,
      totalMemory: 2 ** 33,
    },
    timer: { source: 'performance.now', resolutionMs: 0.00003 },
    startedAt: START,
    finishedAt: new Date(START.getTime() + seconds * 1000),
    complete,
    profile,
    seed: 1,
    cells,
  });
}

const verdicts = (reports: TargetReport[]) => reports.map((r) => [r.id, r.status, r.ratio, r.detail]);

describe('performanceTargets', () => {
  it('passes every target measured in a run that meets them', () => {
    const reports = performanceTargets(
      results([
        roundTrip(0.05),
        noop('worker', 1, 120), // 0.06 ms per task
        noop('worker-pipelined', 2, 8), // 0.004 ms per task at concurrency 2 ...
        noop('worker-pipelined', 1, 20), // ... but the lowest concurrency is the one judged
        primes('sequential', 1, 1, 'main'),
        primes('piscina', 2, 1.85),
        primes('worker', 2, 1.9),
        primes('worker', 4, 1.99),
        http(100, 60),
        http(10, 510),
      ]),
    );
    expect(verdicts(reports)).toEqual([
      ['worker-dispatch', 'pass', 0.06 / 0.05, '0.0600 ms per task, round trip 0.0500 ms'],
      ['worker-pipelined', 'pass', 0.01 / 0.05, '0.0100 ms per task at concurrency 1, round trip 0.0500 ms'],
      ['cpu-speedup', 'pass', 0.95, 'worker ×1.90 on 2 cores'],
      ['io-async', 'pass', 1.2, 'median 60.0 ms at concurrency 100, latency 50 ms'],
      ['quick-run', 'pass', 60 / 90, '60.0 s'],
    ]);
    expect(formatTargets(reports)).toBe(
      [
        'worker per task on noop (1 worker) / message round trip  1.20  ≤ 1.25  PASS (0.0600 ms per task, round trip 0.0500 ms)',
        'worker-pipelined per task on noop / message round trip   0.20  < 0.50  PASS (0.0100 ms per task at concurrency 1, round trip 0.0500 ms)',
        'best speedup on primes (balanced) / available cores      0.95  ≥ 0.90  PASS (worker ×1.90 on 2 cores)',
        'async on http (100 requests at 50 ms) / latency          1.20  ≤ 1.30  PASS (median 60.0 ms at concurrency 100, latency 50 ms)',
        'quick run wall time / 90 s                               0.67  ≤ 1.00  PASS (60.0 s)',
      ].join('\n'),
    );
  });

  it('fails every target a slow run misses', () => {
    const reports = performanceTargets(
      results(
        [
          roundTrip(0.05),
          noop('worker', 1, 140),
          noop('worker-pipelined', 2, 60),
          primes('sequential', 1, 1, 'main'),
          primes('async', 2, 1.95, 'main'), // main-thread strategies do not count
          primes('worker', 2, 1.7),
          http(100, 70),
        ],
        { seconds: 95.5 },
      ),
    );
    expect(verdicts(reports)).toEqual([
      ['worker-dispatch', 'fail', 0.07 / 0.05, '0.0700 ms per task, round trip 0.0500 ms'],
      ['worker-pipelined', 'fail', 0.03 / 0.05, '0.0300 ms per task at concurrency 2, round trip 0.0500 ms'],
      ['cpu-speedup', 'fail', 0.85, 'worker ×1.70 on 2 cores'],
      ['io-async', 'fail', 1.4, 'median 70.0 ms at concurrency 100, latency 50 ms'],
      ['quick-run', 'fail', 95.5 / 90, '95.5 s'],
    ]);
    expect(
      formatTargets(reports)
        .split('\n')
        .map((line) => line.replace(/ {2,}/g, ' | ')),
    ).toEqual([
      'worker per task on noop (1 worker) / message round trip | 1.40 | ≤ 1.25 | FAIL (0.0700 ms per task, round trip 0.0500 ms)',
      'worker-pipelined per task on noop / message round trip | 0.60 | < 0.50 | FAIL (0.0300 ms per task at concurrency 2, round trip 0.0500 ms)',
      'best speedup on primes (balanced) / available cores | 0.85 | ≥ 0.90 | FAIL (worker ×1.70 on 2 cores)',
      'async on http (100 requests at 50 ms) / latency | 1.40 | ≤ 1.30 | FAIL (median 70.0 ms at concurrency 100, latency 50 ms)',
      'quick run wall time / 90 s | 1.06 | ≤ 1.00 | FAIL (95.5 s)',
    ]);
  });

  it('says why a target is not measured', () => {
    const reports = performanceTargets(
      results(
        [
          noop('worker', 2, 100), // not at concurrency 1
          { ...noop('worker-pipelined', 1, 5), status: 'errored', reason: 'boom', stats: undefined },
          primes('worker', 1, 1), // not at availableParallelism
          primes('async', 2, 1.9, 'main'),
          http(10, 510),
          http(100, 60, 10), // another latency
        ],
        { profile: 'default' },
      ),
    );
    expect(verdicts(reports)).toEqual([
      ['worker-dispatch', 'not-measured', undefined, 'no ok worker cell on noop at concurrency 1'],
      ['worker-pipelined', 'not-measured', undefined, 'no ok worker-pipelined cell on noop'],
      [
        'cpu-speedup',
        'not-measured',
        undefined,
        'no ok off-main-thread cell with a speedup on primes (list=balanced) at concurrency 2',
      ],
      [
        'io-async',
        'not-measured',
        undefined,
        'async ran at concurrency 10 only; all 100 requests in flight needs concurrency >= 100',
      ],
      ['quick-run', 'not-measured', undefined, 'profile is default, not quick'],
    ]);
    expect(formatTargets(reports)).toBe(
      [
        'worker per task on noop (1 worker) / message round trip  -  ≤ 1.25  not measured: no ok worker cell on noop at concurrency 1',
        'worker-pipelined per task on noop / message round trip   -  < 0.50  not measured: no ok worker-pipelined cell on noop',
        'best speedup on primes (balanced) / available cores      -  ≥ 0.90  not measured: no ok off-main-thread cell with a speedup on primes (list=balanced) at concurrency 2',
        'async on http (100 requests at 50 ms) / latency          -  ≤ 1.30  not measured: async ran at concurrency 10 only; all 100 requests in flight needs concurrency >= 100',
        'quick run wall time / 90 s                               -  ≤ 1.00  not measured: profile is default, not quick',
      ].join('\n'),
    );
  });

  it('needs the calibration round trip, async cells at all, and a complete run', () => {
    const withoutCalibration = performanceTargets(
      results([noop('worker', 1, 120), noop('worker-pipelined', 1, 20)], { complete: false }),
    );
    expect(withoutCalibration.map((r) => [r.id, r.status, r.detail])).toEqual([
      [
        'worker-dispatch',
        'not-measured',
        'no ok calibration cell for message-roundtrip (calibration did not run)',
      ],
      [
        'worker-pipelined',
        'not-measured',
        'no ok calibration cell for message-roundtrip (calibration did not run)',
      ],
      [
        'cpu-speedup',
        'not-measured',
        'no ok off-main-thread cell with a speedup on primes (list=balanced) at concurrency 2',
      ],
      ['io-async', 'not-measured', 'no ok async cell on http with requests=100, latencyMs=50'],
      ['quick-run', 'not-measured', 'the run was interrupted (complete: false)'],
    ]);
    const { finishedAt: _, ...unfinished } = results([]);
    expect(performanceTargets(unfinished).at(-1)?.detail).toBe('the results have no finishedAt');
  });

  it('prints tiny ratios with two significant digits', () => {
    const [, pipelined] = performanceTargets(results([roundTrip(0.05), noop('worker-pipelined', 2, 4)]));
    expect(pipelined?.ratio).toBeCloseTo(0.04, 12);
    expect(formatTargets(pipelined ? [pipelined] : [])).toBe(
      'worker-pipelined per task on noop / message round trip  0.040  < 0.50  PASS (0.00200 ms per task at concurrency 2, round trip 0.0500 ms)',
    );
  });
});
