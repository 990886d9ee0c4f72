import { ParalabError } from './errors.js';

/** How long and how carefully to measure each cell. */
export interface Profile {
  readonly name: string;
  /**
   * Warm-up batches per cell before any sample is kept: the first alone (the cell's memory footprint is
   * read meanwhile), the rest in rounds among the group's other cells, as the samples are taken; more (up
   * to `maxWarmups`) while each is still more than 10% faster than the one before it.
   */
  readonly warmups: number;
  /** The most warm-up batches a cell takes. */
  readonly maxWarmups: number;
  /**
   * Samples a cell takes at least (unless its time budget runs out first: it is then flagged
   * `under-sampled` and kept out of decisions). Enough for a two-sided Mann-Whitney U to reach p < 0.05.
   */
  readonly minSamples: number;
  /** Measured time a cell takes at least, ms (cheap cells take more samples to reach it). */
  readonly minTimeMs: number;
  /** Samples per cell at most. */
  readonly maxSamples: number;
  /**
   * Samples at most for a cell whose place in its group's decision is still open (undecided against the
   * fastest) and that this many samples would settle by `samplesToSettle`'s estimate; default `maxSamples`.
   * Only such cells go past `maxSamples`: the samples that decide a row are worth more than those that only
   * narrow a settled cell's CI.
   */
  readonly maxOpenSamples?: number;
  /**
   * A cell may stop once it has both minimums, the 95% CI of its median is within this fraction of the
   * median, and the group's decision about it is settled (it is clearly worse than the fastest, or
   * equivalent to it); otherwise it goes on until `maxSamples` or its budget.
   */
  readonly targetCiWidth: number;
  /** Wall time one cell may spend sampling (ms); a cell stopped by it is flagged `budget-limited`. */
  readonly cellBudgetMs: number;
  /** Watchdog: a single sample longer than this (ms) is stopped and its cell recorded `errored`. */
  readonly sampleTimeoutMs: number;
}

/**
 * The built-in profiles. `default` takes mitata's minimums (12 samples and 642 ms a cell); `quick` takes 8
 * samples (a two-sided Mann-Whitney U then reaches p = 0.00016 between two cells), stops a cell whose place
 * in the decision is settled once its median's CI is within 10% (its speedup is then read within a few
 * percent; the decision needs no more), and keeps a whole run of every runtime within minutes on 2 cores.
 */
export const profiles: Readonly<Record<'quick' | 'default' | 'thorough', Profile>> = Object.freeze({
  quick: {
    name: 'quick',
    warmups: 2,
    maxWarmups: 4,
    minSamples: 8,
    minTimeMs: 100,
    maxSamples: 30,
    maxOpenSamples: 60,
    targetCiWidth: 0.1,
    cellBudgetMs: 1_000,
    sampleTimeoutMs: 15_000,
  },
  default: {
    name: 'default',
    warmups: 2,
    maxWarmups: 5,
    minSamples: 12,
    minTimeMs: 642,
    maxSamples: 60,
    maxOpenSamples: 120,
    targetCiWidth: 0.02,
    cellBudgetMs: 6_000,
    sampleTimeoutMs: 60_000,
  },
  thorough: {
    name: 'thorough',
    warmups: 3,
    maxWarmups: 8,
    minSamples: 30,
    minTimeMs: 2_000,
    maxSamples: 200,
    maxOpenSamples: 400,
    targetCiWidth: 0.01,
    cellBudgetMs: 20_000,
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
