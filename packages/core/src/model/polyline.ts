// The one piecewise-linear reading the model makes of its floors (payload cost by size, round-trip cost by
// busy time).

/** A measured point: `y` at `x`. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * `y` at `x` on the line through `points` (sorted by `x`, at least one): linear between the two points
 * around `x`; at or below the first point, its `y`; past the last, extended along the last two points
 * (`beyond: 'extend'`) or held at the last `y` (`'flat'`).
 */
export function polyline(points: readonly Point[], x: number, beyond: 'extend' | 'flat'): number {
  const first = points[0];
  if (!first) throw new RangeError('polyline needs at least one point');
  const last = points[points.length - 1] as Point;
  if (points.length === 1 || x <= first.x) return first.y;
  if (x >= last.x && beyond === 'flat') return last.y;
  let upper = points.findIndex((p) => p.x >= x);
  if (upper === -1) upper = points.length - 1;
  const a = points[upper - 1] as Point;
  const b = points[upper] as Point;
  return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
}
