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

/** A p-value in two significant digits, `<0.001` below that. */
export function pValue(p: number): string {
  return p < 0.001 ? '<0.001' : p.toPrecision(2);
}

/** `p=0.012` or `p<0.001`. */
export function pText(p: number): string {
  const value = pValue(p);
  return value.startsWith('<') ? `p${value}` : `p=${value}`;
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
