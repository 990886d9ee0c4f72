import { describe, expect, it } from 'vitest';
import { createOutputCheck } from './check.js';
import { fingerprint } from './fingerprint.js';
import { defineWorkload, type VerifyResult } from './workload.js';

const inputs = [1, 2, 3];

/** Doubles its input; `verify` (optional) checks against the known answer. */
function doubler(verify?: (output: number, input: number, params: Record<string, unknown>) => VerifyResult) {
  const runs: number[] = [];
  const workload = defineWorkload({
    id: 'doubler',
    kind: 'cpu',
    description: 'doubles numbers',
    params: { scale: { type: 'integer', default: 2, description: 'factor' } },
    prepare: () => inputs,
    run: async (input: number) => {
      runs.push(input);
      return input * 2;
    },
    ...(verify ? { verify } : {}),
  });
  return { workload, runs };
}

const knownAnswer = (output: number, input: number): VerifyResult =>
  output === input * 2 ? true : `expected ${input * 2}, got ${output}`;

describe('createOutputCheck with verify (known answers)', () => {
  it('accepts right outputs without a reference run', async () => {
    const { workload, runs } = doubler(knownAnswer);
    const check = await createOutputCheck(workload, { scale: 2 }, inputs);
    expect(check([2, 4, 6])).toBe(true);
    expect(runs).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a wrong output', [2, 5, 6], 'task 1: expected 4, got 5'],
    ['the first of several wrong outputs', [0, 5, 7], 'task 0: expected 2, got 0'],
    ['too few outputs', [2, 4], 'expected 3 outputs, got 2'],
    ['too many outputs', [2, 4, 6, 8], 'expected 3 outputs, got 4'],
    ['no array', null, 'expected 3 outputs, got object'],
    ['undefined', undefined, 'expected 3 outputs, got undefined'],
  ])('rejects %s', async (_what, outputs, reason) => {
    const { workload } = doubler(knownAnswer);
    const check = await createOutputCheck(workload, { scale: 2 }, inputs);
    expect(check(outputs as unknown[])).toBe(reason);
  });

  it('passes output, input and params to verify', async () => {
    const calls: unknown[] = [];
    const { workload } = doubler((output, input, params) => {
      calls.push([output, input, params]);
      return true;
    });
    const check = await createOutputCheck(workload, { scale: 2 }, inputs);
    expect(check([20, 40, 60])).toBe(true);
    expect(calls).toEqual([
      [20, 1, { scale: 2 }],
      [40, 2, { scale: 2 }],
      [60, 3, { scale: 2 }],
    ]);
  });

  it.each<[string, () => never, string]>([
    [
      'an Error',
      () => {
        throw new TypeError('cannot read output.x');
      },
      'task 0: verify threw: cannot read output.x',
    ],
    [
      'a string',
      () => {
        throw 'nope';
      },
      'task 0: verify threw: nope',
    ],
  ])('turns a verify that throws %s into a reason', async (_what, verify, reason) => {
    const { workload } = doubler(verify);
    const check = await createOutputCheck(workload, {}, inputs);
    expect(check([2, 4, 6])).toBe(reason);
  });

  it('turns a non-string, non-true verdict into text', async () => {
    const { workload } = doubler(() => false as unknown as VerifyResult);
    const check = await createOutputCheck(workload, {}, inputs);
    expect(check([2, 4, 6])).toBe('task 0: false');
  });
});

describe('createOutputCheck without verify (checksum against a reference run)', () => {
  it('runs the task once per input, up front, and accepts equal outputs', async () => {
    const { workload, runs } = doubler();
    const check = await createOutputCheck(workload, {}, inputs);
    expect(runs).toEqual([1, 2, 3]);
    expect(check([2, 4, 6])).toBe(true);
    expect(check([2, 4, 6])).toBe(true);
    expect(runs).toEqual([1, 2, 3]);
  });

  it('names the first differing task with both checksums', async () => {
    const { workload } = doubler();
    const check = await createOutputCheck(workload, {}, inputs);
    expect(check([2, 4, 7])).toBe(
      `task 2: output differs from the reference run (checksum ${fingerprint(7)}, expected ${fingerprint(6)})`,
    );
  });

  it.each<[string, number[], unknown[], number, unknown, number]>([
    ['a string for a number', [1, 2, 3], [2, '4', 6], 1, '4', 4],
    ['-0 for 0', [1, 0, 3], [2, -0, 6], 1, -0, 0],
  ])('rejects %s', async (_what, taskInputs, outputs, task, got, expected) => {
    const { workload } = doubler();
    const check = await createOutputCheck(workload, {}, taskInputs);
    expect(check(outputs)).toBe(
      `task ${task}: output differs from the reference run (checksum ${fingerprint(got)}, expected ${fingerprint(expected)})`,
    );
  });

  it.each<[string, unknown, string]>([
    ['too few outputs', [2], 'expected 3 outputs, got 1'],
    ['no array', 'outputs', 'expected 3 outputs, got string'],
  ])('rejects %s', async (_what, outputs, reason) => {
    const { workload } = doubler();
    const check = await createOutputCheck(workload, {}, inputs);
    expect(check(outputs as unknown[])).toBe(reason);
  });

  it('rejects when the reference run throws', async () => {
    const workload = defineWorkload({
      id: 'broken',
      kind: 'cpu',
      description: 'throws',
      params: {},
      prepare: () => [1],
      run: (): number => {
        throw new Error('task exploded');
      },
    });
    await expect(createOutputCheck(workload, {}, [1])).rejects.toThrow('task exploded');
  });
});
