/**
 * The exact null distribution of the Mann-Whitney U statistic given the tie pattern (the permutation, or
 * conditional, distribution: every split of the pooled values into the two samples equally likely, tied
 * values sharing their midrank).
 */

/** C(t, c) for c = 0..t, as doubles (exact while below 2^53, relative error ~1e-16 past it). */
function binomialRow(t: number): Float64Array {
  const row = new Float64Array(t + 1);
  row[0] = 1;
  for (let c = 1; c <= t; c++) row[c] = ((row[c - 1] as number) * (t - c + 1)) / c;
  return row;
}

/** C(n, k) as a double. */
function choose(n: number, k: number): number {
  let total = 1;
  for (let i = 1; i <= k; i++) total = (total * (n - k + i)) / i;
  return total;
}

/**
 * How many k-subsets of the pool have each doubled U up to `cap`: entry v counts the subsets whose U is
 * v / 2, where U counts pairs (chosen value > other value) plus 0.5 per tie. `tieSizes` are the sizes of
 * the tie groups in ascending order of value (all 1 when there are no ties).
 *
 * Dynamic programme over tie groups: state (j, v) = j values chosen among the groups seen so far, v = twice
 * their partial U (doubled midranks are integers: a group over sorted positions s+1..s+t has midrank
 * (2s + t + 1) / 2). Choosing c of a group of size t when j are already chosen multiplies the count by
 * C(t, c) and adds c (2 (s - j) + t - c) to v, which is never negative, so v only grows and states above
 * `cap` are dropped. Rows j are updated from the top down in place (a 0/1 knapsack), keeping only rows that
 * can still reach k. All additions of non-negative counts, so small tails keep full relative precision.
 * Work is about N k min(cap, 2 j (s - j)) additions (N pooled values).
 */
function countsUpTo(tieSizes: readonly number[], k: number, cap: number): Float64Array {
  const total = tieSizes.reduce((acc, t) => acc + t, 0);
  const rows = Array.from({ length: k + 1 }, () => new Float64Array(cap + 1));
  (rows[0] as Float64Array)[0] = 1;
  let start = 0;
  for (const t of tieSizes) {
    const end = start + t;
    const binom = binomialRow(t);
    const jMin = Math.max(1, k - (total - end));
    for (let jNew = Math.min(k, end); jNew >= jMin; jNew--) {
      const target = rows[jNew] as Float64Array;
      for (let c = Math.min(t, jNew); c >= 1; c--) {
        const j = jNew - c;
        if (j > start) continue;
        const shift = c * (2 * (start - j) + t - c);
        const limit = Math.min(cap - shift, 2 * j * (start - j));
        const source = rows[j] as Float64Array;
        const weight = binom[c] as number;
        for (let v = 0; v <= limit; v++) {
          target[v + shift] = (target[v + shift] as number) + weight * (source[v] as number);
        }
      }
    }
    start = end;
  }
  return rows[k] as Float64Array;
}

/**
 * P(U <= u) and P(U >= u) under the null for the U of the first of two samples of sizes n1 and n2 whose
 * pooled tie groups, in ascending order of value, have sizes `tieSizes`; `u` is a multiple of 0.5. With
 * ties the distribution is not symmetric, so both tails are needed. The tail on u's side of the mean
 * n1 n2 / 2 is counted directly; the other is 1 minus it plus P(U = u), and is at least 0.5 / (n1 n2)
 * (U is bounded and has that mean), so the subtraction keeps ~1e-12 relative precision.
 * Counts the smaller sample's subsets, using U_b = n1 n2 - U_a and that reversing the value order turns U
 * into n1 n2 - U: P(U_a <= u) = P(U_b <= u, reversed order) and P(U_a >= u) = P(U_b <= n1 n2 - u).
 */
export function exactTails(
  tieSizes: readonly number[],
  n1: number,
  n2: number,
  u: number,
): { lower: number; upper: number } {
  const k = Math.min(n1, n2);
  const reversed = tieSizes.slice().reverse();
  const lowerOrder = n1 <= n2 ? tieSizes : reversed;
  const upperOrder = n1 <= n2 ? reversed : tieSizes;
  const total = choose(n1 + n2, k);
  const lowerSide = 2 * u <= n1 * n2;
  const cap = Math.round(2 * (lowerSide ? u : n1 * n2 - u));
  const counts = countsUpTo(lowerSide ? lowerOrder : upperOrder, k, cap);
  let ways = 0;
  for (const count of counts) ways += count;
  const direct = ways / total;
  const other = Math.min(1, 1 - direct + (counts[cap] as number) / total);
  return lowerSide ? { lower: direct, upper: other } : { lower: other, upper: direct };
}
