import { fileURLToPath } from 'node:url';
import type { Profile, Results, Strategy } from '@paralab/core';
import { runBun } from '../src/index.js';

/** node-runner's TypeScript fixture workloads (double, square, throws, hangs, spins, exits). */
export const FIXTURES: string = fileURLToPath(
  new URL('../../node-runner/test/fixtures/workloads.ts', import.meta.url),
);

/** A tiny profile so tests finish fast; a 3 s watchdog so hang tests finish too. */
export const TEST_PROFILE: Profile = {
  name: 'test',
  warmups: 1,
  minSamples: 3,
  maxSamples: 3,
  targetCiWidth: 1,
  cellBudgetMs: 5_000,
  sampleTimeoutMs: 3_000,
};

/** Runs fixture workloads under strategies at concurrency 2, without the machine-wide lock. */
export function runFixtures(
  workloads: string[],
  strategies: (string | Strategy)[],
  concurrency: number[] = [2],
): Promise<Results> {
  return runBun({
    modules: [FIXTURES],
    workloads,
    strategies,
    concurrency,
    profile: TEST_PROFILE,
    lock: false,
  });
}

/** `[workload, strategy, status]` of every cell, for whole-value assertions. */
export const statuses = (results: Results): string[][] =>
  results.cells.map((cell) => [cell.workload, cell.strategy, cell.status]);
