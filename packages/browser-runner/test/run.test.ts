// End to end in the real Chromium: the runner bundles, serves, launches, measures in the page, and writes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSY_ROUNDTRIP_MS, type Cell, PIPELINED_BUSY_MS, parseResults, type Results } from '@paralab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrowser } from '../src/run.js';
import { statusOf, TEST_PROFILE } from './_helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-browser-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cell = (results: Results, strategy: string, workload?: string): Cell => {
  const found = results.cells.find((c) => c.strategy === strategy && (!workload || c.workload === workload));
  if (!found) throw new Error(`no ${strategy} cell on ${workload ?? 'any workload'}`);
  return found;
};

describe('runBrowser: every strategy in a cross-origin isolated page', () => {
  let results: Results;
  let file: Results;
  beforeAll(async () => {
    const out = join(scratch, 'chromium.json');
    results = await runBrowser({
      workloads: ['primes', 'blur', 'pipeline'],
      strategies: [
        'sequential',
        'async',
        'worker',
        'worker-pipelined',
        'workerpool',
        'transfer',
        'shared',
        'hybrid',
        'process',
      ],
      concurrency: [2],
      params: {
        primes: { list: 'balanced' },
        blur: { images: 2, size: 64 },
        pipeline: { documents: 4, latencyMs: 5, kib: 16, rounds: 2 },
      },
      calibration: true,
      // A generous watchdog: a busy CI machine once held a 1 MiB clone probe's sample past 3 s.
      profile: { ...TEST_PROFILE, sampleTimeoutMs: 15_000 },
      lock: false,
      out,
    });
    file = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
  });

  it('writes a results file that validates, with the browser recorded', () => {
    expect(file.cells.length).toBe(results.cells.length);
    expect(file.runtime.name).toBe('chromium');
    expect(file.runtime.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(file.runtime.crossOriginIsolated).toBe(true);
    expect(file.runtime.userAgent).toMatch(/Chrome\/\d+/);
    expect(file.runtime.hardwareConcurrency).toBeGreaterThanOrEqual(1);
    expect(file.timer.source).toBe('performance.now() in the page (cross-origin isolated)');
    // Cross-origin isolated pages step by 5 µs (100 µs otherwise).
    expect(file.timer.resolutionMs).toBeLessThan(0.05);
    expect(file.complete).toBe(true);
  });

  // The page's clock used to be named in the results (`performance.now() in the page (cross-origin
  // isolated)`); the host now writes `performance.now` for every runtime (packages/host/src/run.ts, the
  // header's `timer`), because a side's identity has no timer source. Kept failing until the lead decides:
  // restore it through `SideIdentity`, or delete this test.
  it("names the page's clock in the results, as before the host/side split", () => {
    expect(file.timer.source).toBe('performance.now() in the page (cross-origin isolated)');
  });

  it('measures every strategy that applies and explains the others', () => {
    const measured = results.cells.filter((c) => c.kind !== 'calibration');
    expect(statusOf({ ...results, cells: measured })).toEqual({
      'primes(list=balanced)/sequential@1': 'ok',
      'primes(list=balanced)/async@2': 'ok',
      'primes(list=balanced)/worker@2': 'ok',
      'primes(list=balanced)/worker-pipelined@2': 'ok',
      'primes(list=balanced)/workerpool@2': 'ok',
      'primes(list=balanced)/transfer@2': 'ok',
      'primes(list=balanced)/shared@2':
        'unsupported: shared needs a workload with a shared-memory form (workload.shared); primes has none',
      'primes(list=balanced)/hybrid@2':
        'unsupported: hybrid needs a workload split into io and cpu phases (workload.split)',
      'primes(list=balanced)/process@2': `unsupported: a web page cannot start processes (there is no child_process or Bun.spawn in a browser): its only parallelism is Web Workers`,
      'blur(images=2,radius=2,size=64)/sequential@1': 'ok',
      'blur(images=2,radius=2,size=64)/async@2': 'ok',
      'blur(images=2,radius=2,size=64)/worker@2': 'ok',
      'blur(images=2,radius=2,size=64)/worker-pipelined@2': 'ok',
      'blur(images=2,radius=2,size=64)/workerpool@2': 'ok',
      'blur(images=2,radius=2,size=64)/transfer@2': 'ok',
      'blur(images=2,radius=2,size=64)/shared@2': 'ok',
      'blur(images=2,radius=2,size=64)/hybrid@2':
        'unsupported: hybrid needs a workload split into io and cpu phases (workload.split)',
      'blur(images=2,radius=2,size=64)/process@2': expect.stringMatching(
        /^unsupported: a web page cannot start processes/,
      ),
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/sequential@1': 'ok',
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/async@2': 'ok',
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/worker@2': 'ok',
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/worker-pipelined@2': 'ok',
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/workerpool@2': 'ok',
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/transfer@2': 'ok',
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/shared@2': expect.stringMatching(
        /^unsupported: shared needs a workload with a shared-memory form/,
      ),
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/hybrid@2': 'ok',
      'pipeline(documents=4,kib=16,latencyMs=5,rounds=2)/process@2': expect.stringMatching(
        /^unsupported: a web page cannot start processes/,
      ),
    });
  });

  it('records what each strategy used', () => {
    expect(cell(results, 'worker', 'primes').options).toEqual({
      library: 'Web Worker',
      api: "new Worker(url, { type: 'module' })",
      inFlight: 'one-per-worker',
      serialization: 'structured-clone',
    });
    expect(cell(results, 'worker-pipelined', 'primes').options.inFlight).toBe('pipelined');
    expect(cell(results, 'workerpool', 'primes').options).toMatchObject({
      library: 'workerpool',
      workerType: 'web',
      version: expect.stringMatching(/^10\./),
    });
    expect(cell(results, 'shared', 'blur').options).toMatchObject({
      serialization: 'shared',
      // core's one shared strategy: the page's main thread awaits with Atomics.waitAsync, as every runtime's.
      completion: 'atomics',
    });
    expect(cell(results, 'transfer', 'blur').options.serialization).toBe('transfer');
    expect(cell(results, 'hybrid', 'pipeline').options).toMatchObject({
      library: 'workerpool',
      ioInFlight: 2,
      poolSize: file.runtime.hardwareConcurrency,
    });
    expect(cell(results, 'shared', 'blur').metrics?.bytesMovedPerSample).toBe(0);
    expect(cell(results, 'worker', 'blur').metrics?.bytesMovedPerSample).toBeGreaterThan(2 * 64 * 64 * 4);
  });

  it('records with every cell its family, and the module it came from as the user would name it', () => {
    const measured = results.cells.filter((c) => c.kind !== 'calibration');
    // Unsupported cells too: what a strategy is travels with its cell.
    expect(Object.fromEntries(measured.map((c) => [c.strategy, c.family]))).toEqual({
      sequential: 'sequential',
      async: 'async',
      worker: 'threads',
      'worker-pipelined': 'threads',
      workerpool: 'threads',
      transfer: 'threads',
      shared: 'threads',
      hybrid: 'hybrid',
      process: 'processes',
    });
    expect(new Set(measured.map((c) => c.module))).toEqual(new Set(['@paralab/core/workloads']));
  });

  it('reads the main thread: blocked under sequential work, free while workers compute', () => {
    const sequential = cell(results, 'sequential', 'primes').metrics;
    const worker = cell(results, 'worker', 'primes').metrics;
    // Each sequential sample runs every prime test in one task on the main thread: the ping waits for all,
    // and every sample is a long task (warm-ups are not counted).
    const blocked = sequential?.eventLoopDelay?.maxMs ?? 0;
    expect(blocked).toBeGreaterThan(50);
    expect(sequential?.longTasks?.count).toBeGreaterThanOrEqual(3);
    // With workers the main thread stays free (bounds loose enough for a machine busy with other tests).
    expect(worker?.eventLoopDelay?.p50Ms).toBeLessThan(blocked / 5);
    expect(worker?.longTasks?.count).toBeLessThan(sequential?.longTasks?.count ?? 0);
    expect(sequential?.heapUsedBytes).toBeGreaterThan(0);
  });

  it("reads the renderer's CPU time, the workers' included", () => {
    const cpu = (strategy: string): number => {
      const metrics = cell(results, strategy, 'primes').metrics;
      return (metrics?.cpuUserMs ?? 0) + (metrics?.cpuSystemMs ?? 0);
    };
    // The same prime tests cost about the same CPU time wherever they run: had only the main thread been
    // counted, the worker cell would read almost none. (Utilization depends on the machine's other load.)
    expect(cpu('sequential')).toBeGreaterThan(100);
    expect(cpu('worker')).toBeGreaterThan(0.6 * cpu('sequential'));
    expect(cpu('workerpool')).toBeGreaterThan(0.6 * cpu('sequential'));
    expect(cell(results, 'sequential', 'primes').metrics?.utilization).toBeLessThan(1.3);
    expect(cell(results, 'worker', 'primes').metrics?.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
  });

  it('calibrates the floors of a page', () => {
    const floors = results.cells.filter((c) => c.kind === 'calibration');
    const ids = floors.map(
      (c) =>
        `${c.params.probe}${c.params.type ? `/${c.params.type}` : ''}${c.params.mode ? `/${c.params.mode}/${c.params.bytes}` : ''}${c.params.busyMs ? `/${c.params.busyMs}` : ''}`,
    );
    expect(ids).toEqual([
      'timer-resolution',
      'worker-startup/module',
      'worker-startup/classic',
      'message-roundtrip',
      ...BUSY_ROUNDTRIP_MS.map((ms) => `busy-roundtrip/${ms}`),
      ...PIPELINED_BUSY_MS.map(() => 'pipelined-busy'),
      'payload-roundtrip/clone/1024',
      'payload-roundtrip/transfer/1024',
      'payload-roundtrip/clone/65536',
      'payload-roundtrip/transfer/65536',
      'payload-roundtrip/clone/1048576',
      'payload-roundtrip/transfer/1048576',
      'payload-roundtrip/clone/16777216',
      'payload-roundtrip/transfer/16777216',
      'fetch-roundtrip',
    ]);
    for (const floor of floors) expect(floor.status, `${floor.id}: ${floor.reason}`).toBe('ok');
    expect(floors.every((c) => c.strategy === 'web-worker' || ['timer', 'fetch'].includes(c.strategy))).toBe(
      true,
    );
  });
});

describe('runBrowser: I/O from a page', () => {
  it('fetches from the loopback latency server and writes files on the origin private file system', async () => {
    const results = await runBrowser({
      workloads: ['http', 'file'],
      strategies: ['sequential', 'async', 'worker'],
      concurrency: [4],
      params: { http: { requests: 12, latencyMs: 20 }, file: { files: 8, kib: 16 } },
      profile: TEST_PROFILE,
      lock: false,
    });
    expect(statusOf(results)).toEqual({
      'http(latencyMs=20,requests=12)/sequential@1': 'ok',
      'http(latencyMs=20,requests=12)/async@4': 'ok',
      'http(latencyMs=20,requests=12)/worker@4': 'ok',
      'file(files=8,kib=16)/sequential@1': 'ok',
      'file(files=8,kib=16)/async@4': 'ok',
      'file(files=8,kib=16)/worker@4': 'ok',
    });
    expect(cell(results, 'async', 'file').module).toBe('@paralab/browser-runner/workloads');
    // Twelve requests of 20 ms one after another cannot take less than 240 ms; four at a time, 60 ms.
    expect(cell(results, 'sequential', 'http').stats?.min).toBeGreaterThan(240);
    expect(cell(results, 'async', 'http').stats?.median).toBeLessThan(
      cell(results, 'sequential', 'http').stats?.median ?? 0,
    );
  });
});
