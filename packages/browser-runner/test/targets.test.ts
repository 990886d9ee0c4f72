import { type Cell, createResults, type Results, summarize } from '@paralab/core';
import { describe, expect, it } from 'vitest';
import { browserTargets } from '../src/targets.js';

const machine = {
  os: 'linux',
  arch: 'x64',
  cpuModel: 'test',
  logicalCores: 2,
  availableParallelism: 2,
  totalMemory: 2 ** 33,
};

function cell(
  id: string,
  strategy: string,
  concurrency: number,
  median: number,
  extra: Partial<Cell> = {},
): Cell {
  const [workload = '', params = ''] = id.split(/[()]/);
  const samples = [median, median, median];
  const { n: _n, ...stats } = summarize(samples);
  return {
    id: `${id}/${strategy}@${concurrency}`,
    workload,
    kind: 'io',
    strategy,
    family: ['sequential', 'async'].includes(strategy) ? strategy : 'threads',
    concurrency,
    params: Object.fromEntries(
      params
        .split(',')
        .filter(Boolean)
        .map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]),
    ),
    options: {},
    status: 'ok',
    samples,
    warmups: [],
    tasksPerSample: 100,
    stats,
    flags: [],
    ...extra,
  };
}

const results = (cells: Cell[]): Results =>
  createResults({
    toolVersion: '0',
    runtime: { name: 'chromium', version: '156' },
    machine,
    timer: { source: 'test', resolutionMs: 0.005 },
    startedAt: new Date(0),
    complete: true,
    profile: 'default',
    seed: 1,
    cells,
  });

const target = (all: Results, id: string) => browserTargets(all).find((t) => t.id === id);

describe('browser targets', () => {
  it('judges async on http against the floor of 6 connections per host, not one latency', () => {
    const at = (ms: number) => results([cell('http(latencyMs=50,requests=100)', 'async', 100, ms)]);
    expect(target(at(900), 'io-async-browser')).toMatchObject({ status: 'pass', ratio: 900 / 850 });
    expect(target(at(1200), 'io-async-browser')).toMatchObject({
      status: 'fail',
      detail: 'median 1200 ms, floor 17 × 50 ms = 850 ms',
    });
    expect(target(results([]), 'io-async-browser')?.status).toBe('not-measured');
    expect(browserTargets(at(900)).map((t) => t.id)).not.toContain('io-async');
  });

  it('judges the main thread free when workers keep its worst delay under half a CPU task', () => {
    const blocking = (workerMax: number) =>
      results([
        cell('blocking(timers=40)', 'sequential', 1, 450, {
          metrics: { eventLoopDelay: { p50Ms: 0.1, p99Ms: 20, maxMs: 20 } },
        }),
        cell('blocking(timers=40)', 'worker', 10, 55, {
          metrics: { eventLoopDelay: { p50Ms: 0.1, p99Ms: 3, maxMs: workerMax } },
        }),
      ]);
    expect(target(blocking(5.7), 'main-thread-free')).toMatchObject({ status: 'pass', ratio: 5.7 / 20 });
    expect(target(blocking(15), 'main-thread-free')).toMatchObject({
      status: 'fail',
      detail: 'worker 15.0 ms, sequential 20.0 ms',
    });
    expect(target(results([]), 'main-thread-free')?.status).toBe('not-measured');
  });

  it('keeps the shared targets, then its own', () => {
    expect(browserTargets(results([])).map((t) => t.id)).toEqual([
      'worker-dispatch',
      'worker-pipelined',
      'cpu-speedup',
      'io-async-browser',
      'main-thread-free',
    ]);
  });
});
