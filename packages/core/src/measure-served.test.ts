// The loop with batches that are timed and checked elsewhere (`CheckedBatch`, the serving strategies):
// their own time is the sample, a wrong batch makes the cell invalid, their load figures land in
// metrics.serve, and served workloads pair only with serving strategies.
import { describe, expect, it } from 'vitest';
import { type MeasureOptions, measure } from './measure.js';
import type { CellPlan } from './plan.js';
import type { Profile } from './profiles.js';
import { sequential } from './strategies/sequential.js';
import type { CheckedBatch, ServedSample, Strategy } from './strategy.js';
import { type AnyWorkload, defineWorkload, resolveParams } from './workload.js';

const profile: Profile = {
  name: 't',
  warmups: 1,
  maxWarmups: 1,
  minSamples: 3,
  minTimeMs: 0,
  maxSamples: 3,
  targetCiWidth: 1,
  cellBudgetMs: 10_000,
  sampleTimeoutMs: 1_000,
};
const options: MeasureOptions = { profile, seed: 1, availableParallelism: 2, timerResolutionMs: 0 };

/** Four requests whose answers are `a<i>`. */
const answers = defineWorkload({
  id: 'answers',
  kind: 'mixed',
  description: 'answers a<i>',
  params: {},
  prepare: () => [0, 1, 2, 3],
  run: (i: number) => `a${i}`,
  served: { expectedBody: (i: number) => `a${i}` },
});

const plain = defineWorkload({ ...answers, id: 'plain', served: undefined });

const sample = (batch: number): ServedSample => ({
  requestsPerSecond: 4000 / (10 * batch),
  latencyMs: { p50: batch, p90: 2 * batch, p99: 3 * batch, max: 4 * batch, mean: batch },
  serverCpuMs: 5,
  serverRssBytes: 1000 * batch,
  generatorCpuMs: 1,
  generatorEventLoopUtilization: 0.5,
  bytes: 100,
  setupMs: 0.5,
  serverProcesses: 2,
  generator: 'autocannon 9.0.0 on node 20.20.2',
});

/** A serving strategy whose batches are "measured elsewhere" as `batch(n)` says (n counts from 1). */
function served(batch: (n: number) => Omit<CheckedBatch, 'type' | 'checkedBy'>): Strategy {
  return {
    name: 'serve-test',
    description: 'batches checked elsewhere',
    family: 'async',
    serves: true,
    async create() {
      let n = 0;
      return {
        options: { inFlight: 'http' },
        runBatch: async () => {
          throw new Error('a checked batch is run with runChecked');
        },
        runChecked: async () => ({ type: 'checked', checkedBy: 'the test', ...batch(++n) }),
        close: async () => {},
      };
    },
  };
}

const plan = (workload: AnyWorkload, strategy: Strategy): CellPlan => ({
  workload,
  ref: { module: 'test:served', id: workload.id },
  params: resolveParams(workload),
  strategy,
  concurrency: 1,
});

describe('measure with checked batches', () => {
  it('records their own time as the samples and their load figures as metrics.serve', async () => {
    const strategy = served((n) => ({ elapsedMs: 10 * n, right: 4, served: sample(n) }));
    const { cells } = await measure([plan(answers, strategy)], options);
    const cell = cells[0];
    expect([cell?.status, cell?.warmups, cell?.samples, cell?.throughput]).toEqual([
      'ok',
      [10],
      [20, 30, 40],
      4000 / 30,
    ]);
    const serve = cell?.metrics?.serve;
    expect(serve?.samples).toEqual([2, 3, 4].map(sample).map(({ serverProcesses, generator, ...s }) => s));
    expect(serve).toMatchObject({
      requestsPerSecond: 4000 / 30,
      latencyMs: { p50: 3, p90: 6, p99: 9, max: 16 },
      serverCpuMsPerRequest: 15 / 12,
      serverCores: 15 / 90,
      serverPeakRssBytes: 4000,
      serverProcesses: 2,
      generatorCpuMsPerRequest: 3 / 12,
      generatorCores: 3 / 90,
    });
    expect(serve?.source).toMatch(/^autocannon 9\.0\.0 on node 20\.20\.2: /);
  });

  it('makes the cell invalid when a batch was found wrong', async () => {
    const strategy = served((n) =>
      n < 3 ? { elapsedMs: 1, right: 4 } : { elapsedMs: 1, right: 3, wrong: '1 of 4 responses were wrong' },
    );
    const { cells } = await measure([plan(answers, strategy)], options);
    expect([cells[0]?.status, cells[0]?.reason, cells[0]?.samples]).toEqual([
      'invalid',
      'wrong output: 1 of 4 responses were wrong',
      [1],
    ]);
  });

  it('never takes a batch with fewer right outputs than tasks, even with no reason given', async () => {
    const { cells } = await measure(
      [
        plan(
          answers,
          served(() => ({ elapsedMs: 1, right: 2 })),
        ),
      ],
      options,
    );
    expect([cells[0]?.status, cells[0]?.reason]).toEqual([
      'invalid',
      'wrong output: the test found 2 of 4 outputs right, and no reason',
    ]);
  });

  it('pairs served workloads with serving strategies only', async () => {
    const strategy = served(() => ({ elapsedMs: 1, right: 4 }));
    const { cells } = await measure([plan(answers, sequential), plan(plain, strategy)], options);
    expect(cells.map((cell) => [cell.strategy, cell.status, cell.reason])).toEqual([
      [
        'sequential',
        'unsupported',
        'answers is measured as an HTTP server under load: sequential serves no HTTP (use a serving strategy, serve-*)',
      ],
      [
        'serve-test',
        'unsupported',
        'serve-test serves HTTP requests; plain declares no served task (workload.served)',
      ],
    ]);
  });
});
