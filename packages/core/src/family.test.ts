import { describe, expect, it } from 'vitest';
import { FAMILY_ORDER, familyRank } from './family.js';

describe('familyRank', () => {
  it.each([
    ['sequential', 0],
    ['async', 1],
    ['threads', 2],
    ['hybrid', 3],
    ['processes', 4],
    ['gpu', 5],
    [undefined, 5],
  ])('%s ranks %i', (family, rank) => {
    expect(familyRank(family)).toBe(rank);
  });

  it('orders the families cheapest first', () => {
    expect(FAMILY_ORDER).toEqual(['sequential', 'async', 'threads', 'hybrid', 'processes']);
  });
});
