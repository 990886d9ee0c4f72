// The performance targets of a server runtime's run, judged from hand-made results whose numbers are known:
// each a ratio of two numbers measured side by side in one run (the low end of a per-task cost against the
// round trip measured in the same rounds, async against a plain Promise.all), never against figures from
// elsewhere.
import { type Cell, createResults, type Results, summarize } from '@paralab/core';
import { formatTargets, performanceTargets, rawWorker, type TargetReport } from '@paralab/host';
import { describe, expect, it } from 'vitest';

/** An ok cell with these samples (ms), its statistics computed from them. */
function cell(fields: Partial<Cell> & Pick<Cell, 'workload' | 'strategy'>, samples: number[]): Cell {
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
    family: fields.family ?? familyOf(fields.strategy),
  };
}

/** The family a strategy of these tests belongs to (schema v2 records it with every cell). */
function familyOf(strategy: string): string {
  if (strategy === 'sequential' || strategy === 'async') return strategy;
  return strategy === 'worker_threads' ? 'calibration' : 'threads';
}

const five = (ms: number): number[] => [ms, ms, ms, ms, ms];

/** The raw worker round trip measured in the same rounds as the noop cells (`interleavedWith`). */
const roundTrip = (samples: number[], interleavedWith = 'noop(tasks=2000)'): Cell =>
  cell(
    {
      workload: 'calibration',
      kind: 'calibration',
      strategy: 'worker_threads',
      params: { probe: 'message-roundtrip', opsPerSample: 100, interleavedWith },
    },
    samples,
  );
const noop = (strategy: string, concurrency: number, samples: number[]): Cell =>
  cell({ workload: 'noop', strategy, concurrency, params: { tasks: 2000 }, tasksPerSample: 2000 }, samples);
const primes = (strategy: string, concurrency: number, speedup: number): Cell => ({
  ...cell({ workload: 'primes', strategy, concurrency, params: { list: 'balanced' } }, five(100)),
  speedup: { ratio: speedup, lo: speedup - 0.1, hi: speedup + 0.1 },
});
const calls = (workload: 'http' | 'http-get', strategy: string, concurrency: number, median: number): Cell =>
  cell(
    {
      workload,
      kind: 'io',
      strategy,
      family: 'async',
      concurrency,
      params: { requests: 100, latencyMs: 50 },
      options: { thread: 'main' },
    },
    five(median),
  );

const START = new Date('2025-01-01T00:00:00.000Z');

function results(cells: Cell[], runtime = 'node'): Results {
  return createResults({
    toolVersion: '0.1.0',
    runtime: { name: runtime, version: '20.20.2' },
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
    finishedAt: new Date(START.getTime() + 60_000),
    complete: true,
    profile: 'quick',
    seed: 1,
    cells,
  });
}

const verdicts = (reports: TargetReport[]) => reports.map((r) => [r.id, r.status, r.ratio, r.detail]);
/** formatTargets' lines with each run of padding shown as ` | `. */
const columns = (reports: TargetReport[]) =>
  formatTargets(reports)
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' | '));

const NAMES = {
  dispatch: 'worker per task on noop (low end) / round trip beside it (low end)',
  pipelined: 'worker-pipelined per task on noop (low end) / round trip beside it (low end)',
  speedup: 'best speedup on primes (balanced) / available cores',
  async: 'async on http (100 at 50 ms, all in flight) / plain Promise.all',
  httpGet: 'async on http-get (100 at 50 ms, all in flight) / latency',
};

describe('performanceTargets', () => {
  it('passes every target measured in a run that meets them', () => {
    const reports = performanceTargets(
      results([
        roundTrip(five(0.05)),
        noop('worker', 1, five(120)), // 0.06 ms per task
        noop('worker-pipelined', 2, five(8)), // 0.004 ms per task at concurrency 2 ...
        noop('worker-pipelined', 1, five(20)), // ... but the lowest concurrency is the one judged
        primes('sequential', 1, 1),
        primes('piscina', 2, 1.85),
        primes('worker', 2, 1.9),
        primes('worker', 4, 1.99), // not at the core count
        calls('http', 'async', 100, 55),
        calls('http', 'promise-all', 100, 50),
        calls('http', 'async', 10, 510),
      ]),
    );
    expect(verdicts(reports)).toEqual([
      [
        'worker-dispatch',
        'pass',
        0.06 / 0.05,
        '0.0600 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 5)',
      ],
      [
        'worker-pipelined',
        'pass',
        0.01 / 0.05,
        '0.0100 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 5)',
      ],
      ['cpu-speedup', 'pass', 0.95, 'worker ×1.90 on 2 cores'],
      ['io-async', 'pass', 55 / 50, 'async 55.0 ms, Promise.all 50.0 ms (medians)'],
    ]);
    expect(columns(reports)).toEqual([
      `${NAMES.dispatch} | 1.20 | ≤ 1.25 | PASS (0.0600 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 5))`,
      `${NAMES.pipelined} | 0.20 | < 0.50 | PASS (0.0100 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 5))`,
      `${NAMES.speedup} | 0.95 | ≥ 0.90 | PASS (worker ×1.90 on 2 cores)`,
      `${NAMES.async} | 1.10 | ≤ 1.10 | PASS (async 55.0 ms, Promise.all 50.0 ms (medians))`,
    ]);
    // The ratios line up under each other: every name is padded to the longest, then two spaces.
    const width = NAMES.pipelined.length;
    expect(
      formatTargets(reports)
        .split('\n')
        .map((line) => line.slice(width, width + 6)),
    ).toEqual(['  1.20', '  0.20', '  0.95', '  1.10']);
  });

  it('fails every target a slow run misses', () => {
    const reports = performanceTargets(
      results([
        roundTrip(five(0.05)),
        noop('worker', 1, five(140)),
        noop('worker-pipelined', 2, five(60)),
        primes('sequential', 1, 1),
        primes('async', 2, 1.95), // main-thread strategies do not count
        primes('worker', 2, 1.7),
        calls('http', 'async', 100, 70),
        calls('http', 'promise-all', 100, 50),
        calls('http-get', 'async', 100, 70),
      ]),
    );
    expect(verdicts(reports)).toEqual([
      [
        'worker-dispatch',
        'fail',
        0.07 / 0.05,
        '0.0700 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 5)',
      ],
      [
        'worker-pipelined',
        'fail',
        0.03 / 0.05,
        '0.0300 ms per task at concurrency 2, round trip 0.0500 ms (p10 of 5)',
      ],
      ['cpu-speedup', 'fail', 0.85, 'worker ×1.70 on 2 cores'],
      ['io-async', 'fail', 70 / 50, 'async 70.0 ms, Promise.all 50.0 ms (medians)'],
      ['io-http-get', 'fail', 70 / 50, 'median 70.0 ms, latency 50 ms'],
    ]);
    expect(columns(reports)).toEqual([
      `${NAMES.dispatch} | 1.40 | ≤ 1.25 | FAIL (0.0700 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 5))`,
      `${NAMES.pipelined} | 0.60 | < 0.50 | FAIL (0.0300 ms per task at concurrency 2, round trip 0.0500 ms (p10 of 5))`,
      `${NAMES.speedup} | 0.85 | ≥ 0.90 | FAIL (worker ×1.70 on 2 cores)`,
      `${NAMES.async} | 1.40 | ≤ 1.10 | FAIL (async 70.0 ms, Promise.all 50.0 ms (medians))`,
      `${NAMES.httpGet} | 1.40 | ≤ 1.30 | FAIL (median 70.0 ms, latency 50 ms)`,
    ]);
  });

  it('judges the low end of a per-task cost and of the round trip, not their medians', () => {
    // Half the samples slowed by the machine: their medians would fail the target, their low ends pass.
    const slowHalf = (ms: number): number[] => [...five(ms), ...five(ms * 4)];
    const [dispatch] = performanceTargets(
      results([roundTrip(slowHalf(0.05)), noop('worker', 1, slowHalf(120))]),
    );
    expect([dispatch?.status, dispatch?.ratio, dispatch?.detail]).toEqual([
      'pass',
      0.06 / 0.05,
      '0.0600 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 10)',
    ]);
  });

  it('says why a target is not measured', () => {
    const reports = performanceTargets(
      results([
        { ...noop('worker', 1, five(100)), status: 'errored', reason: 'boom', stats: undefined },
        noop('worker-pipelined', 1, five(5)),
        roundTrip(five(0.05), ''), // measured, but not beside noop
        primes('worker', 1, 1), // not at availableParallelism
        primes('async', 2, 1.9),
        calls('http', 'async', 100, 60), // no promise-all beside it
        calls('http-get', 'async', 10, 510), // not all in flight
      ]),
    );
    expect(verdicts(reports)).toEqual([
      ['worker-dispatch', 'not-measured', undefined, 'no ok worker cell on noop'],
      [
        'worker-pipelined',
        'not-measured',
        undefined,
        'no worker_threads round trip measured beside noop (the default plan measures one)',
      ],
      [
        'cpu-speedup',
        'not-measured',
        undefined,
        'no ok off-main-thread cell with a speedup on balanced primes at concurrency 2',
      ],
      [
        'io-async',
        'not-measured',
        undefined,
        'no ok async@100 and promise-all cells on http (100 requests at 50 ms)',
      ],
      ['io-http-get', 'not-measured', undefined, 'no ok async@100 cell on http-get (100 requests at 50 ms)'],
    ]);
    expect(columns(reports)).toEqual([
      `${NAMES.dispatch} | - | ≤ 1.25 | not measured: no ok worker cell on noop`,
      `${NAMES.pipelined} | - | < 0.50 | not measured: no worker_threads round trip measured beside noop (the default plan measures one)`,
      `${NAMES.speedup} | - | ≥ 0.90 | not measured: no ok off-main-thread cell with a speedup on balanced primes at concurrency 2`,
      `${NAMES.async} | - | ≤ 1.10 | not measured: no ok async@100 and promise-all cells on http (100 requests at 50 ms)`,
      `${NAMES.httpGet} | - | ≤ 1.30 | not measured: no ok async@100 cell on http-get (100 requests at 50 ms)`,
    ]);
  });

  it('judges http-get only when the run measured it', () => {
    const ids = (cells: Cell[]) => performanceTargets(results(cells)).map((r) => r.id);
    expect(ids([])).toEqual(['worker-dispatch', 'worker-pipelined', 'cpu-speedup', 'io-async']);
    expect(ids([calls('http-get', 'async', 100, 60)]).at(-1)).toBe('io-http-get');
  });

  it('prints tiny ratios with two significant digits', () => {
    const [, pipelined] = performanceTargets(
      results([roundTrip(five(0.05)), noop('worker-pipelined', 2, five(4))]),
    );
    expect(pipelined?.ratio).toBeCloseTo(0.04, 12);
    expect(columns(pipelined ? [pipelined] : [])).toEqual([
      `${NAMES.pipelined} | 0.040 | < 0.50 | PASS (0.00200 ms per task at concurrency 2, round trip 0.0500 ms (p10 of 5))`,
    ]);
  });

  it.each([
    ['node', 'worker'],
    ['node@22', 'worker'],
    ['bun', 'worker-threads'],
    ['deno', 'worker-threads'],
  ])("judges %s's raw worker_threads strategy, %s, against the round trip", (runtime, raw) => {
    expect(rawWorker(runtime)).toBe(raw);
    const reports = performanceTargets(
      results(
        [
          roundTrip(five(0.05)),
          // Where the raw worker is not `worker`, a `worker` cell (the runtime's Web Worker) is not judged.
          ...(raw === 'worker' ? [] : [noop('worker', 1, five(200))]),
          noop(raw, 1, five(120)),
          noop(`${raw}-pipelined`, 1, five(20)),
        ],
        runtime,
      ),
    );
    expect(verdicts(reports).slice(0, 2)).toEqual([
      [
        'worker-dispatch',
        'pass',
        0.06 / 0.05,
        '0.0600 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 5)',
      ],
      [
        'worker-pipelined',
        'pass',
        0.01 / 0.05,
        '0.0100 ms per task at concurrency 1, round trip 0.0500 ms (p10 of 5)',
      ],
    ]);
    expect(reports[0]?.name).toBe(`${raw} per task on noop (low end) / round trip beside it (low end)`);
  });
});
