import { describe, expect, it } from 'vitest';
import { resolveParams } from '../workload.js';
import { primes } from './primes.js';

const paramsOf = (overrides?: Readonly<Record<string, unknown>>) => resolveParams(primes, overrides);

describe('primes', () => {
  it.each([
    ['seeds', [true, true, true, true, true, false]],
    ['balanced', [true, true, true, true, true, true, true, true]],
  ] as const)('list %s: every task gives the known answer and verifies', async (list, expected) => {
    const params = paramsOf({ list });
    const inputs = await primes.prepare(params, { seed: 1 });
    const outputs = await Promise.all(inputs.map((input) => primes.run(input)));
    expect(outputs).toEqual(expected);
    expect(inputs.map((input, i) => primes.verify?.(outputs[i] as boolean, input, params))).toEqual(
      expected.map(() => true),
    );
  });

  it('uses the articles list exactly', async () => {
    const inputs = await primes.prepare(paramsOf({ list: 'seeds' }), { seed: 1 });
    expect(inputs.map(({ n }) => n)).toEqual([
      112272535095293, 112582705942171, 112272535095293, 115280095190773, 115797848077099, 1099726899285419,
    ]);
  });

  it('agrees with a sieve below 2000', async () => {
    const sieve = Array.from({ length: 2000 }, (_, n) => n >= 2);
    for (let p = 2; p * p < 2000; p++) for (let m = p * p; m < 2000; m += p) sieve[m] = false;
    const outputs = await Promise.all(sieve.map((_, n) => primes.run({ n })));
    expect(outputs).toEqual(sieve);
  });

  it('rejects a wrong answer with a reason', () => {
    const params = paramsOf();
    expect(primes.verify?.(false, { n: 112272535095293 }, params)).toBe(
      'expected 112272535095293 to be prime, got false',
    );
    expect(primes.verify?.(true, { n: 1099726899285419 }, params)).toBe(
      'expected 1099726899285419 to be composite, got true',
    );
    expect(primes.verify?.(true, { n: 7 }, params)).toBe('no known answer for 7');
  });

  it('rejects an unknown list, naming the valid ones', () => {
    expect(() => paramsOf({ list: 'nope' })).toThrow(
      'primes.list must be one of seeds, balanced, balanced-small, got "nope"',
    );
  });
});
