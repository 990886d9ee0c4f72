import { assertConfidence, assertSample, sortedCopy } from './_sample.js';

/**
 * Returns P(B <= k - 1) for B ~ Binomial(n, 0.5), with k the largest rank for which that tail is <= `tail`
 * (k = 0 when even P(B = 0) exceeds it). Summed in log space so n in the tens of thousands does not underflow.
 */
function binomialHalfRank(n: number, tail: number): { k: number; lowerTail: number } {
  let logPmf = -n * Math.LN2;
  let cdf = 0;
  let k = 0;
  for (let j = 0; j <= n; j++) {
    const next = cdf + Math.exp(logPmf);
    if (next > tail) break;
    cdf = next;
    k = j + 1;
    logPmf += Math.log((n - j) / (j + 1));
  }
  return { k, lowerTail: cdf };
}

/**
 * Distribution-free confidence interval of the median of a sorted (ascending) sample: the narrowest symmetric
 * pair of order statistics [x_(k), x_(n-k+1)] (1-based) whose coverage 1 - 2 P(B <= k-1), B ~ Binomial(n, 0.5),
 * is >= `confidence` (default 0.95). `confidence` in the result is the coverage actually achieved. When no
 * rank reaches the target (n < 6 at 0.95) it returns [min, max] with its lower coverage 1 - 2 * 0.5^n.
 * Throws RangeError on an empty sample or a confidence outside (0, 1). Does not check that `sorted` is sorted.
 */
export function medianCi(
  sorted: readonly number[],
  confidence = 0.95,
): { lo: number; hi: number; confidence: number } {
  assertSample('medianCi', sorted);
  assertConfidence(confidence);
  const n = sorted.length;
  const found = binomialHalfRank(n, (1 - confidence) / 2);
  const k = Math.max(found.k, 1);
  const lowerTail = found.k === 0 ? 0.5 ** n : found.lowerTail;
  return { lo: sorted[k - 1] as number, hi: sorted[n - k] as number, confidence: 1 - 2 * lowerTail };
}

/**
 * Width of the 95% CI of the median relative to the middle sample (`sorted[floor(n / 2)]`): what the
 * sampling loops compare with `profile.targetCiWidth`. Infinity when that sample is 0 or less. Throws
 * RangeError on an empty sample.
 */
export function relativeCiWidth(samples: readonly number[]): number {
  const sorted = sortedCopy(samples);
  const ci = medianCi(sorted);
  const mid = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return mid > 0 ? (ci.hi - ci.lo) / mid : Number.POSITIVE_INFINITY;
}
