/**
 * Strategy families, cheapest first (METHOD.md's tie-break: sequential < async < threads < processes,
 * with hybrid, an event loop feeding a thread pool, between threads and processes). Any other family
 * ranks after all of these.
 */
export const FAMILY_ORDER = ['sequential', 'async', 'threads', 'hybrid', 'processes'] as const;

/** What kind of strategy a cell ran: one of {@link FAMILY_ORDER}, or another name a runner introduces. */
export type Family = (typeof FAMILY_ORDER)[number] | (string & {});

/**
 * Rank of `family` in {@link FAMILY_ORDER} (0 = cheapest). Any other name, and a missing family, rank
 * `FAMILY_ORDER.length`: after every known family, equal to each other.
 */
export function familyRank(family: string | undefined): number {
  const rank = FAMILY_ORDER.indexOf(family as (typeof FAMILY_ORDER)[number]);
  return rank === -1 ? FAMILY_ORDER.length : rank;
}
