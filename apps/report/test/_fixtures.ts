import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cell, createResults, type MachineInfo, type Results, speedup, summarize } from '@paralab/core';

/** Small fixed deviations: samples of a cell are `median × (1 + offset)`, so every answer is known. */
const OFFSETS = [-0.01, 0.004, -0.003, 0.008, 0, -0.006, 0.002, 0.005];

/** Eight samples around `median`, spread by ±1%. */
export function around(median: number, n = 8): number[] {
  return Array.from(
    { length: n },
    (_, i) => median * (1 + (OFFSETS[i % OFFSETS.length] as number) * (1 + Math.floor(i / 8) / 10)),
  );
}

/** Samples spread by ±`spread` (a fraction) around `median`: wide enough to leave a decision open. */
export function wide(median: number, spread: number, n = 8): number[] {
  return Array.from({ length: n }, (_, i) => median * (1 + spread * ((i / Math.max(1, n - 1)) * 2 - 1)));
}

/** The family each strategy name of these fixtures stands for (test data: a runner records it on the cell). */
const FIXTURE_FAMILIES: Readonly<Record<string, string>> = {
  sequential: 'sequential',
  async: 'async',
  hybrid: 'hybrid',
  process: 'processes',
  'process-cold': 'processes',
  fork: 'processes',
};

/** What a synthetic cell needs; the rest (stats, speedup, throughput) is computed as a runner would. */
export interface CellSpec {
  workload: string;
  kind?: Cell['kind'];
  /** The services the cell's workload needs. */
  services?: Cell['services'];
  strategy: string;
  /** The cell's family; default by strategy name (threads for any name not listed). */
  family?: string;
  concurrency?: number;
  params?: Cell['params'];
  options?: Cell['options'];
  samples?: number[];
  status?: Cell['status'];
  reason?: string;
  flags?: string[];
  startupMs?: number;
  tasksPerSample?: number;
  metrics?: Cell['metrics'];
  tasks?: Cell['tasks'];
}

/** Builds the cells of one file; the speedup of each ok cell is against its group's sequential cell. */
export function cells(specs: readonly CellSpec[]): Cell[] {
  const built = specs.map(toCell);
  for (const cell of built) {
    const base = built.find(
      (other) =>
        other.workload === cell.workload &&
        JSON.stringify(other.params) === JSON.stringify(cell.params) &&
        other.family === 'sequential' &&
        other.status === 'ok',
    );
    if (!base || cell.status !== 'ok' || cell.samples.length === 0) continue;
    if (base === cell) cell.speedup = { ratio: 1, baseline: true };
    else {
      const { ratio, lo, hi } = speedup(base.samples, cell.samples);
      cell.speedup = { ratio, lo, hi };
    }
  }
  return built;
}

function optionsOf(spec: CellSpec, family: string, concurrency: number): Cell['options'] {
  if (spec.options) return spec.options;
  if (family === 'sequential' || family === 'async') return { thread: 'main', inFlight: concurrency };
  return { inFlight: 'one-per-worker' };
}

function toCell(spec: CellSpec): Cell {
  const concurrency = spec.concurrency ?? 1;
  const params = spec.params ?? {};
  const status = spec.status ?? 'ok';
  const family = spec.family ?? FIXTURE_FAMILIES[spec.strategy] ?? 'threads';
  const samples = status === 'ok' ? (spec.samples ?? []) : [];
  const tasksPerSample = spec.tasksPerSample ?? 8;
  const key = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const cell: Cell = {
    id: `${spec.workload}(${key})/${spec.strategy}@${concurrency}`,
    workload: spec.workload,
    kind: spec.kind ?? 'cpu',
    ...(spec.services ? { services: spec.services } : {}),
    strategy: spec.strategy,
    family,
    concurrency,
    params,
    options: optionsOf(spec, family, concurrency),
    status,
    ...(spec.reason ? { reason: spec.reason } : {}),
    samples,
    warmups: samples.slice(0, 1),
    tasksPerSample,
    ...(spec.startupMs !== undefined ? { startupMs: spec.startupMs } : {}),
    ...(spec.metrics ? { metrics: spec.metrics } : {}),
    ...(spec.tasks ? { tasks: spec.tasks } : {}),
    flags: spec.flags ?? [],
  };
  if (status === 'ok' && samples.length > 0) {
    const { n: _n, ...stats } = summarize(samples);
    cell.stats = stats;
    cell.throughput = (tasksPerSample * 1000) / stats.median;
  }
  return cell;
}

/** Machine A: 2 cores. */
export const MACHINE_A: MachineInfo = {
  os: 'linux',
  arch: 'x64',
  cpuModel: 'Test CPU A',
  logicalCores: 2,
  availableParallelism: 2,
  totalMemory: 8 * 2 ** 30,
};

/** Machine B, another fingerprint: 4 cores. */
export const MACHINE_B: MachineInfo = {
  ...MACHINE_A,
  cpuModel: 'Test CPU B',
  logicalCores: 4,
  availableParallelism: 4,
};

const VERSIONS: Readonly<Record<string, string>> = {
  node: '20.20.2',
  bun: '1.4.5',
  chromium: '156.0.8078.114',
};

/** A results file of synthetic cells. */
export function resultsOf(runtime: string, machine: MachineInfo, cellList: Cell[]): Results {
  return createResults({
    toolVersion: '0.1.0',
    runtime: { name: runtime, version: VERSIONS[runtime] ?? '1.0.0' },
    machine,
    timer: { source: 'performance.now', resolutionMs: 0.0002 },
    startedAt: new Date('2026-01-02T03:04:05.000Z'),
    finishedAt: new Date('2026-01-02T03:05:05.000Z'),
    complete: true,
    profile: 'quick',
    seed: 1,
    cells: cellList,
  });
}

/** The workload name that must show as text, never run: a script, quotes, an ampersand and unicode. */
export const EVIL = `<script>alert("x")</script>'&é✓`;

/** A reason that tries to close its element and run code. */
export const EVIL_REASON = `</td><img src=x onerror=alert(2)> needs <worker_threads> & "quotes"`;

const PRIMES = { list: 'balanced' } as const;

/** Primes on node, machine A: piscina@2 and worker@2 tie (threads), the rest clearly slower. */
function nodePrimes(): CellSpec[] {
  return [
    { workload: 'primes', params: PRIMES, strategy: 'sequential', samples: around(200) },
    { workload: 'primes', params: PRIMES, strategy: 'async', concurrency: 2, samples: around(201) },
    {
      workload: 'primes',
      params: PRIMES,
      strategy: 'worker',
      concurrency: 2,
      samples: around(101),
      startupMs: 40,
      options: { library: 'node:worker_threads', inFlight: 'one-per-worker' },
    },
    {
      workload: 'primes',
      params: PRIMES,
      strategy: 'piscina',
      concurrency: 2,
      samples: around(100),
      startupMs: 50,
      options: { library: 'piscina', version: '5.3.2', inFlight: 'one-per-worker' },
    },
    {
      workload: 'primes',
      params: PRIMES,
      strategy: 'piscina',
      concurrency: 4,
      samples: around(110),
      startupMs: 90,
      flags: ['oversubscribed'],
      options: { library: 'piscina', version: '5.3.2', inFlight: 'one-per-worker' },
    },
  ];
}

/** Node on machine A: a tie, clear winners, C1's API calls, the evil workload with failed cells, floors. */
export function nodeA(): Results {
  const sleep = { workload: 'sleep', kind: 'io' as const, params: { tasks: 20 }, tasksPerSample: 20 };
  const evil = { workload: EVIL, kind: 'mixed' as const };
  const http = {
    workload: 'http',
    kind: 'io' as const,
    params: { requests: 50, latencyMs: 20 },
    tasksPerSample: 50,
  };
  const floor = (probe: string, strategy: string, median: number, n = 24): CellSpec => ({
    workload: 'calibration',
    kind: 'calibration',
    family: 'calibration',
    params: { probe },
    strategy,
    samples: around(median, n),
    tasksPerSample: 1,
  });
  return resultsOf('node', MACHINE_A, [
    ...cells(nodePrimes()),
    ...cells([
      { ...sleep, strategy: 'sequential', samples: around(200) },
      {
        ...sleep,
        strategy: 'async',
        concurrency: 10,
        samples: around(20),
        metrics: { peakRssBytes: 60 * 2 ** 20, eventLoopDelay: { p50Ms: 0.5, p99Ms: 2 } },
      },
      {
        ...sleep,
        strategy: 'piscina',
        concurrency: 10,
        samples: around(30),
        startupMs: 200,
        flags: ['oversubscribed'],
        metrics: { peakRssBytes: 90 * 2 ** 20, utilization: 0.4 },
      },
    ]),
    ...cells([
      { ...http, strategy: 'sequential', samples: around(1000) },
      { ...http, strategy: 'async', concurrency: 10, samples: around(105) },
      { ...http, strategy: 'worker', concurrency: 10, samples: around(150), startupMs: 300 },
    ]),
    ...cells([
      { ...evil, strategy: 'sequential', samples: around(50) },
      { ...evil, strategy: 'async', concurrency: 2, samples: around(50.5) },
      {
        ...evil,
        strategy: 'worker',
        concurrency: 2,
        status: 'errored',
        reason: 'worker exited with code 1',
      },
      { ...evil, strategy: 'piscina', concurrency: 2, status: 'unsupported', reason: EVIL_REASON },
      {
        ...evil,
        strategy: 'workerpool',
        concurrency: 2,
        status: 'invalid',
        reason: 'task 3: expected true, got false',
      },
    ]),
    ...cells([
      floor('worker-startup', 'worker_threads', 20),
      floor('message-roundtrip', 'worker_threads', 0.056),
    ]),
  ]);
}

/** Bun on machine A: primes only; its sequential is clearly faster than node's. */
export function bunA(): Results {
  return resultsOf(
    'bun',
    MACHINE_A,
    cells([
      { workload: 'primes', params: PRIMES, strategy: 'sequential', samples: around(180) },
      { workload: 'primes', params: PRIMES, strategy: 'async', concurrency: 2, samples: around(181) },
      {
        workload: 'primes',
        params: PRIMES,
        strategy: 'worker',
        concurrency: 2,
        samples: around(140),
        startupMs: 10,
      },
      {
        workload: 'primes',
        params: PRIMES,
        strategy: 'piscina',
        concurrency: 2,
        samples: around(100.1),
        startupMs: 12,
      },
    ]),
  );
}

/** Node on machine B (4 cores). */
export function nodeB(): Results {
  return resultsOf(
    'node',
    MACHINE_B,
    cells([
      { workload: 'primes', params: PRIMES, strategy: 'sequential', samples: around(400) },
      { workload: 'primes', params: PRIMES, strategy: 'async', concurrency: 4, samples: around(401) },
      { workload: 'primes', params: PRIMES, strategy: 'piscina', concurrency: 2, samples: around(205) },
      { workload: 'primes', params: PRIMES, strategy: 'piscina', concurrency: 4, samples: around(105) },
    ]),
  );
}

/**
 * A results file as paralab wrote it before cells carried their family (schema version 1): no `family`,
 * and the sequential cell's speedup bootstrapped against itself.
 */
export function asVersion1(results: Results): unknown {
  const json = JSON.parse(JSON.stringify(results));
  json.schemaVersion = 1;
  for (const cell of json.cells) {
    delete cell.family;
    delete cell.tasks;
    if (cell.speedup?.baseline) cell.speedup = { ratio: 1, lo: 0.98, hi: 1.02 };
  }
  return json;
}

/** Writes the fixture files (node A, bun A, node B) to a fresh temporary folder; `v1` writes node A as v1. */
export function writeFixtures(options: { v1?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'paralab-report-'));
  const node = options.v1 ? asVersion1(nodeA()) : nodeA();
  writeFileSync(join(dir, 'a-node.json'), JSON.stringify(node, null, 2));
  writeFileSync(join(dir, 'a-bun.json'), JSON.stringify(bunA(), null, 2));
  writeFileSync(join(dir, 'b-node.json'), JSON.stringify(nodeB(), null, 2));
  return dir;
}
