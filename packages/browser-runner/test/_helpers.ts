import { fileURLToPath } from 'node:url';
import type { Profile, Results } from '@paralab/core';
import { Supervisor } from '@paralab/host';

/** The TypeScript fixture module of test workloads. */
export const FIXTURES: string = fileURLToPath(new URL('./fixtures/workloads.ts', import.meta.url));

/** Workloads whose task 1 fails the way a page or a worker can (throw null, exit, leak a rejection ...). */
export const FAULTS: string = fileURLToPath(new URL('./fixtures/faults.ts', import.meta.url));

/** A module that loads on Node (where the host plans) and throws when a page imports it. */
export const REFUSES_PAGES: string = fileURLToPath(new URL('./fixtures/refuses-pages.ts', import.meta.url));

/** A module that imports `node:fs`, which no browser bundle can hold. */
export const NODE_ONLY: string = fileURLToPath(new URL('./fixtures/node-only.ts', import.meta.url));

/** The built CLI. */
export const CLI: string = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

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
 * How long, in whole seconds, the host lets a page say nothing under `profile` before it kills it, as the
 * host's own `Supervisor` computes it (a stuck page's reason names this figure).
 */
export function silenceSeconds(profile: Profile): number {
  const factory = { what: 'no side', open: () => Promise.reject(new Error('never opened')) };
  const supervisor = new Supervisor({ factory, profile, seed: 1, services: {} });
  return Math.round(supervisor.silenceMs / 1000);
}

/** Every cell of a run by id: `ok`, or its status and reason. */
export function statusOf(results: Results): Record<string, string> {
  return Object.fromEntries(
    results.cells.map((c) => [c.id, c.status === 'ok' ? 'ok' : `${c.status}: ${c.reason}`]),
  );
}
