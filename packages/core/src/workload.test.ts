import { describe, expect, it } from 'vitest';
import { ParalabError } from './errors.js';
import { type AnyWorkload, defineWorkload, type ParamSpecs, resolveParams } from './workload.js';

const params = {
  tasks: { type: 'integer', default: 4, description: 'tasks per sample', min: 1, max: 100 },
  ratio: { type: 'number', default: 0.5, description: 'a fraction', min: 0, max: 1 },
  mode: { type: 'enum', default: 'fast', description: 'how', values: ['fast', 'slow'] },
  cache: { type: 'boolean', default: false, description: 'cache results' },
} as const satisfies ParamSpecs;

const valid = {
  id: 'demo-work',
  kind: 'cpu',
  description: 'a workload for tests',
  params,
  prepare: () => [1, 2, 3],
  run: (input: number) => input * 2,
} as const;

const workload = defineWorkload(valid);

/** defineWorkload on a deliberately malformed declaration (the cast lets the test bypass the types). */
const define = (overrides: Record<string, unknown>) =>
  defineWorkload({ ...valid, ...overrides } as unknown as AnyWorkload);

/** Runs `fn` and returns what it threw, so a test can check the class, code and message together. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('defineWorkload', () => {
  it('returns the declaration frozen, parameters included', () => {
    expect(workload).toEqual(valid);
    expect(Object.isFrozen(workload)).toBe(true);
    expect(Object.isFrozen(workload.params)).toBe(true);
  });

  it.each([
    ['Demo', 'workload.id must be kebab-case (like "regex-meta"), got "Demo"'],
    ['demo_work', 'workload.id must be kebab-case (like "regex-meta"), got "demo_work"'],
    ['demo--work', 'workload.id must be kebab-case (like "regex-meta"), got "demo--work"'],
    ['-demo', 'workload.id must be kebab-case (like "regex-meta"), got "-demo"'],
    ['demo-', 'workload.id must be kebab-case (like "regex-meta"), got "demo-"'],
    ['1demo', 'workload.id must be kebab-case (like "regex-meta"), got "1demo"'],
    ['', 'workload.id must be kebab-case (like "regex-meta"), got ""'],
    [42, 'workload.id must be kebab-case (like "regex-meta"), got 42'],
    [undefined, 'workload.id must be kebab-case (like "regex-meta"), got undefined'],
  ])('rejects the id %j', (id, message) => {
    const error = thrown(() => define({ id }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toHaveProperty('message', message);
  });

  it.each(['a', 'sha256', 'regex-meta', 'a1-b2-c3'])('accepts the id %j', (id) => {
    expect(define({ id }).id).toBe(id);
  });

  it.each([
    ['gpu', 'workload.kind must be "cpu", "io" or "mixed", got "gpu"'],
    ['CPU', 'workload.kind must be "cpu", "io" or "mixed", got "CPU"'],
    [undefined, 'workload.kind must be "cpu", "io" or "mixed", got undefined'],
  ])('rejects the kind %j', (kind, message) => {
    const error = thrown(() => define({ kind }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toHaveProperty('message', message);
  });

  it.each([
    ['prepare', { prepare: undefined }, 'workload.prepare of "demo-work" must be a function'],
    ['run', { run: 'run' }, 'workload.run of "demo-work" must be a function'],
  ])('rejects a missing %s function', (_name, overrides, message) => {
    const error = thrown(() => define(overrides));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toHaveProperty('message', message);
  });

  it.each([
    [{ n: { type: 'integer', default: 1.5, description: '' } }, 'demo-work.n must be an integer, got 1.5'],
    [
      { n: { type: 'number', default: Number.NaN, description: '' } },
      'demo-work.n must be a finite number, got NaN',
    ],
    [
      { n: { type: 'integer', default: 0, description: '', min: 1 } },
      'demo-work.n must be at least 1, got 0',
    ],
    [{ n: { type: 'number', default: 2, description: '', max: 1 } }, 'demo-work.n must be at most 1, got 2'],
    [
      { m: { type: 'enum', default: 'c', description: '', values: ['a', 'b'] } },
      'demo-work.m must be one of a, b, got "c"',
    ],
    [
      { b: { type: 'boolean', default: 'yes', description: '' } },
      'demo-work.b must be true or false, got "yes"',
    ],
  ])('rejects the bad default in %j', (badParams, message) => {
    const error = thrown(() => define({ params: badParams }));
    expect(error).toBeInstanceOf(ParalabError);
    expect(error).toMatchObject({ code: 'ERR_PARAM', message });
  });

  it('rejects an unknown parameter type', () => {
    const error = thrown(() => define({ params: { n: { type: 'bigint', default: 1, description: '' } } }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toHaveProperty('message', 'demo-work.n has an unknown parameter type');
  });
});

describe('resolveParams', () => {
  it('gives the defaults when nothing is overridden', () => {
    expect(resolveParams(workload)).toEqual({ tasks: 4, ratio: 0.5, mode: 'fast', cache: false });
    expect(resolveParams(workload, {})).toEqual({ tasks: 4, ratio: 0.5, mode: 'fast', cache: false });
  });

  it('overlays overrides on the defaults', () => {
    expect(resolveParams(workload, { tasks: 7, mode: 'slow' })).toEqual({
      tasks: 7,
      ratio: 0.5,
      mode: 'slow',
      cache: false,
    });
  });

  it.each([
    [{ tasks: '5' }, { tasks: 5 }],
    [{ tasks: ' 12 ' }, { tasks: 12 }],
    [{ tasks: '1e2' }, { tasks: 100 }],
    [{ ratio: '0.25' }, { ratio: 0.25 }],
    [{ cache: 'true' }, { cache: true }],
    [{ cache: 'false' }, { cache: false }],
    [{ mode: 'slow' }, { mode: 'slow' }],
  ])('coerces the command-line string in %j', (overrides, expected) => {
    expect(resolveParams(workload, overrides)).toEqual({
      ...{ tasks: 4, ratio: 0.5, mode: 'fast', cache: false },
      ...expected,
    });
  });

  it('accepts values on the bounds (min and max are inclusive)', () => {
    expect(resolveParams(workload, { tasks: 1, ratio: 0 })).toMatchObject({ tasks: 1, ratio: 0 });
    expect(resolveParams(workload, { tasks: '100', ratio: '1' })).toMatchObject({ tasks: 100, ratio: 1 });
  });

  it.each([
    [{ tasks: 2.5 }, 'demo-work.tasks must be an integer, got 2.5'],
    [{ tasks: '2.5' }, 'demo-work.tasks must be an integer, got 2.5'],
    [{ tasks: '' }, 'demo-work.tasks must be an integer, got ""'],
    [{ tasks: true }, 'demo-work.tasks must be an integer, got true'],
    [{ ratio: 'Infinity' }, 'demo-work.ratio must be a finite number, got Infinity'],
    [{ tasks: 0 }, 'demo-work.tasks must be at least 1, got 0'],
    [{ tasks: '-3' }, 'demo-work.tasks must be at least 1, got -3'],
    [{ tasks: 101 }, 'demo-work.tasks must be at most 100, got 101'],
    [{ ratio: 1.5 }, 'demo-work.ratio must be at most 1, got 1.5'],
    [{ mode: 'medium' }, 'demo-work.mode must be one of fast, slow, got "medium"'],
    [{ mode: 1 }, 'demo-work.mode must be one of fast, slow, got 1'],
    [{ cache: 'yes' }, 'demo-work.cache must be true or false, got "yes"'],
    [{ cache: 'TRUE' }, 'demo-work.cache must be true or false, got "TRUE"'],
    [{ cache: 1 }, 'demo-work.cache must be true or false, got 1'],
  ])('rejects %j', (overrides, message) => {
    const error = thrown(() => resolveParams(workload, overrides));
    expect(error).toBeInstanceOf(ParalabError);
    expect(error).toMatchObject({ code: 'ERR_PARAM', message });
  });

  // Regression test.
  it('names the string the user gave when it is not a number', () => {
    expect(() => resolveParams(workload, { tasks: 'abc' })).toThrow(
      'demo-work.tasks must be an integer, got "abc"',
    );
  });

  it('lists the known parameters when a name is unknown', () => {
    const error = thrown(() => resolveParams(workload, { task: 3 }));
    expect(error).toBeInstanceOf(ParalabError);
    expect(error).toMatchObject({
      code: 'ERR_PARAM',
      message: 'demo-work has no parameter "task" (parameters: tasks, ratio, mode, cache)',
    });
  });

  it('says "none" when the workload has no parameters', () => {
    const bare = define({ params: {} });
    expect(() => resolveParams(bare, { tasks: 3 })).toThrow(
      'demo-work has no parameter "tasks" (parameters: none)',
    );
  });

  // Regression test.
  it.each(['toString', 'constructor', 'hasOwnProperty'])('rejects the inherited name %j', (name) => {
    expect(() => resolveParams(workload, { [name]: 3 })).toThrow(
      `demo-work has no parameter "${name}" (parameters: tasks, ratio, mode, cache)`,
    );
  });
});
