import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random.js';
import { MODALITY_MIN_SAMPLES, modality } from './modality.js';

/** A standard normal variate (Box-Muller) from a seeded generator. */
const normal = (rng: Rng): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
/** n values around `center` with a relative standard deviation `rel`. */
const around = (rng: Rng, n: number, center: number, rel: number): number[] =>
  Array.from({ length: n }, () => center * (1 + rel * normal(rng)));
const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

describe('modality: two costs', () => {
  it('finds 30 samples near 0.02 ms and 30 near 0.08 ms (3% noise)', () => {
    const rng = createRng(1);
    const result = modality([...around(rng, 30, 0.02, 0.03), ...around(rng, 30, 0.08, 0.03)]);
    expect(result.multimodal).toBe(true);
    expect(result.method).toBe('gaussian-mixture');
    const [low, high] = result.modes ?? [];
    // Each mode's geometric mean is within 2% of its centre (3% noise over 30 samples: ~0.5% standard error).
    expect(Math.abs((low?.mean ?? 0) / 0.02 - 1)).toBeLessThan(0.02);
    expect(Math.abs((high?.mean ?? 0) / 0.08 - 1)).toBeLessThan(0.02);
    expect(low?.weight).toBeCloseTo(0.5, 6);
    expect(high?.weight).toBeCloseTo(0.5, 6);
  });

  it('matches the closed-form fit of two well separated groups (numpy/scipy)', () => {
    // a = [0.02*(1 + 0.03*((i*7 % 11) - 5)/5) for i in range(30)]; b = [0.08*(1 + 0.03*((i*5 % 13) - 6)/6) for i in range(30)]
    const a = range(30, (i) => 0.02 * (1 + (0.03 * (((i * 7) % 11) - 5)) / 5));
    const b = range(30, (i) => 0.08 * (1 + (0.03 * (((i * 5) % 13) - 6)) / 6));
    const result = modality([...b, ...a]);
    // la, lb = np.log(a), np.log(b); yy = np.concatenate([la, lb]); n = 60; the responsibilities are 0 or 1, so
    // the EM fit is each group's own MLE:
    // np.exp(la.mean()), np.exp(lb.mean()) -> 0.020004353102090405, 0.07989227725294822
    expect(result.modes?.map((mode) => mode.mean)).toEqual([
      expect.closeTo(0.020004353102090405, 12),
      expect.closeTo(0.07989227725294822, 12),
    ]);
    // 2*np.log(n) - 2*st.norm.logpdf(yy, yy.mean(), yy.std()).sum() -> 134.3895550530111
    expect(result.fit?.bicOne).toBeCloseTo(134.3895550530111, 8);
    // ll = np.logaddexp(np.log(0.5)+st.norm.logpdf(yy, la.mean(), la.std()), np.log(0.5)+st.norm.logpdf(yy, lb.mean(), lb.std())).sum()
    // 5*np.log(n) - 2*ll -> -201.44247876323786
    expect(result.fit?.bicTwo).toBeCloseTo(-201.44247876323786, 8);
    // abs(la.mean()-lb.mean())*np.sqrt(2/(la.var()+lb.var())) -> 72.73811037426285
    expect(result.fit?.ashmanD).toBeCloseTo(72.73811037426285, 8);
  });

  it('finds a minority cost holding 20% of the samples', () => {
    const rng = createRng(3);
    const result = modality([...around(rng, 48, 1, 0.05), ...around(rng, 12, 1.6, 0.05)]);
    expect(result.multimodal).toBe(true);
    expect(result.modes?.map((mode) => mode.weight)).toEqual([
      expect.closeTo(0.8, 4),
      expect.closeTo(0.2, 4),
    ]);
  });

  it('does not depend on the order of the samples', () => {
    const rng = createRng(4);
    const samples = [...around(rng, 30, 2, 0.05), ...around(rng, 30, 3, 0.05)];
    expect(modality(samples.slice().reverse())).toEqual(modality(samples));
  });
});

describe('modality: one cost', () => {
  it.each([1, 2, 3, 4, 5])('normal samples are not multimodal (seed %i)', (seed) => {
    const result = modality(around(createRng(seed), 60, 10, 0.1));
    expect(result.method).toBe('gaussian-mixture');
    expect(result.multimodal).toBe(false);
    expect(result.modes).toBeUndefined();
  });

  it.each([1, 2, 3])('lognormal samples are not multimodal (seed %i)', (seed) => {
    const rng = createRng(seed);
    expect(modality(range(60, () => Math.exp(0.5 * normal(rng)))).multimodal).toBe(false);
  });

  it('one outlier is not a mode, though BIC prefers two components', () => {
    const result = modality([...around(createRng(1), 59, 10, 0.05), 50]);
    expect(result.multimodal).toBe(false);
    expect(result.fit?.bicTwo).toBeLessThan(result.fit?.bicOne as number);
    expect(result.fit?.minWeight).toBeCloseTo(1 / 60, 6);
  });

  it('three outliers in 60 (5%) are not a mode either', () => {
    const result = modality([...around(createRng(1), 57, 10, 0.05), 50, 52, 55]);
    expect(result.multimodal).toBe(false);
    expect(result.fit?.minWeight).toBeCloseTo(0.05, 6);
  });

  it('equal samples are tested and unimodal', () => {
    expect(modality(range(25, () => 3))).toEqual({ multimodal: false, method: 'gaussian-mixture' });
  });

  it('timings rounded to a coarse step are not multimodal when the step is given', () => {
    const rounded = around(createRng(2), 60, 10, 0.05).map((x) => Math.round(x / 0.5) * 0.5);
    expect(modality(rounded, { resolutionMs: 0.5 }).multimodal).toBe(false);
  });
});

describe('modality: not tested', () => {
  it(`says so under ${MODALITY_MIN_SAMPLES} samples`, () => {
    const rng = createRng(1);
    const samples = [...around(rng, 10, 0.02, 0.03), ...around(rng, 9, 0.08, 0.03)];
    expect(modality(samples)).toEqual({
      multimodal: false,
      method: 'not-tested',
      reason: 'n = 19 is under 20 samples',
    });
  });

  it('says so for a sample of 0 ms', () => {
    expect(modality([0, ...range(24, (i) => 1 + i)])).toEqual({
      multimodal: false,
      method: 'not-tested',
      reason: 'a sample is 0 ms or less, which has no logarithm',
    });
  });

  it('says so when the clock shows only a few distinct values', () => {
    expect(modality(range(30, (i) => [9, 10, 10, 11][i % 4] as number))).toEqual({
      multimodal: false,
      method: 'not-tested',
      reason: 'only 3 distinct values: the clock is too coarse to show a shape',
    });
  });

  it.each([
    { name: 'empty', call: () => modality([]) },
    { name: 'NaN', call: () => modality([Number.NaN]) },
    { name: 'negative resolution', call: () => modality([1], { resolutionMs: -1 }) },
  ])('throws RangeError: $name', ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});
