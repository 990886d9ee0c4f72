import { fileURLToPath } from 'node:url';
import type { Profile } from '@paralab/core';

/** The TypeScript fixture module of test workloads. */
export const FIXTURES: string = fileURLToPath(new URL('./fixtures/workloads.ts', import.meta.url));

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
