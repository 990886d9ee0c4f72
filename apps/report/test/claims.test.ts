import type { Results } from '@paralab/core';
import { describe, expect, it } from 'vitest';
import { buildReport, type ClaimAnswer } from '../src/index.js';
import { around, type CellSpec, cells, MACHINE_A, resultsOf } from './_fixtures.js';

function answer(id: string, specs: CellSpec[], raw?: (results: Results) => unknown): ClaimAnswer {
  const results = resultsOf('node', MACHINE_A, cells(specs));
  const report = buildReport({
    files: [{ path: 'x.json', results, raw: raw ? raw(results) : results }],
    errors: [],
  });
  const found = report.claims.find((claim) => claim.id === id)?.answers[0];
  if (!found) throw new Error(`no answer for ${id}`);
  return found;
}

const summary = (a: ClaimAnswer) => [a.verdict, a.parts.map((p) => `${p.subject}: ${p.verdict}`), a.missing];

describe('claims on the cells of the full Node plan', () => {
  it('C5: a blocked event loop, from the delay metric', () => {
    const blocking = (strategy: string, n: number, median: number): CellSpec => ({
      workload: 'blocking',
      kind: 'mixed',
      strategy,
      concurrency: n,
      params: { timers: 40 },
      samples: around(median),
    });
    const specs = [blocking('sequential', 1, 500), blocking('async', 10, 80), blocking('worker', 10, 60)];
    const lag = (results: Results) => {
      const json = JSON.parse(JSON.stringify(results));
      json.cells[1].metrics = { eventLoopDelay: { p50Ms: 5, p99Ms: 40, maxMs: 45 } };
      json.cells[2].metrics = { eventLoopDelay: { p50Ms: 0.1, p99Ms: 1.2, maxMs: 2 } };
      return json;
    };
    const found = answer('C5', specs, lag);
    expect(summary(found)).toEqual([
      'holds',
      ['blocking(timers=40) at 10: holds'],
      ['no CPU-bound cells in these results'],
    ]);
    const withCpu = answer(
      'C5',
      [
        ...specs,
        { workload: 'json', strategy: 'sequential', samples: around(90) },
        { workload: 'json', strategy: 'async', concurrency: 2, samples: around(91) },
      ],
      lag,
    );
    expect(summary(withCpu)).toEqual(['holds', ['json: holds', 'blocking(timers=40) at 10: holds'], []]);
    expect(withCpu.parts[1]?.numbers).toMatch(
      /^event-loop p99 delay 40\.0 ms with async@10, 1\.20 ms with worker@10; worker@10 is 1\.33× \[/,
    );
  });

  it("C6 on a runtime without processes says so, with the runner's reason", () => {
    const reason = 'a web page cannot start processes';
    const found = answer('C6', [
      { workload: 'primes', strategy: 'sequential', samples: around(200) },
      { workload: 'primes', strategy: 'worker', concurrency: 2, samples: around(100), startupMs: 20 },
      { workload: 'primes', strategy: 'process', concurrency: 2, status: 'unsupported', reason },
    ]);
    expect(summary(found)).toEqual(['not measured here', [], [`processes are unsupported here: ${reason}`]]);
  });

  it('C6: processes start slower than threads, and a warm pool beats one process per task', () => {
    const found = answer('C6', [
      { workload: 'primes', params: { list: 'balanced' }, strategy: 'sequential', samples: around(200) },
      {
        workload: 'primes',
        params: { list: 'balanced' },
        strategy: 'process',
        concurrency: 2,
        samples: around(105),
        startupMs: 110,
      },
      {
        workload: 'primes',
        params: { list: 'balanced' },
        strategy: 'process-cold',
        concurrency: 2,
        samples: around(160),
      },
      {
        workload: 'primes',
        params: { list: 'balanced' },
        strategy: 'piscina',
        concurrency: 2,
        samples: around(100),
        startupMs: 40,
      },
    ]);
    expect(summary(found)).toEqual([
      'holds',
      ['start-up (pool creation): holds', 'primes(list=balanced): pool reuse: holds'],
      ['serialization: no ipc-roundtrip and message-roundtrip floors'],
    ]);
  });

  it('C7: thousands of waits in flight on the event loop against threads', () => {
    const found = answer('C7', [
      {
        workload: 'sleep',
        kind: 'io',
        params: { tasks: 10000 },
        strategy: 'async',
        concurrency: 10000,
        samples: around(60),
      },
      {
        workload: 'sleep',
        kind: 'io',
        params: { tasks: 10000 },
        strategy: 'worker-pipelined',
        concurrency: 2,
        samples: around(90),
      },
    ]);
    expect(summary(found)).toEqual([
      'holds',
      ['sleep(tasks=10000) with 10000 in flight: holds'],
      ['few tasks: no I/O or mixed workload with async and worker/pool cells at the same N ≤ 64'],
    ]);
  });

  it('C9: the same work in fewer, larger tasks', () => {
    const sha = (buffers: number, kib: number, median: number): CellSpec => ({
      workload: 'sha256',
      params: { buffers, kib },
      strategy: 'piscina',
      concurrency: 2,
      samples: around(median),
    });
    const found = answer('C9', [sha(1024, 16, 300), sha(128, 128, 200), sha(16, 1024, 150)]);
    expect(summary(found)).toEqual(['holds', ['sha256/piscina@2, 16384 KiB in all: holds'], []]);
    expect(found.parts[0]?.numbers).toMatch(/^16 × 1024 KiB against 1024 × 16 KiB: piscina@2 is 2\.00× \[/);
  });

  it('C10: hybrid against async alone and a pool alone', () => {
    const pipe = (strategy: string, n: number, median: number): CellSpec => ({
      workload: 'pipeline',
      kind: 'mixed',
      strategy,
      concurrency: n,
      samples: around(median),
    });
    const found = answer('C10', [
      pipe('sequential', 1, 500),
      pipe('async', 10, 190),
      pipe('piscina', 2, 350),
      pipe('hybrid', 10, 150),
    ]);
    expect(summary(found)).toEqual(['holds', ['pipeline: holds'], []]);
    const loses = answer('C10', [
      pipe('sequential', 1, 500),
      pipe('async', 10, 140),
      pipe('hybrid', 10, 150),
    ]);
    expect(summary(loses)).toEqual(['does not hold', ['pipeline: does not hold'], []]);
  });

  it('C12: the selection guide against the decision table', () => {
    const found = answer('C12', [
      { workload: 'pipeline', kind: 'mixed', strategy: 'sequential', samples: around(500) },
      { workload: 'pipeline', kind: 'mixed', strategy: 'async', concurrency: 10, samples: around(190) },
      { workload: 'json', strategy: 'sequential', samples: around(100) },
      { workload: 'json', strategy: 'worker', concurrency: 2, samples: around(60) },
      { workload: 'json', strategy: 'process', concurrency: 2, samples: around(90) },
      { workload: 'blur', strategy: 'sequential', samples: around(100) },
      { workload: 'blur', strategy: 'worker', concurrency: 2, samples: around(60) },
    ]);
    expect(summary(found)).toEqual([
      'partly holds',
      ['web scraping (pipeline): holds', 'data analysis (json): does not hold'],
      [
        'file processing: no file cells in these results',
        'web server: paralab has no server workload',
        'video encoding (blur): the advice is child processes, and no such cell was measured (fastest measured: worker@2 wins)',
        'batch file I/O: no file cells in these results',
      ],
    ]);
  });
});
