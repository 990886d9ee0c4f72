import { fileURLToPath } from 'node:url';
import type { Profile } from '@paralab/core';

/** The TypeScript fixture module of test workloads. */
export const FIXTURES: string = fileURLToPath(new URL('./fixtures/workloads.ts', import.meta.url));

/** A module that imports `node:fs`, which no browser bundle can hold. */
export const NODE_ONLY: string = fileURLToPath(new URL('./fixtures/node-only.ts', import.meta.url));

/** The built CLI. */
export const CLI: string = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

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
