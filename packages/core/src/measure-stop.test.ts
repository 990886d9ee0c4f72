import { describe, expect, it } from 'vitest';
import { type LiveCell, newLiveCell } from './cell.js';
import { openCells, updateDone } from './measure-stop.js';
import type { Profile } from './profiles.js';
import { createRng } from './random.js';
import { sequential } from './strategies/sequential.js';
import { defineWorkload } from './workload.js';

const workload = defineWorkload({
  id: 'w',
  kind: 'cpu',
  description: 'w',
  params: {},
  prepare: () => [1],
  run: (x) => x,
});

const profile: Profile = {
  name: 't',
  warmups: 1,
  maxWarmups: 1,
  minSamples: 8,
  minTimeMs: 10,
  maxSamples: 30,
  targetCiWidth: 0.05,
  cellBudgetMs: 1_000,
  sampleTimeoutMs: 1_000,
};

/** A live cell with `n` samples spread ±`spread` around `center` (seeded), and the time they took. */
function cell(name: string, center: number, n: number, spread = 0.01, seed = 1): LiveCell {
  const live = newLiveCell({
    workload,
    ref: { module: 'm', id: 'w' },
    params: {},
    strategy: { ...sequential, name },
    concurrency: 2,
  });
  const rng = createRng(seed);
  live.samples = Array.from({ length: n }, () => center * (1 + spread * (2 * rng() - 1)));
  live.spentMs = live.samples.reduce((a, b) => a + b, 0);
  return live;
}

/** `profile` with twice its samples for a cell whose place in the decision is open. */
const wider: Profile = { ...profile, maxOpenSamples: 60 };

/**
 * A library cell: were a built-in cell of its family equivalent, the tie-break would pick that one, so
 * while a built-in cell is undecided against it, what to use stays open.
 */
function library(live: LiveCell): LiveCell {
  live.options = { version: '1.0.0' };
  return live;
}

/**
 * Two cells alike, with 12% noise, `n` samples each (after 30, 55 would settle their comparison): a library
 * (the faster by a hair) and a built-in one the tie-break would pick were they equivalent.
 */
const alike = (n: number): [LiveCell, LiveCell] => [
  library(cell('a', 10, n, 0.12)),
  cell('b', 10, n, 0.12, 2),
];

describe('the stopping rules', () => {
  it('stops a cell clearly slower than the fastest, and the fastest, once both have the minimums', () => {
    const fast = cell('fast', 10, 8);
    const slow = cell('slow', 20, 8, 0.01, 2);
    updateDone([fast, slow], profile, 2);
    expect([fast.done, slow.done]).toEqual([true, true]);
    expect([fast.budgetLimited, slow.budgetLimited]).toEqual([false, false]);
  });

  it('keeps sampling two cells whose undecided ratio more samples would settle', () => {
    // 1.02 apart with 6% noise: the CI of the ratio straddles 1 + delta, and a few dozen samples would
    // bring its high end under it; the built-in b would be picked were it equivalent to the library a.
    const a = library(cell('a', 10, 8, 0.06));
    const b = cell('b', 10.2, 8, 0.06, 2);
    expect([...openCells([a, b], profile, 2)].map((c) => c.plan.strategy.name).sort()).toEqual(['a', 'b']);
    updateDone([a, b], profile, 2);
    expect([a.done, b.done]).toEqual([false, false]);
  });

  it('stops sampling a ratio that sits on the indifference zone: maxSamples could not settle it', () => {
    // 1.05 apart with 1% noise: undecided, and it would stay so for hundreds of samples.
    const a = cell('a', 10, 8, 0.01);
    const b = cell('b', 10.5, 8, 0.01, 2);
    expect(openCells([a, b], profile, 2).size).toBe(0);
    updateDone([a, b], profile, 2);
    expect([a.done, b.done, a.budgetLimited, b.budgetLimited]).toEqual([true, true, false, false]);
  });

  it('lets an open cell sample to four times its budget, then stops it flagged budget-limited', () => {
    // The undecided pair above, at 450 ms a sample: 3.6 s spent, past the 1 s budget but not four times it.
    const a = library(cell('a', 450, 8, 0.06));
    const b = cell('b', 459, 8, 0.06, 2);
    expect(openCells([a, b], profile, 2).size).toBe(2); // the premise
    updateDone([a, b], profile, 2);
    expect([a.done, b.done]).toEqual([false, false]);
    const c = cell('c', 600, 8, 0.06);
    const d = cell('d', 612, 8, 0.06, 2);
    updateDone([c, d], profile, 2); // 4.8 s each
    expect([c.done, d.done, c.budgetLimited, d.budgetLimited]).toEqual([true, true, true, true]);
  });

  it('stops a cell whose place is settled but whose CI is still wide at its budget, budget-limited', () => {
    const fast = cell('fast', 200, 8, 0.3);
    const slow = cell('slow', 600, 8, 0.3, 2);
    expect(openCells([fast, slow], profile, 2).size).toBe(0); // the premise: clearly apart
    updateDone([fast, slow], profile, 2);
    expect([fast.done, slow.done, fast.budgetLimited, slow.budgetLimited]).toEqual([true, true, true, true]);
  });

  it('lets a cell below the minimum count go past its budget, up to five times it', () => {
    const slow = cell('slow', 800, 6); // 4.8 s
    updateDone([slow], profile, 2);
    expect(slow.done).toBe(false);
    const slower = cell('slower', 900, 6); // 5.4 s
    updateDone([slower], profile, 2);
    expect([slower.done, slower.budgetLimited]).toEqual([true, true]);
  });

  it('stops at maxSamples whatever else', () => {
    const a = cell('a', 10, 30, 0.03);
    const b = cell('b', 10.5, 30, 0.03, 2);
    updateDone([a, b], profile, 2);
    expect([a.done, b.done]).toEqual([true, true]);
  });

  it('takes an open cell past maxSamples up to maxOpenSamples, when that many would settle it', () => {
    // Alike, with 12% noise, after 30 samples each: the ratio's CI (about [0.95, 1.06]) still reaches past
    // 1.05, and samplesToSettle puts the count that would bring it under at 55: more than 30, at most 60.
    const [a, b] = alike(30);
    expect(openCells([a, b], profile, 2).size).toBe(0); // 30 would not settle it: done at maxSamples
    expect(openCells([a, b], wider, 2).size).toBe(2);
    updateDone([a, b], wider, 2);
    expect([a.done, b.done]).toEqual([false, false]);
    updateDone([a, b], profile, 2);
    expect([a.done, b.done]).toEqual([true, true]);
    const [c, d] = alike(60);
    updateDone([c, d], wider, 2);
    expect([c.done, d.done]).toEqual([true, true]);
  });

  it('takes up again a stopped cell whose place in the decision is open now, within the open caps', () => {
    const [a, b] = alike(30); // undecided, 55 would settle it
    const [c, d] = [cell('c', 10, 30, 0.12), cell('d', 20, 30, 0.12, 2)]; // settled: d is worse
    for (const stopped of [a, b, c, d]) {
      stopped.done = true;
      stopped.budgetLimited = true;
    }
    updateDone([a, b], wider, 2);
    updateDone([c, d], wider, 2);
    expect([a.done, b.done, a.budgetLimited, b.budgetLimited]).toEqual([false, false, false, false]);
    expect([c.done, d.done]).toEqual([true, true]);
    const [e, f] = [cell('e', 200, 30, 0.12), cell('f', 200, 30, 0.12, 2)]; // 6 s each: past 4 budgets
    e.done = true;
    f.done = true;
    updateDone([e, f], wider, 2);
    expect([e.done, f.done]).toEqual([true, true]);
  });

  it('keeps a cell below the minimum count or the minimum time open', () => {
    const few = cell('few', 10, 5);
    expect(openCells([few], profile, 2).has(few)).toBe(true);
    const quick = cell('quick', 0.5, 8);
    updateDone([quick], profile, 2); // 8 samples of 0.5 ms: under minTimeMs
    expect(quick.done).toBe(false);
  });
});
