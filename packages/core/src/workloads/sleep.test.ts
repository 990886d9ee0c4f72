import { describe, expect, it } from 'vitest';
import { resolveParams } from '../workload.js';
import { sleep } from './sleep.js';

const paramsOf = (overrides?: Readonly<Record<string, unknown>>) => resolveParams(sleep, overrides);

describe('sleep', () => {
  it('returns each task id after its wait', async () => {
    const params = paramsOf({ tasks: 5, ms: 1 });
    const inputs = await sleep.prepare(params, { seed: 1 });
    expect(inputs).toEqual([0, 1, 2, 3, 4].map((id) => ({ id, ms: 1 })));
    const outputs = await Promise.all(inputs.map((input) => sleep.run(input)));
    expect(outputs).toEqual([0, 1, 2, 3, 4]);
    expect(inputs.map((input, i) => sleep.verify?.(outputs[i] as number, input, params))).toEqual(
      inputs.map(() => true),
    );
  });

  it('rejects a wrong id with a reason', () => {
    expect(sleep.verify?.(4, { id: 3, ms: 1 }, paramsOf())).toBe('expected 3, got 4');
  });

  it.each([
    [{ ms: -1 }, 'sleep.ms must be at least 0, got -1'],
    [{ tasks: 0 }, 'sleep.tasks must be at least 1, got 0'],
  ])('rejects %o', (overrides, message) => {
    expect(() => paramsOf(overrides)).toThrow(message);
  });
});
