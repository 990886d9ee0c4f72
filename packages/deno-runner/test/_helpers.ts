import { fileURLToPath } from 'node:url';
import type { Profile, Results } from '@paralab/core';
import { runDeno } from '@paralab/deno-runner';

/** node-runner's TypeScript fixture workloads (double, square, throws, hangs, spins, exits). */
export const FIXTURES: string = fileURLToPath(
  new URL('../../node-runner/test/fixtures/workloads.ts', import.meta.url),
);

/** This package's fixture workloads (values JSON cannot hold, console output in a child). */
export const DENO_FIXTURES: string = fileURLToPath(new URL('./fixtures/workloads.ts', import.meta.url));

/** A tiny profile so tests finish fast; a 3 s watchdog so hang tests finish too. */
export const TEST_PROFILE: Profile = {
  name: 'test',
  warmups: 1,
  maxWarmups: 1,
  minSamples: 3,
  minTimeMs: 0,
  maxSamples: 3,
  targetCiWidth: 1,
  cellBudgetMs: 5_000,
  sampleTimeoutMs: 3_000,
};

/**
 * A profile whose watchdog leaves room for a loaded 2-core machine, for tests that expect no watchdog: a
 * Deno process takes 50-100 ms to start idle, several times that under load.
 */
export const ROOMY_PROFILE: Profile = { ...TEST_PROFILE, sampleTimeoutMs: 60_000 };

/** Runs fixture workloads under strategies at concurrency 2, without the machine-wide lock. */
export function runFixtures(
  workloads: string[],
  strategies: string[],
  { profile = TEST_PROFILE, modules = [FIXTURES] }: { profile?: Profile; modules?: string[] } = {},
): Promise<Results> {
  return runDeno({ modules, workloads, strategies, concurrency: [2], profile, lock: false });
}

/** `[workload, strategy, status]` of every cell, for whole-value assertions. */
export const statuses = (results: Results): string[][] =>
  results.cells.map((cell) => [cell.workload, cell.strategy, cell.status]);
