import { describe, expect, it } from 'vitest';
import { polyline } from './polyline.js';

describe('polyline', () => {
  const points = [
    { x: 1, y: 10 },
    { x: 3, y: 20 },
    { x: 7, y: 40 },
  ];
  it('is linear between neighbours and the first y at or below the first point', () => {
    expect(polyline(points, 0, 'flat')).toBe(10);
    expect(polyline(points, 1, 'flat')).toBe(10);
    expect(polyline(points, 2, 'flat')).toBe(15); // halfway from (1, 10) to (3, 20)
    expect(polyline(points, 3, 'extend')).toBe(20);
    expect(polyline(points, 6, 'flat')).toBe(35); // 20 + 20 × 3 / 4
  });
  it('past the last point: extended along the last two, or held', () => {
    expect(polyline(points, 11, 'extend')).toBe(60); // slope 5 from (7, 40)
    expect(polyline(points, 11, 'flat')).toBe(40);
    expect(polyline([{ x: 2, y: 5 }], 9, 'extend')).toBe(5);
    expect(() => polyline([], 1, 'flat')).toThrow(RangeError);
  });
});
