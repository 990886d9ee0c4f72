import { describe, expect, it } from 'vitest';
import { resolveParams } from '../workload.js';
import { blocking } from './blocking.js';

describe('blocking', () => {
  it('mixes the CPU tasks evenly among the timers', async () => {
    const inputs = await blocking.prepare(resolveParams(blocking, { timers: 4, ms: 1, cpuTasks: 2 }), {
      seed: 1,
    });
    expect(inputs.map((input) => (input.type === 'cpu' ? 'cpu' : input.id))).toEqual([
      'cpu',
      0,
      1,
      'cpu',
      2,
      3,
    ]);
  });

  it('verifies timers by id and CPU tasks by primality, and rejects wrong answers', async () => {
    const params = resolveParams(blocking, { timers: 3, ms: 0, cpuTasks: 1 });
    const inputs = await blocking.prepare(params, { seed: 1 });
    const outputs = await Promise.all(inputs.map((input) => blocking.run(input)));
    expect(outputs).toEqual([true, 0, 1, 2]);
    expect(
      inputs.map((input, i) => blocking.verify?.(outputs[i] as number | boolean, input, params)),
    ).toEqual([true, true, true, true]);
    expect(blocking.verify?.(false, inputs[0] as (typeof inputs)[0], params)).toBe(
      'expected true, got false',
    );
    expect(blocking.verify?.(7, inputs[1] as (typeof inputs)[0], params)).toBe('expected 0, got 7');
  });
});
