import { describe, expect, it } from 'vitest';
import type { ClaimAnswer } from '../src/index.js';
import { around, type CellSpec, wide } from './_fixtures.js';
import { buildReport } from './_report.js';
import { rates, servedCell } from './_serve-fixtures.js';

function answer(id: string, specs: CellSpec[]): ClaimAnswer {
  const found = buildReport([specs]).claims.find((claim) => claim.id === id)?.answers[0];
  if (!found) throw new Error(`no answer for ${id}`);
  return found;
}

const summary = (a: ClaimAnswer) => [a.verdict, a.parts.map((p) => `${p.subject}: ${p.verdict}`)];

const cpu = (
  workload: string,
  strategy: string,
  n: number,
  samples: number[],
  extra: Partial<CellSpec> = {},
): CellSpec => ({
  workload,
  strategy,
  concurrency: n,
  samples,
  ...extra,
});

describe('sameness claims hold only with evidence: the CI inside 1 ± 5%', () => {
  it('C4: async gives no benefit when its CI against sequential lies inside the bounds', () => {
    const found = answer('C4', [
      cpu('json', 'sequential', 1, around(200)),
      cpu('json', 'async', 2, around(201)),
      cpu('json', 'worker', 2, around(110)),
    ]);
    expect(summary(found)).toEqual(['holds', ['json: async: holds', 'json: threads: holds']]);
  });

  it('C4: a wide CI is inconclusive, never "holds", and says what would settle it', () => {
    const found = answer('C4', [
      cpu('json', 'sequential', 1, around(200)),
      cpu('json', 'async', 2, wide(200, 0.15)),
    ]);
    expect(summary(found)).toEqual(['inconclusive', ['json: async: inconclusive']]);
    expect(found.parts[0]?.settle).toMatch(
      /^its CI \[0\.\d\d, 1\.\d\d\] must clear 0\.95 or 1\.05: about \d+ samples per cell would settle it$/,
    );
  });

  it('C7: threads and async alike only inside the bounds; a failed test to separate them is not evidence', () => {
    const io = (strategy: string, samples: number[]): CellSpec => ({
      workload: 'sleep',
      kind: 'io',
      strategy,
      concurrency: 10,
      samples,
    });
    expect(summary(answer('C7', [io('async', around(100)), io('worker', around(101))]))).toEqual([
      'holds',
      ['sleep at 10: holds'],
    ]);
    expect(summary(answer('C7', [io('async', wide(100, 0.2)), io('worker', wide(101, 0.2))]))).toEqual([
      'inconclusive',
      ['sleep at 10: inconclusive'],
    ]);
    expect(summary(answer('C7', [io('async', around(100)), io('worker', around(140))]))).toEqual([
      'does not hold',
      ['sleep at 10: does not hold'],
    ]);
  });

  it('C8: more workers than cores do not help only when the oversubscribed cell is shown not faster', () => {
    const at = (over: number[]) => [
      cpu('json', 'sequential', 1, around(200)),
      cpu('json', 'worker', 2, around(100)),
      cpu('json', 'worker', 4, over),
    ];
    expect(summary(answer('C8', at(around(101))))).toEqual(['holds', ['json: holds']]);
    expect(summary(answer('C8', at(around(80))))).toEqual(['does not hold', ['json: does not hold']]);
    expect(summary(answer('C8', at(wide(100, 0.2))))).toEqual(['inconclusive', ['json: inconclusive']]);
  });
});

describe('C12: the advice fails only when the decision rule shows the advised family slower', () => {
  it('holds for a contender, does not hold for a family shown slower, is inconclusive when not told apart', () => {
    const found = answer('C12', [
      cpu('json', 'sequential', 1, around(100)),
      cpu('json', 'worker', 2, around(60)),
      cpu('json', 'process', 2, around(90)),
      cpu('blur', 'sequential', 1, around(100)),
      cpu('blur', 'worker', 2, around(60)),
      cpu('blur', 'process', 2, around(60.3)),
      { workload: 'pipeline', kind: 'mixed', strategy: 'sequential', samples: around(500) },
      { workload: 'pipeline', kind: 'mixed', strategy: 'hybrid', concurrency: 10, samples: wide(150, 0.1) },
      { workload: 'pipeline', kind: 'mixed', strategy: 'async', concurrency: 10, samples: wide(155, 0.1) },
    ]);
    expect(summary(found)).toEqual([
      'partly holds',
      [
        'web scraping (pipeline): inconclusive',
        'data analysis (json): does not hold',
        'video encoding (blur): holds',
      ],
    ]);
    expect(found.parts[0]?.settle).toMatch(/^about \d+ samples per cell would settle it$/);
    expect(found.parts[1]?.numbers).toBe(
      'advice: child processes, shown more than 5% slower than worker@2; the decision rule: worker@2 (wins)',
    );
  });
});

describe('C12 against a tie', () => {
  it('says what would settle the advised family when it is only not yet told apart in a tie', () => {
    // async wins the tie-break over worker threads (the cheaper family) however the worker's ratio settles.
    const found = answer('C12', [
      { workload: 'file', kind: 'io', strategy: 'sequential', samples: around(500) },
      { workload: 'file', kind: 'io', strategy: 'async', concurrency: 10, samples: around(100, 16) },
      { workload: 'file', kind: 'io', strategy: 'worker', concurrency: 10, samples: wide(103, 0.06, 16) },
    ]);
    expect(found.parts.map((p) => [p.subject, p.verdict])).toEqual([
      ['file processing (file)', 'inconclusive'],
      ['batch file I/O (file)', 'inconclusive'],
    ]);
    expect(found.parts[0]?.numbers).toBe(
      'advice: worker threads, not yet told apart from the fastest; the decision rule: async@10 (tie)',
    );
    expect(found.parts[0]?.settle).toMatch(/^about \d+ samples per cell would settle it$/);
  });
});

describe('claims read families from the cells', () => {
  it("C6: Bun's fork and Bun.spawn pools against one process per task, start-up from the floors' low end", () => {
    const floor = (probe: string, strategy: string, samples: number[]): CellSpec => ({
      workload: 'calibration',
      kind: 'calibration',
      family: 'calibration',
      params: { probe },
      strategy,
      samples,
      tasksPerSample: 1,
    });
    const found = answer('C6', [
      cpu('primes', 'sequential', 1, around(200)),
      cpu('primes', 'fork', 2, around(105), { startupMs: 110 }),
      cpu('primes', 'spawn-cold', 2, around(160), {
        family: 'processes',
        options: { inFlight: 'one-process-per-task', startup: 'per-task' },
      }),
      cpu('primes', 'worker-threads', 2, around(100), { startupMs: 40 }),
      floor('spawn', 'bun-spawn', [...around(4, 6), 30]),
      floor('worker-startup', 'worker_threads', [...around(1, 6), 9]),
    ]);
    expect(summary(found)).toEqual([
      'holds',
      ['start-up (calibration floors): holds', 'primes: pool reuse: holds'],
    ]);
    expect(found.parts[0]?.numbers).toMatch(
      /^spawn on bun-spawn 3\.96 ms \(min of 7; fewer than 20, so the minimum; median 4\.00\); worker-startup on worker_threads 0\.99 ms \(min of 7; .*\); worker-startup \(worker_threads\) ran \d\.\d\d ± \d\.\d\d times faster than spawn \(bun-spawn\)$/,
    );
    expect(found.missing).toEqual(['serialization: no ipc-roundtrip and message-roundtrip floors']);
  });

  it("C11: each cell's own memory, async lightest", () => {
    const io = (strategy: string, n: number, deltaBytes: number): CellSpec => ({
      workload: 'sleep',
      kind: 'io',
      strategy,
      concurrency: n,
      samples: around(50),
      metrics: { footprint: { baselineBytes: 1e8, peakBytes: 1e8 + deltaBytes, deltaBytes, source: 'test' } },
    });
    const found = answer('C11', [
      io('async', 10, 2 ** 20),
      io('worker', 10, 40 * 2 ** 20),
      io('fork', 10, 300 * 2 ** 20),
    ]);
    expect(summary(found)).toEqual(['holds', ['sleep: holds']]);
    expect(found.parts[0]?.numbers).toMatch(
      /^each cell's own memory: worker@10 40\.0 MiB against async@10 1\.0 MiB/,
    );
  });

  it('C5: a blocked event loop, from the delay metric', () => {
    const blocking = (strategy: string, median: number, p99Ms: number): CellSpec => ({
      workload: 'blocking',
      kind: 'mixed',
      strategy,
      concurrency: 10,
      samples: around(median),
      metrics: { eventLoopDelay: { p50Ms: 0.1, p99Ms } },
    });
    const found = answer('C5', [blocking('async', 80, 40), blocking('worker', 60, 1.2)]);
    expect(summary(found)).toEqual(['holds', ['blocking at 10: holds']]);
    expect(found.parts[0]?.numbers).toMatch(
      /^event-loop p99 delay 40\.0 ms with async@10, 1\.20 ms with worker@10; worker@10 ran 1\.33 ± 0\.0\d times faster than async@10$/,
    );
  });

  it('C9 and C10: larger tasks and the hybrid, each by the CI against 1.05', () => {
    const sha = (buffers: number, kib: number, median: number) =>
      cpu('sha256', 'piscina', 2, around(median), { params: { buffers, kib } });
    expect(summary(answer('C9', [sha(1024, 16, 300), sha(128, 128, 200), sha(16, 1024, 150)]))).toEqual([
      'holds',
      ['sha256/piscina@2, 16384 KiB in all: holds'],
    ]);
    const pipe = (strategy: string, n: number, median: number): CellSpec => ({
      workload: 'pipeline',
      kind: 'mixed',
      strategy,
      concurrency: n,
      samples: around(median),
    });
    expect(
      summary(
        answer('C10', [
          pipe('sequential', 1, 500),
          pipe('async', 10, 190),
          pipe('worker', 2, 350),
          pipe('hybrid', 10, 150),
        ]),
      ),
    ).toEqual(['holds', ['pipeline: holds']]);
    expect(
      summary(answer('C10', [pipe('sequential', 1, 500), pipe('async', 10, 148), pipe('hybrid', 10, 150)])),
    ).toEqual(['does not hold', ['pipeline: does not hold']]);
  });
});

describe('C12 web server → async: judged on served cells by the decision rule', () => {
  const loop = (cpuMs: number, samples: number[]) =>
    servedCell({ strategy: 'serve-loop', family: 'async', concurrency: 1, cpuMs, rates: samples });
  const many = (strategy: string, family: string, cpuMs: number, samples: number[]) =>
    servedCell({ strategy, family, concurrency: 2, cpuMs, rates: samples });
  const web = (a: ClaimAnswer) => a.parts.filter((p) => p.subject.startsWith('web server'));
  const group = (cpuMs: number) => `web server (serve(connections=16,cpuMs=${cpuMs},requests=400))`;

  it('holds where the loop is the fastest or within 5% of it, does not hold where a cluster is shown faster, else inconclusive', () => {
    const found = answer('C12', [
      // 0 ms: the loop serves 15000/s, the cluster 12000/s: the loop wins.
      loop(0, rates(15000)),
      many('serve-cluster', 'processes', 0, rates(12000)),
      // 0.2 ms: the offloading loop 1% faster than the plain one: equivalent within 5%.
      loop(0.2, rates(4000)),
      many('serve-offload', 'hybrid', 0.2, rates(4040)),
      // 1 ms: the cluster serves 1700/s, the loop 900/s: shown slower.
      loop(1, rates(900)),
      many('serve-cluster', 'processes', 1, rates(1700)),
      // 2 ms: ±15% batches 3% apart: not told apart.
      loop(2, wide(500, 0.15)),
      many('serve-reuseport', 'processes', 2, wide(515, 0.15)),
    ]);
    expect(web(found).map((p) => `${p.subject}: ${p.verdict}`)).toEqual([
      `${group(0)}: holds`,
      `${group(0.2)}: holds`,
      `${group(1)}: does not hold`,
      `${group(2)}: inconclusive`,
    ]);
    expect(web(found)[2]?.numbers).toBe(
      'advice: async on the event loop, shown more than 5% slower than serve-cluster@2; the decision rule: serve-cluster@2 (wins)',
    );
    expect(web(found)[3]?.settle).toMatch(/samples per cell would settle it$/);
    expect(found.missing.some((m) => m.startsWith('web server'))).toBe(false);
  });

  it('without served cells the web server is not measured, and says why', () => {
    const found = answer('C12', [
      cpu('json', 'sequential', 1, around(100)),
      cpu('json', 'worker', 2, around(60)),
    ]);
    expect(found.missing).toContain(
      'web server: no served cells (a workload under the load generator, such as serve) in these results',
    );
  });

  it('a served workload of another name stands for a web server too', () => {
    const own = (spec: ReturnType<typeof loop>): CellSpec => ({ ...spec, workload: 'my-api' });
    const found = answer('C12', [
      own(loop(0, rates(9000))),
      own(many('serve-cluster', 'processes', 0, rates(8000))),
    ]);
    expect(web(found).map((p) => `${p.subject}: ${p.verdict}`)).toEqual([
      'web server (my-api(connections=16,cpuMs=0,requests=400)): holds',
    ]);
  });
});
