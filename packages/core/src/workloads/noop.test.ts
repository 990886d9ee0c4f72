import { describe, expect, it } from 'vitest';
import { resolveParams } from '../workload.js';
import { noop } from './noop.js';

describe('noop', () => {
  it('returns every input unchanged, and verify catches a changed one', async () => {
    const inputs = await noop.prepare(resolveParams(noop, { tasks: 3 }), { seed: 1 });
    expect(inputs).toEqual([0, 1, 2]);
    expect(inputs.map((n) => noop.verify?.(noop.run(n) as number, n, { tasks: 3 }))).toEqual([
      true,
      true,
      true,
    ]);
    expect(noop.verify?.(5, 2, { tasks: 3 })).toBe('expected 2, got 5');
  });
});
