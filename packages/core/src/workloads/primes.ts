import { defineWorkload, type Workload } from '../workload.js';

/**
 * The articles' list (the `ProcessPoolExecutor` example of Python's documentation), duplicate included.
 * Contrary to what the articles suggest, the last number is composite (3306091 × 332636609): trial division
 * stops at 3306091, so it is the cheapest task, and each of the five primes costs about three times as much.
 */
const SEEDS: readonly number[] = [
  112272535095293, 112582705942171, 112272535095293, 115280095190773, 115797848077099, 1099726899285419,
];

/** Eight consecutive primes above 4e13: each task runs the full loop to sqrt(n) ≈ 6.3e6, so all cost the same. */
export const BALANCED: readonly number[] = [
  40000000000001, 40000000000013, 40000000000033, 40000000000069, 40000000000073, 40000000000087,
  40000000000097, 40000000000151,
];

/**
 * Eight consecutive primes above 1e12: the balanced list's shape with each task about six times smaller
 * (sqrt ≈ 1e6), for quick runs that still want equal-cost tasks well above any dispatch floor.
 */
export const BALANCED_SMALL: readonly number[] = [
  1000000000039, 1000000000061, 1000000000063, 1000000000091, 1000000000121, 1000000000163, 1000000000169,
  1000000000177,
];

/**
 * The known answer for every number in the lists. Computed independently with Python 3 and sympy 1.14
 * (`sympy.isprime`, a BPSW test that is deterministic below 2^64; `sympy.factorint` gave the factors above;
 * `sympy.nextprime(4 * 10**13)` and its successors gave BALANCED, `sympy.nextprime(10**12)` and its successors
 * BALANCED_SMALL, confirmed by a separate trial-division loop in Python).
 */
const PRIMALITY: ReadonlyMap<number, boolean> = new Map<number, boolean>([
  [112272535095293, true],
  [112582705942171, true],
  [115280095190773, true],
  [115797848077099, true],
  [1099726899285419, false],
  [40000000000001, true],
  [40000000000013, true],
  [40000000000033, true],
  [40000000000069, true],
  [40000000000073, true],
  [40000000000087, true],
  [40000000000097, true],
  [40000000000151, true],
  ...BALANCED_SMALL.map((n): [number, boolean] => [n, true]),
]);

const params = {
  list: {
    type: 'enum',
    default: 'balanced',
    values: ['seeds', 'balanced', 'balanced-small'],
    description:
      "seeds: the articles' 6 numbers (unequal costs, the last is composite and cheap); balanced: 8 primes near 4e13 of equal cost; balanced-small: 8 primes near 1e12 (each task ~6x smaller, for quick runs)",
  },
} as const;

/** One task of `primes`: the number to test. All numbers are below 2^53, so doubles hold them exactly. */
export interface PrimesInput {
  /** A positive integer below 2^53. */
  readonly n: number;
}

/**
 * Whether `n` is prime, by trial division by 2, 3 and every 6k ± 1 up to sqrt(n). Exact for every integer
 * below 2^53 (about 9e15; the lists stop at 1.1e15): doubles hold such integers exactly, `%` on them is
 * exact, and `Math.sqrt` is correctly rounded, so its floor is never below the integer square root.
 */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0 || n % 3 === 0) return false;
  const limit = Math.floor(Math.sqrt(n));
  for (let k = 5; k <= limit; k += 6) {
    if (n % k === 0 || n % (k + 2) === 0) return false;
  }
  return true;
}

/**
 * CPU-bound: trial-division primality tests of large numbers (the articles' classic CPU example). One task
 * per number; output `true` when prime. Verified against a table computed independently.
 */
export const primes: Workload<typeof params, PrimesInput, boolean> = defineWorkload({
  id: 'primes',
  kind: 'cpu',
  description:
    'Trial-division primality test of large numbers (6k±1 loop up to the square root), one per task.',
  params,
  prepare: ({ list }) =>
    (list === 'seeds' ? SEEDS : list === 'balanced-small' ? BALANCED_SMALL : BALANCED).map((n) => ({ n })),
  run: ({ n }) => isPrime(n),
  verify: (output, { n }) => {
    const expected = PRIMALITY.get(n);
    if (expected === undefined) return `no known answer for ${n}`;
    return output === expected
      ? true
      : `expected ${n} to be ${expected ? 'prime' : 'composite'}, got ${String(output)}`;
  },
});
