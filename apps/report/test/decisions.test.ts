import { describe, expect, it } from 'vitest';
import { verdictLine, verdictWord } from '../src/report/render/rows.js';
import { around, wide } from './_fixtures.js';
import { buildReport, type CellSpec, explain, type Report } from './_report.js';

const primes = (
  strategy: string,
  concurrency: number,
  samples: number[],
  extra: Partial<CellSpec> = {},
): CellSpec => ({
  workload: 'primes',
  strategy,
  concurrency,
  samples,
  ...extra,
});

const library = (name: string) => ({
  options: { library: name, version: '1.0.0', inFlight: 'one-per-worker' },
});

function decided(...specs: CellSpec[]): ReturnType<typeof explain> {
  const report: Report = buildReport([specs]);
  const [decision] = report.decisions;
  if (!decision) throw new Error('no decision');
  return explain(decision);
}

describe("what to use, by core's decision rule", () => {
  it('a clear winner: hyperfine’s sentence with its CI', () => {
    const text = decided(
      primes('sequential', 1, around(200)),
      primes('worker', 2, around(100)),
      primes('piscina', 2, around(130), library('piscina')),
    );
    expect(text).toMatchObject({
      verdict: 'wins',
      pick: 'worker@2',
      family: 'threads',
      equivalents: [],
      undecided: [],
      why: 'every other cell is more than 5% slower (95% CI)',
    });
    expect(text.speed).toMatch(/^worker@2 ran 2\.00 ± 0\.0\d times faster than sequential$/);
  });

  it('a tie: the tie-break picks the built-in, and a shared family makes the headline', () => {
    const text = decided(
      primes('sequential', 1, around(200)),
      primes('worker', 2, around(101), {
        options: { library: 'node:worker_threads', inFlight: 'one-per-worker' },
      }),
      primes('piscina', 2, around(100), library('piscina')),
    );
    expect(text).toMatchObject({
      verdict: 'tie',
      pick: 'worker@2',
      equivalents: ['piscina@2'],
      headline: 'worker threads at N = 2 (= cores); the library does not matter',
      why: '2 cells within 5% of the fastest; worker@2: built in rather than a library',
    });
  });

  it('tie: a library not yet told apart from the worker, which the tie-break prefers however it settles', () => {
    // piscina 3% slower, its ±6% spread too wide to call it within 5%, too narrow to make it 5% faster.
    const text = decided(
      primes('sequential', 1, around(200)),
      primes('worker', 2, around(100, 16)),
      primes('piscina', 2, wide(103, 0.06, 16), library('piscina')),
    );
    expect(text).toMatchObject({
      verdict: 'tie',
      pick: 'worker@2',
      equivalents: [],
      undecided: ['piscina@2'],
      why: 'worker@2: built in rather than a library; not yet told apart within 5%: piscina@2 (the pick is at most 5% slower than each, and the stated tie-break does not prefer them)',
    });
    expect(text).not.toHaveProperty('settle');
  });

  it('provisional: the cells not yet told apart, and how many samples would settle it', () => {
    const text = decided(
      primes('sequential', 1, around(200)),
      primes('worker', 2, wide(100, 0.1)),
      primes('piscina', 2, wide(104, 0.1), library('piscina')),
    );
    expect(text.verdict).toBe('provisional');
    expect(text.undecided).toEqual(['piscina@2']);
    expect(text.settle).toMatch(/^about \d+ samples per cell would settle it$/);
    expect(Number(text.settle?.match(/\d+/)?.[0])).toBeGreaterThan(8);
  });

  it('provisional with the family settled: no undecided cell is of a cheaper family than the fastest', () => {
    const specs = [
      primes('sequential', 1, around(200)),
      primes('worker', 2, wide(100, 0.1)),
      primes('process', 2, wide(104, 0.1), { family: 'processes' }),
    ];
    const text = decided(...specs);
    expect(text).toMatchObject({ verdict: 'provisional', pick: 'worker@2', undecided: ['process@2'] });
    expect(text.familySettled).toBe('worker threads');
    expect(text.why).toMatch(/; the family is settled \(worker threads, however they settle\)$/);
    expect(verdictLine(text)).toBe(
      'provisional (family settled: worker threads); not yet told apart: process@2',
    );
    expect(verdictWord(text)).toBe('provisional (family settled)');
  });

  it('provisional with the family open: an undecided cell of a cheaper family could still take the tie', () => {
    const text = decided(primes('sequential', 1, wide(100, 0.1)), primes('worker', 2, wide(97, 0.1)));
    expect(text.verdict).toBe('provisional');
    expect(text).not.toHaveProperty('familySettled');
    expect(verdictWord(text)).toBe('provisional');
  });

  it('a provisional sequential pick says how much faster the fastest ran, not "nothing faster"', () => {
    const text = decided(primes('sequential', 1, wide(100, 0.1)), primes('worker', 2, wide(97, 0.1)));
    expect(text).toMatchObject({
      verdict: 'provisional',
      pick: 'sequential@1',
      equivalents: [],
      undecided: ['worker@2'],
    });
    expect(text.speed).toMatch(
      /^sequential@1 for now: worker@2 ran 1\.03 ± 0\.\d\d times faster than sequential@1, not yet told apart within 5%$/,
    );
  });

  it('none: under-sampled cells are kept out, and the answer says why', () => {
    const text = decided(primes('sequential', 1, around(200, 3)), primes('worker', 2, around(100, 3)));
    expect(text).toMatchObject({
      verdict: 'none',
      speed: 'none: 2 cells kept out',
      excluded: ['sequential@1: under-sampled (n=3, needs 5)', 'worker@2: under-sampled (n=3, needs 5)'],
    });
  });

  it('reads families from the cells: a runner’s new name needs no table', () => {
    const text = decided(
      primes('sequential', 1, around(200)),
      primes('gpu-offload', 2, around(50), { family: 'gpu' }),
    );
    expect([text.pick, text.family]).toEqual(['gpu-offload@2', 'gpu']);
  });
});

describe('the answer per kind of work', () => {
  it('takes the family picked for most workloads, shown on its typical workload, and names the others', () => {
    const work = (workload: string, parallel: number): CellSpec[] => [
      { workload, strategy: 'sequential', samples: around(200) },
      { workload, strategy: 'worker', concurrency: 2, samples: around(parallel) },
    ];
    const report = buildReport([
      [...work('a', 100), ...work('b', 125), ...work('c', 180), ...work('d', 400)],
    ]);
    const [cpu] = report.answers;
    expect(cpu?.family).toBe('threads');
    expect(cpu?.agreeing.map((item) => item.decision.group)).toEqual(['a', 'b', 'c']);
    expect(cpu?.typical?.decision.group).toBe('b');
    expect(cpu?.others).toEqual([{ family: 'sequential', groups: ['d'] }]);
  });

  it('answers database queries and serving HTTP on rows of their own, by the services their cells need', () => {
    const io = (workload: string, services?: CellSpec['services']): CellSpec[] =>
      ['sequential', 'async'].map((strategy, i) => ({
        workload,
        kind: 'io' as const,
        ...(services ? { services } : {}),
        strategy,
        concurrency: i === 0 ? 1 : 10,
        samples: around(i === 0 ? 500 : 60),
      }));
    const report = buildReport([
      [...io('sleep'), ...io('db', ['database']), ...io('serve', ['load-generator'])],
    ]);
    expect(
      report.answers.map((answer) => [answer.kind, answer.workloads.map((w) => w.decision.workload)]),
    ).toEqual([
      ['io', ['sleep']],
      ['database', ['db']],
      ['serve', ['serve']],
    ]);
  });

  it('says why a kind of work was not measured when every cell of it is unsupported here', async () => {
    const { answerText } = await import('../src/report/render/rows.js');
    const why = 'a web page has no TCP sockets, so it cannot query PostgreSQL';
    const report = buildReport([
      [
        ...['sequential', 'async'].map((strategy, i) => ({
          workload: 'db',
          kind: 'io' as const,
          services: ['database'] as CellSpec['services'],
          strategy,
          concurrency: i === 0 ? 1 : 10,
          status: 'unsupported' as const,
          reason: why,
        })),
        ...['sequential', 'async'].map((strategy, i) => ({
          workload: 'sleep',
          kind: 'io' as const,
          strategy,
          concurrency: i === 0 ? 1 : 10,
          samples: around(i === 0 ? 500 : 60),
        })),
      ],
    ]);
    const database = report.answers.find((answer) => answer.kind === 'database');
    expect(database?.unsupported).toBe(why);
    expect(answerText(database as NonNullable<typeof database>)).toMatchObject({
      family: 'unsupported here',
      agreement: why,
    });
    expect(report.answers.find((answer) => answer.kind === 'io')?.unsupported).toBeUndefined();
  });
});
