import { describe, expect, it } from 'vitest';
import { type BestDecision, type DecideBestOptions, decideBest } from './decide-best.js';
import { createRng } from './random.js';
import type { Cell } from './schema.js';
import { bootstrapRatioCi } from './stats/bootstrap.js';
import { summarize } from './stats/summary.js';

/** n samples around `center`, uniformly within +-rel, from a seeded generator. */
function jitter(seed: number, n: number, center: number, rel: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => center * (1 + rel * (2 * rng() - 1)));
}

/** An ok cell with these samples; `extra` overrides any field. */
function cell(strategy: string, samples: number[], extra: Partial<Cell> = {}): Cell {
  const { n: _n, ...stats } = summarize(samples);
  return {
    id: `w()/${strategy}@${extra.concurrency ?? 2}`,
    workload: 'w',
    kind: 'cpu',
    strategy,
    family: 'threads',
    concurrency: 2,
    params: {},
    options: {},
    status: 'ok',
    samples,
    warmups: [],
    tasksPerSample: 1,
    stats,
    flags: [],
    ...extra,
  };
}

const options: DecideBestOptions = { cores: 2 };
const ratioOf = (a: Cell, b: Cell): ReturnType<typeof bootstrapRatioCi> =>
  bootstrapRatioCi(a.samples, b.samples);

describe('decideBest: a clear win', () => {
  it('names the one contender and says every other cell is worse', () => {
    const pool = cell('piscina', jitter(1, 10, 50, 0.02), { family: 'threads' });
    const seq = cell('sequential', jitter(2, 10, 100, 0.02), { family: 'sequential', concurrency: 1 });
    const async = cell('async', jitter(3, 10, 110, 0.02), { family: 'async' });
    expect(decideBest([seq, async, pool], options)).toEqual({
      verdict: 'wins',
      best: pool,
      contenders: [pool],
      comparisons: [
        { cell: seq, ratio: ratioOf(seq, pool), state: 'worse' },
        { cell: async, ratio: ratioOf(async, pool), state: 'worse' },
      ],
      excluded: [],
      recommendation: { cell: pool, provisional: false, basis: 'fastest' },
      delta: 0.05,
      notes: [],
    } satisfies BestDecision);
  });

  it('calls a lone eligible cell the winner, with a note', () => {
    const only = cell('async', jitter(1, 10, 5, 0.02));
    const few = cell('worker', [1, 1.1, 1.2]);
    expect(decideBest([only, few], options)).toEqual({
      verdict: 'wins',
      best: only,
      contenders: [only],
      comparisons: [],
      excluded: [{ cell: few, reason: 'under-sampled (n=3, needs 5)' }],
      recommendation: { cell: only, provisional: false, basis: 'fastest' },
      delta: 0.05,
      notes: ['only one eligible cell: nothing to compare it with'],
    });
  });
});

describe('decideBest: a three-way tie, broken step by step', () => {
  // The same 20 samples (+-1%) scaled by 1, 1.003 and 1.006: every ratio's CI lies well below 1.05.
  const base = jitter(7, 20, 10, 0.01);
  const scaled = (factor: number): number[] => base.map((x) => x * factor);
  const three = (extras: [Partial<Cell>, Partial<Cell>, Partial<Cell>]): Cell[] =>
    ['a', 'b', 'c'].map((name, i) =>
      cell(name, scaled([1, 1.003, 1.006][i] as number), { family: 'threads', ...extras[i] }),
    );

  it.each([
    {
      step: 'family',
      extras: [{ family: 'processes' }, { family: 'threads' }, { family: 'async' }],
      pick: 'c',
    },
    { step: 'cores', extras: [{ concurrency: 4 }, { concurrency: 2 }, { concurrency: 8 }], pick: 'b' },
    {
      step: 'built-in',
      extras: [{ options: { version: '5.0.0' } }, { options: {} }, { options: { version: '1.1.0' } }],
      pick: 'b',
    },
    {
      step: 'memory',
      extras: [
        { metrics: { peakRssBytes: 80e6 } },
        { metrics: { peakRssBytes: 100e6 } },
        { metrics: { peakRssBytes: 50e6 } },
      ],
      pick: 'c',
    },
    {
      step: 'startup',
      // memory within 10% of the lowest counts as equal, so start-up decides
      extras: [
        { metrics: { peakRssBytes: 50e6 }, startupMs: 20 },
        { metrics: { peakRssBytes: 54e6 }, startupMs: 5 },
        { metrics: { peakRssBytes: 52e6 }, startupMs: 30 },
      ],
      pick: 'b',
    },
    { step: 'median', extras: [{}, {}, {}], pick: 'a' },
  ] as const)('$step picks $pick', ({ step, extras, pick }) => {
    const cells = three(extras as unknown as [Partial<Cell>, Partial<Cell>, Partial<Cell>]);
    const decision = decideBest(cells.slice().reverse(), options);
    expect(decision.verdict).toBe('tie');
    expect(decision.best?.strategy).toBe('a');
    expect(decision.contenders.map((c) => c.strategy)).toEqual(['a', 'b', 'c']);
    expect(decision.comparisons.map((c) => c.state)).toEqual(['equivalent', 'equivalent']);
    expect(decision.recommendation).toEqual({
      cell: cells.find((c) => c.strategy === pick),
      provisional: false,
      basis: step,
    });
  });

  it('prefers the memory a cell measured alone (footprint) over the process peak', () => {
    const cells = three([{}, {}, {}]);
    const peaks = [50e6, 80e6, 100e6];
    const own = [9e6, 3e6, 5e6];
    cells.forEach((c, i) => {
      const metrics = {
        peakRssBytes: peaks[i],
        footprint: { baselineBytes: 0, peakBytes: own[i] ?? 0, deltaBytes: own[i] ?? 0, source: 't' },
      };
      c.metrics = metrics;
    });
    expect(decideBest(cells, options).recommendation).toEqual({
      cell: cells[1],
      provisional: false,
      basis: 'memory',
    });
  });

  it('says when every contender shares a family, and not otherwise', () => {
    expect(decideBest(three([{}, {}, {}]), options).familyHeadline).toBe('threads');
    const mixed = decideBest(three([{}, { family: 'processes' }, {}]), options);
    expect(mixed.verdict).toBe('tie');
    expect(mixed).not.toHaveProperty('familyHeadline');
    const unknown = decideBest(
      three([{ family: undefined }, { family: undefined }, { family: undefined }]),
      options,
    );
    expect(unknown).not.toHaveProperty('familyHeadline');
  });
});

/**
 * The fastest at 10 ms (12 samples) and a close cell at 10.4 ms (10 samples), both ±5%, as `[strategy,
 * extra]`: their ratio's CI straddles 1 + delta (checked, the premise), and core's decision on them.
 */
function straddling(fastest: [string, Partial<Cell>], other: [string, Partial<Cell>]) {
  const best = cell(fastest[0], jitter(11, 12, 10, 0.05), fastest[1]);
  const close = cell(other[0], jitter(12, 10, 10.4, 0.05), other[1]);
  const ratio = ratioOf(close, best);
  expect(ratio.lo).toBeLessThan(1.05); // the premise: the CI straddles 1 + delta
  expect(ratio.hi).toBeGreaterThan(1.05);
  return { best, close, ratio, decision: decideBest([close, best], options) };
}

describe('decideBest: undecided cells', () => {
  it('is provisional, with how many samples would settle it, while they could change the pick', () => {
    // The fastest is a library; the built-in worker, which the tie-break prefers, is not yet told apart.
    const { best, close, ratio, decision } = straddling(
      ['piscina', { family: 'threads', options: { version: '5.0.0' } }],
      ['worker', { family: 'threads' }],
    );
    // Half-width on the side facing 1.05 shrinks like 1/sqrt(n) from the harmonic mean of 10 and 12 samples.
    const halfWidth = ratio.ratio > 1.05 ? ratio.ratio - ratio.lo : ratio.hi - ratio.ratio;
    const current = 2 / (1 / 10 + 1 / 12);
    const samples = Math.max(Math.ceil((current * halfWidth ** 2) / (ratio.ratio - 1.05) ** 2), 13);
    expect(samples).toBeLessThan(1000);
    expect(decision).toEqual({
      verdict: 'provisional',
      best,
      contenders: [best, close],
      comparisons: [{ cell: close, ratio, state: 'undecided' }],
      excluded: [],
      recommendation: { cell: close, provisional: true, basis: 'built-in' },
      familyHeadline: 'threads',
      familySettled: 'threads',
      samplesToSettle: { samples, capped: false, cells: [{ cell: close, samples, capped: false }] },
      delta: 0.05,
      notes: [],
    } satisfies BestDecision);
  });

  it('ties when no way the undecided comparison settles changes the pick: built-in over a library', () => {
    const { best, close, ratio, decision } = straddling(
      ['worker', { family: 'threads' }],
      ['piscina', { family: 'threads', options: { version: '5.0.0' } }],
    );
    // Were piscina faster than the worker after all, the worker would stay within 5% of it.
    expect(ratioOf(best, close).hi).toBeLessThan(1.05);
    expect(decision).toEqual({
      verdict: 'tie',
      best,
      contenders: [best, close],
      comparisons: [{ cell: close, ratio, state: 'undecided' }],
      excluded: [],
      recommendation: { cell: best, provisional: false, basis: 'built-in' },
      familyHeadline: 'threads',
      unseparated: [close],
      delta: 0.05,
      notes: [],
    } satisfies BestDecision);
  });

  it('stays provisional when an undecided cell the pick loses to could be more than 5% faster than it', () => {
    // A noisy library cell with a median 3.5% above the worker's: its ratio to it reaches below 1 / 1.05.
    const best = cell('worker', jitter(11, 12, 10, 0.02), { family: 'threads' });
    const wide = cell('piscina', [7, 8, 9, 9.5, 10.3, 10.4, 11, 12, 13, 14], {
      family: 'threads',
      options: { version: '5.0.0' },
    });
    const decision = decideBest([best, wide], options);
    expect(decision.comparisons[0]?.state).toBe('undecided'); // the premises
    expect(ratioOf(best, wide).hi).toBeGreaterThan(1.05);
    expect(decision).toMatchObject({
      verdict: 'provisional',
      recommendation: { cell: best, provisional: true },
    });
    expect(decision).not.toHaveProperty('unseparated');
  });

  it('keeps a cell whose ratio is above 1 + delta while its CI still reaches below it', () => {
    // The fastest a library, so the built-in worker would take the pick were it equivalent.
    const best = cell('piscina', jitter(21, 8, 10, 0.1), { options: { version: '5.0.0' } });
    const slower = cell('worker', jitter(22, 8, 10.8, 0.1));
    const ratio = ratioOf(slower, best);
    expect(ratio.ratio).toBeGreaterThan(1.05); // the premise
    expect(ratio.lo).toBeLessThan(1.05);
    const decision = decideBest([best, slower], options);
    expect(decision.verdict).toBe('provisional');
    expect(decision.contenders).toEqual([best, slower]);
    expect(decision.comparisons).toEqual([{ cell: slower, ratio, state: 'undecided' }]);
  });

  it('caps the estimate and says so when the ratio sits on 1 + delta', () => {
    const best = cell('piscina', jitter(11, 10, 10, 0.05), { options: { version: '5.0.0' } });
    const onTheLine = cell(
      'worker',
      best.samples.map((x) => x * 1.05),
    );
    const decision = decideBest([best, onTheLine], { ...options, settleCap: 500 });
    expect(decision.verdict).toBe('provisional');
    expect(decision.samplesToSettle).toEqual({
      samples: 500,
      capped: true,
      cells: [{ cell: onTheLine, samples: 500, capped: true }],
    });
    expect(decision.notes).toEqual([
      'w()/worker@2: ratio 1.050 sits on 1 + delta = 1.050 within noise; no practical sample count settles it (capped at 500)',
    ]);
  });

  it('settles the family when no undecided cell is of a cheaper family than the fastest', () => {
    const best = cell('piscina', jitter(11, 12, 10, 0.05), {
      family: 'threads',
      options: { version: '5.0.0' },
    });
    // Open between the library and the built-in worker it would yield to, and a process that cannot win.
    const worker = cell('worker', jitter(12, 10, 10.4, 0.05), { family: 'threads' });
    const process = cell('process', jitter(12, 10, 10.4, 0.05), { family: 'processes' });
    const decision = decideBest([best, worker, process], options);
    expect(decision.comparisons.map((c) => c.state)).toEqual(['undecided', 'undecided']); // the premise
    expect(decision).toMatchObject({ verdict: 'provisional', familySettled: 'threads' });
    expect(decision).not.toHaveProperty('familyHeadline'); // two families among the contenders
  });

  it('ties when an undecided cell could only take the pick at the last resort, the lowest median', () => {
    // Two built-in thread cells the stated steps cannot tell apart, the worker within 5% of the other.
    const best = cell('worker', jitter(11, 12, 10, 0.05), { family: 'threads' });
    const close = cell('worker-pipelined', jitter(12, 10, 10.4, 0.05), { family: 'threads' });
    const decision = decideBest([best, close], options);
    expect(decision.comparisons.map((c) => c.state)).toEqual(['undecided']); // the premises
    expect(ratioOf(best, close).hi).toBeLessThan(1.05);
    expect(decision).toMatchObject({
      verdict: 'tie',
      unseparated: [close],
      recommendation: { cell: best, provisional: false, basis: 'median' },
    });
  });

  it('ties when the only undecided cell is of a dearer family than the pick', () => {
    const best = cell('worker', jitter(11, 12, 10, 0.05), { family: 'threads' });
    const process = cell('process', jitter(12, 10, 10.4, 0.05), { family: 'processes' });
    const decision = decideBest([best, process], options);
    expect(decision.comparisons.map((c) => c.state)).toEqual(['undecided']); // the premise
    expect(decision).toMatchObject({
      verdict: 'tie',
      unseparated: [process],
      recommendation: { cell: best },
    });
  });

  it('leaves the family open when an undecided cell is of a cheaper family (it could still take the tie)', () => {
    const best = cell('async', jitter(11, 12, 10, 0.05), { family: 'async' });
    const seq = cell('sequential', jitter(12, 10, 10.4, 0.05), { family: 'sequential', concurrency: 1 });
    const decision = decideBest([best, seq], options);
    expect(decision.comparisons.map((c) => c.state)).toEqual(['undecided']); // the premise
    expect(decision.verdict).toBe('provisional');
    expect(decision.recommendation?.cell).toBe(seq); // the cheapest family, for now
    expect(decision).not.toHaveProperty('familySettled');
  });

  it('settles the family through an equivalent cell of the cheapest family', () => {
    const base = jitter(7, 20, 10, 0.01);
    const best = cell('worker', base, { family: 'threads' });
    const sequential = { family: 'sequential', concurrency: 1 } as const;
    const seq = cell(
      'sequential-lib',
      base.map((x) => x * 1.003),
      { ...sequential, options: { version: '1.0.0' } },
    );
    // Undecided, of the pick's family and built in: the pick within it stays open, the family does not.
    const other = cell('sequential', jitter(12, 10, 10.4, 0.05), sequential);
    const decision = decideBest([best, seq, other], options);
    expect(decision.comparisons.map((c) => [c.cell.strategy, c.state])).toEqual([
      ['sequential-lib', 'equivalent'],
      ['sequential', 'undecided'],
    ]); // the premise
    expect(decision).toMatchObject({
      verdict: 'provisional',
      familySettled: 'sequential',
      recommendation: { cell: other },
    });
  });

  it('moves with delta: the same cells tie at 10%', () => {
    const best = cell('worker', jitter(11, 10, 10, 0.05));
    const close = cell('piscina', jitter(12, 10, 10.4, 0.05));
    expect(decideBest([best, close], { ...options, delta: 0.1 })).toMatchObject({
      verdict: 'tie',
      delta: 0.1,
    });
  });
});

describe('decideBest: what takes part', () => {
  it('ignores cells that are not ok and says so when none is eligible', () => {
    const broken = cell('worker', jitter(1, 10, 1, 0.01), { status: 'errored', reason: 'boom' });
    expect(decideBest([broken], options)).toEqual({
      verdict: 'none',
      contenders: [],
      comparisons: [],
      excluded: [],
      delta: 0.05,
      notes: ['no eligible cell'],
    });
  });

  it('excludes under-sampled cells, cells without statistics and 0 ms samples', () => {
    const good = jitter(1, 10, 10, 0.01);
    const few = cell('few', good.slice(0, 3));
    const { stats: _stats, ...bare } = cell('bare', good);
    const zero = cell('zero', [0, ...good]);
    const decision = decideBest([cell('a', good), few, bare, zero], options);
    expect(decision.excluded).toEqual([
      { cell: few, reason: 'under-sampled (n=3, needs 5)' },
      { cell: bare, reason: 'no statistics' },
      { cell: zero, reason: 'a sample of 0 ms: the clock is too coarse for this cell' },
    ]);
    expect(decideBest([few], { ...options, minSamples: 3 }).verdict).toBe('wins');
  });

  it('refuses cells of different workloads or parameters', () => {
    const a = cell('a', jitter(1, 10, 10, 0.01));
    const b = cell('b', jitter(2, 10, 10, 0.01), { params: { n: 3 } });
    expect(() => decideBest([a, b], options)).toThrow(
      new RangeError('cells must share one workload and parameter set, got w() and w(n=3)'),
    );
  });

  it.each([
    [{ cores: 0 }, 'options.cores must be a positive integer, got 0'],
    [{ cores: 2, minSamples: 1.5 }, 'options.minSamples must be a positive integer, got 1.5'],
    [{ cores: 2, delta: -0.1 }, 'options.delta must be a non-negative number, got -0.1'],
    [{ cores: 2, settleCap: 0 }, 'options.settleCap must be a positive integer, got 0'],
    [{ cores: 2, seed: 0.5 }, 'options.seed must be an integer, got 0.5'],
  ])('rejects %j', (bad, message) => {
    expect(() => decideBest([], bad)).toThrow(new RangeError(message));
  });
});
