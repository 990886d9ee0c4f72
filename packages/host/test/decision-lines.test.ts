import type { Cell } from '@paralab/core';
import { describe, expect, it } from 'vitest';
import { decisionLines } from '../src/cli/output.js';

/** An ok primes cell with these samples (its stats are summarized the way the measure loop does). */
function cell(strategy: string, family: string, samples: number[], concurrency = 2): Cell {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return {
    id: `primes()/${strategy}@${concurrency}`,
    workload: 'primes',
    kind: 'cpu',
    strategy,
    family,
    concurrency,
    params: {},
    options: {},
    status: 'ok',
    samples,
    warmups: [],
    tasksPerSample: 8,
    stats: { median } as Cell['stats'],
    flags: [],
  } as Cell;
}

/** n samples spread evenly ±rel around center (deterministic). */
const spread = (center: number, rel: number, n = 12): number[] =>
  Array.from({ length: n }, (_, i) => center * (1 + rel * ((2 * i) / (n - 1) - 1)));

describe('the CLI\'s "what to use" lines', () => {
  it('say when a provisional row has its family settled', () => {
    const [line] = decisionLines(
      [
        cell('sequential', 'sequential', spread(200, 0.02), 1),
        cell('worker', 'threads', spread(100, 0.1)),
        cell('process', 'processes', spread(103, 0.1)),
      ],
      2,
    );
    expect(line).toMatch(
      /^ {2}primes\(\): provisional \(threads either way\): worker@2; not yet told apart from process@2; ~\d+ samples a cell would settle it$/,
    );
  });

  it('name the cells of a tie not yet told apart, which the pick stands against', () => {
    const [line] = decisionLines(
      [
        cell('sequential', 'sequential', spread(200, 0.02), 1),
        cell('worker', 'threads', spread(100, 0.02, 16)),
        cell('process', 'processes', spread(103, 0.05, 16)),
      ],
      2,
    );
    expect(line).toBe(
      '  primes(): worker@2; not yet told apart: process@2 (the pick is at most 5% slower, and the tie-break prefers it)',
    );
  });

  it('say nothing of the family when a cheaper family is still open', () => {
    const [line] = decisionLines(
      [cell('sequential', 'sequential', spread(100, 0.1), 1), cell('worker', 'threads', spread(98, 0.1))],
      2,
    );
    expect(line).toMatch(/^ {2}primes\(\): provisional: sequential@1; not yet told apart from worker@2/);
  });
});
