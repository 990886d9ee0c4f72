import { ParalabError } from './errors.js';

/** How long and how carefully to measure each cell. */
export interface Profile {
  readonly name: string;
  /** Warm-up batches per cell before any sample is kept. */
  readonly warmups: number;
  /** Samples per cell unless the cell's time budget runs out first. */
  readonly minSamples: number;
  /** Samples per cell at most. */
  readonly maxSamples: number;
  /** Stop sampling a cell once it has `minSamples` and the 95% CI of its median is within this fraction of the median. */
  readonly targetCiWidth: number;
  /** Wall time one cell may spend sampling (ms); a cell stopped by it is flagged `budget-limited`. */
  readonly cellBudgetMs: number;
  /** Watchdog: a single sample longer than this (ms) is stopped and its cell recorded `errored`. */
  readonly sampleTimeoutMs: number;
}

/** The built-in profiles. `quick` keeps a whole Node run near a minute on 2 cores. */
export const profiles: Readonly<Record<'quick' | 'default' | 'thorough', Profile>> = Object.freeze({
  quick: {
    name: 'quick',
    warmups: 1,
    minSamples: 5,
    maxSamples: 6,
    targetCiWidth: 0.05,
    cellBudgetMs: 2_000,
    sampleTimeoutMs: 30_000,
  },
  default: {
    name: 'default',
    warmups: 2,
    minSamples: 10,
    maxSamples: 30,
    targetCiWidth: 0.02,
    cellBudgetMs: 10_000,
    sampleTimeoutMs: 60_000,
  },
  thorough: {
    name: 'thorough',
    warmups: 3,
    minSamples: 20,
    maxSamples: 100,
    targetCiWidth: 0.01,
    cellBudgetMs: 30_000,
    sampleTimeoutMs: 120_000,
  },
});

/** Names accepted by `getProfile`. */
export const profileNames: readonly string[] = Object.keys(profiles);

/** Looks a profile up by name; throws `ParalabError` (`ERR_OPTION`) listing the valid names. */
export function getProfile(name: string): Profile {
  const profile = (profiles as Record<string, Profile | undefined>)[name];
  if (!profile) {
    throw new ParalabError(
      'ERR_OPTION',
      `unknown profile "${name}" (choose one of: ${profileNames.join(', ')})`,
    );
  }
  return profile;
}
