import { paramsKey } from '@paralab/core';

/** Milliseconds with about three significant digits: `1046`, `116.0`, `2.34`, `0.056`. */
export function ms(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 0.1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** A unitless ratio with two decimals and the times sign: `1.63×`. */
export function times(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** A ratio with its CI: `1.63× [0.98, 1.95]`. */
export function ratioCi(ratio: { ratio: number; lo: number; hi: number }): string {
  return `${times(ratio.ratio)} [${ratio.lo.toFixed(2)}, ${ratio.hi.toFixed(2)}]`;
}

/** Decimals for a ratio and its ± part: two below 10, one from 10, none from 100. */
function decimals(value: number): number {
  return value >= 100 ? 0 : value >= 10 ? 1 : 2;
}

/**
 * A ratio as hyperfine prints it, `1.89 ± 0.05`: the ± is the wider half of the 95% CI (the bootstrap CI
 * of a ratio is not symmetric, so this never understates it).
 */
export function plusMinus(ratio: { ratio: number; lo: number; hi: number }): string {
  const half = Math.max(ratio.hi - ratio.ratio, ratio.ratio - ratio.lo, 0);
  const digits = decimals(ratio.ratio);
  return `${ratio.ratio.toFixed(digits)} ± ${half.toFixed(digits)}`;
}

/**
 * hyperfine's sentence: `worker@2 ran 1.89 ± 0.05 times faster than sequential`. A ratio below 1 (the
 * named cell is the slower one) is turned around: `ran 1.10 ± 0.02 times slower than`.
 */
export function ranFaster(
  name: string,
  speed: { ratio: number; lo: number; hi: number },
  than: string,
): string {
  if (speed.ratio >= 1) return `${name} ran ${plusMinus(speed)} times faster than ${than}`;
  const inverse = { ratio: 1 / speed.ratio, lo: 1 / speed.hi, hi: 1 / speed.lo };
  return `${name} ran ${plusMinus(inverse)} times slower than ${than}`;
}

/** A p-value in two significant digits, `<0.001` below that. */
export function pValue(p: number): string {
  return p < 0.001 ? '<0.001' : p.toPrecision(2);
}

/** A percentage with no decimals: `82%`. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(0)}%`;
}

/** Bytes in MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** A workload with its parameters, the way cell ids name them: `primes(list=balanced)`. */
export function groupName(
  workload: string,
  params: Readonly<Record<string, string | number | boolean>>,
): string {
  const key = paramsKey(params);
  return key ? `${workload}(${key})` : workload;
}

/** A strategy at a concurrency: `piscina@2`. */
export function strategyName(cell: { strategy: string; concurrency: number }): string {
  return `${cell.strategy}@${cell.concurrency}`;
}

/** A list in words: `a`, `a and b`, `a, b and c`. */
export function words(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `3 cells`, `1 cell`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const FAMILY_WORDS: Readonly<Record<string, string>> = {
  sequential: 'sequential',
  async: 'async on the event loop',
  threads: 'worker threads',
  hybrid: 'hybrid: async I/O + a worker pool',
  processes: 'child processes',
};

/**
 * A cell's family (`cell.family`, as its runner recorded it) in words: `worker threads`, `child
 * processes` ...; a family this report does not know is shown as it is.
 */
export function familyWords(family: string): string {
  return FAMILY_WORDS[family] ?? family;
}
