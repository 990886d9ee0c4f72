import { describe, expect, it } from 'vitest';
import { createRng, shuffled } from './random.js';

const draw = (seed: number, n: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng());
};

describe('createRng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
  });

  it('gives a different sequence for a different seed', () => {
    expect(draw(42, 5)).not.toEqual(draw(43, 5));
  });

  it('is mulberry32 (first values of seed 1 and seed 0)', () => {
    // Computed with an independent Python port of the published mulberry32 (32-bit arithmetic masked by hand).
    expect(draw(1, 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(draw(0, 1)).toEqual([0.26642920868471265]);
  });

  it('reduces the seed to 32 bits', () => {
    expect(draw(2 ** 32 + 7, 5)).toEqual(draw(7, 5));
    expect(draw(-1, 5)).toEqual(draw(2 ** 32 - 1, 5));
  });

  it.each([0, 1, 7, 123456789, 2 ** 32 - 1])('stays in [0, 1) with seed %i', (seed) => {
    const values = draw(seed, 10_000);
    expect(values.filter((x) => !(x >= 0 && x < 1))).toEqual([]);
    // A generator stuck in a corner would fail this: the mean of 10 000 uniform draws is 0.5 +- 0.015 (5 sigma).
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.015);
  });
});

describe('shuffled', () => {
  const items = Array.from({ length: 20 }, (_, i) => i);

  it('returns a permutation of the items', () => {
    const result = shuffled(items, createRng(5));
    expect(result).toHaveLength(items.length);
    expect(result.slice().sort((a, b) => a - b)).toEqual(items);
    expect(result).not.toEqual(items);
  });

  it('is deterministic per seed', () => {
    expect(shuffled(items, createRng(9))).toEqual(shuffled(items, createRng(9)));
    expect(shuffled(items, createRng(9))).not.toEqual(shuffled(items, createRng(10)));
  });

  it('gives a known order for a known seed', () => {
    // The same Python port of mulberry32 driving a textbook Fisher-Yates (i from n-1 down, j = floor(r*(i+1))).
    expect(shuffled(['a', 'b', 'c', 'd', 'e'], createRng(1))).toMatchInlineSnapshot(`
      [
        "e",
        "c",
        "b",
        "a",
        "d",
      ]
    `);
  });

  it('does not mutate its input', () => {
    const input = ['a', 'b', 'c', 'd'];
    const frozen = Object.freeze(input.slice());
    shuffled(frozen, createRng(3));
    shuffled(input, createRng(3));
    expect(input).toEqual(['a', 'b', 'c', 'd']);
  });

  it('handles empty and one-item lists', () => {
    expect(shuffled([], createRng(1))).toEqual([]);
    expect(shuffled(['x'], createRng(1))).toEqual(['x']);
  });

  it('reaches every permutation of three items, about equally often', () => {
    const rng = createRng(2024);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = shuffled(['a', 'b', 'c'], rng).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['abc', 'acb', 'bac', 'bca', 'cab', 'cba']);
    // Each count is Binomial(6000, 1/6): 1000 +- 29 (1 sigma); 150 is over 5 sigma.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});
