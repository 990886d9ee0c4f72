import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cell, createResults, type MachineInfo, type Results, speedup, summarize } from '@paralab/core';

/** Small fixed deviations: samples of a cell are `median × (1 + offset)`, so every answer is known. */
const OFFSETS = [-0.01, 0.004, -0.003, 0.008, 0, -0.006, 0.002, 0.005];

/** Eight samples around `median`, spread by ±1%. */
export function around(median: number): number[] {
  return OFFSETS.map((offset) => median * (1 + offset));
}

/** What a synthetic cell needs; the rest (stats, speedup, throughput) is computed as a runner would. */
export interface CellSpec {
  workload: string;
  kind?: Cell['kind'];
  strategy: string;
  concurrency?: number;
  params?: Cell['params'];
  samples?: number[];
  status?: Cell['status'];
  reason?: string;
  flags?: string[];
  startupMs?: number;
  tasksPerSample?: number;
}

/** Builds the cells of one file; the speedup of each ok cell is against its group's sequential cell. */
export function cells(specs: readonly CellSpec[]): Cell[] {
  const built = specs.map(toCell);
  for (const cell of built) {
    const base = built.find(
      (other) => other.workload === cell.workload && other.strategy === 'sequential' && other.status === 'ok',
    );
    if (base && cell.status === 'ok') {
      const { ratio, lo, hi } = speedup(base.samples, cell.samples);
      cell.speedup = { ratio, lo, hi };
    }
  }
  return built;
}

function toCell(spec: CellSpec): Cell {
  const concurrency = spec.concurrency ?? 1;
  const params = spec.params ?? {};
  const status = spec.status ?? 'ok';
  const samples = status === 'ok' ? (spec.samples ?? []) : [];
  const tasksPerSample = spec.tasksPerSample ?? 8;
  const cell: Cell = {
    id: `${spec.workload}(${Object.entries(params)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')})/${spec.strategy}@${concurrency}`,
    workload: spec.workload,
    kind: spec.kind ?? 'cpu',
    strategy: spec.strategy,
    concurrency,
    params,
    options:
      spec.strategy === 'sequential' || spec.strategy === 'async'
        ? { thread: 'main', inFlight: concurrency }
        : { inFlight: 'one-per-worker' },
    status,
    ...(spec.reason ? { reason: spec.reason } : {}),
    samples,
    warmups: samples.slice(0, 1),
    tasksPerSample,
    ...(spec.startupMs !== undefined ? { startupMs: spec.startupMs } : {}),
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

/** A results file of synthetic cells. */
export function resultsOf(runtime: string, machine: MachineInfo, cellList: Cell[]): Results {
  return createResults({
    toolVersion: '0.1.0',
    runtime: { name: runtime, version: runtime === 'node' ? '20.20.2' : '1.4.5' },
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

/** The workload name that must show as text, never run. */
export const EVIL = '<script>alert(1)</script>';

const PRIMES = { list: 'balanced' } as const;

/** Node on machine A: a clear winner, a tie, C1's API calls, the evil workload with failed cells, floors. */
export function nodeA(): Results {
  return resultsOf('node', MACHINE_A, [
    ...cells([
      { workload: 'primes', params: PRIMES, strategy: 'sequential', samples: around(200) },
      { workload: 'primes', params: PRIMES, strategy: 'async', concurrency: 2, samples: around(201) },
      {
        workload: 'primes',
        params: PRIMES,
        strategy: 'worker',
        concurrency: 2,
        samples: around(150),
        startupMs: 40,
      },
      {
        workload: 'primes',
        params: PRIMES,
        strategy: 'piscina',
        concurrency: 2,
        samples: around(100),
        startupMs: 50,
      },
      {
        workload: 'primes',
        params: PRIMES,
        strategy: 'piscina',
        concurrency: 4,
        samples: around(110),
        startupMs: 90,
        flags: ['oversubscribed'],
      },
    ]),
    ...cells([
      {
        workload: 'sleep',
        kind: 'io',
        params: { tasks: 20 },
        strategy: 'sequential',
        samples: around(200),
        tasksPerSample: 20,
      },
      {
        workload: 'sleep',
        kind: 'io',
        params: { tasks: 20 },
        strategy: 'async',
        concurrency: 10,
        samples: [20, 20.2, 20.4, 20.6, 20.8, 21, 21.2, 21.4],
        tasksPerSample: 20,
      },
      {
        workload: 'sleep',
        kind: 'io',
        params: { tasks: 20 },
        strategy: 'piscina',
        concurrency: 10,
        samples: [20.1, 20.3, 20.5, 20.7, 20.9, 21.1, 21.3, 21.5],
        tasksPerSample: 20,
        startupMs: 200,
        flags: ['oversubscribed'],
      },
    ]),
    ...cells([
      {
        workload: 'http',
        kind: 'io',
        params: { requests: 50, latencyMs: 20 },
        strategy: 'sequential',
        samples: around(1000),
        tasksPerSample: 50,
      },
      {
        workload: 'http',
        kind: 'io',
        params: { requests: 50, latencyMs: 20 },
        strategy: 'async',
        concurrency: 10,
        samples: around(105),
        tasksPerSample: 50,
      },
      {
        workload: 'http',
        kind: 'io',
        params: { requests: 50, latencyMs: 20 },
        strategy: 'worker',
        concurrency: 10,
        samples: around(150),
        tasksPerSample: 50,
        startupMs: 300,
      },
    ]),
    ...cells([
      { workload: EVIL, strategy: 'sequential', samples: around(50) },
      { workload: EVIL, strategy: 'async', concurrency: 2, samples: around(50.5) },
      {
        workload: EVIL,
        strategy: 'worker',
        concurrency: 2,
        status: 'errored',
        reason: 'worker exited with code 1',
      },
      {
        workload: EVIL,
        strategy: 'piscina',
        concurrency: 2,
        status: 'unsupported',
        reason: 'piscina needs <worker_threads>',
      },
      {
        workload: EVIL,
        strategy: 'workerpool',
        concurrency: 2,
        status: 'invalid',
        reason: 'task 3: expected true, got false',
      },
    ]),
    ...cells([
      {
        workload: 'calibration',
        params: { probe: 'worker-startup' },
        strategy: 'worker',
        samples: around(20),
        tasksPerSample: 1,
      },
      {
        workload: 'calibration',
        params: { probe: 'message-roundtrip' },
        strategy: 'worker',
        samples: around(5.6),
        tasksPerSample: 100,
      },
    ]),
  ]);
}

/** Bun on machine A: primes only, one cell indistinguishable from node's. */
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

/** Metrics the runners will add: peak RSS on node A's sleep cells (async lightest), by cell id. */
export const METRICS: Readonly<Record<string, unknown>> = {
  'sleep(tasks=20)/async@10': {
    peakRssBytes: 60 * 2 ** 20,
    eventLoopDelay: { p50Ms: 0.5, p99Ms: 2, maxMs: 3 },
  },
  'sleep(tasks=20)/piscina@10': {
    peakRssBytes: 90 * 2 ** 20,
    utilization: 0.4,
    eventLoopDelay: { p50Ms: 0.6, p99Ms: 2.5, maxMs: 4 },
  },
};

/** The JSON of a results file with `metrics` added to the cells named in METRICS. */
export function withMetrics(results: Results): unknown {
  const json = JSON.parse(JSON.stringify(results)) as { cells: Array<Record<string, unknown>> };
  for (const cell of json.cells) {
    const metrics = METRICS[String(cell.id)];
    if (metrics) cell.metrics = metrics;
  }
  return json;
}

/** Writes the three fixture files (node A with metrics, bun A, node B) to a fresh temporary folder. */
export function writeFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paralab-report-'));
  writeFileSync(join(dir, 'a-node.json'), JSON.stringify(withMetrics(nodeA()), null, 2));
  writeFileSync(join(dir, 'a-bun.json'), JSON.stringify(bunA(), null, 2));
  writeFileSync(join(dir, 'b-node.json'), JSON.stringify(nodeB(), null, 2));
  return dir;
}
