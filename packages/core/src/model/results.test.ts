import { describe, expect, it } from 'vitest';
import { parseResults } from '../schema.js';
import { measured, nodeFloors, runOf, tasksOf } from './_fixtures.js';
import { modelErrors, modelErrorsOf, modelResults, recordedModels, withModel } from './results.js';

const POOL = {
  library: 'node:worker_threads',
  serialization: 'structured-clone',
  inFlight: 'one-per-worker',
};
const PROCESS = { library: 'node:child_process', serialization: 'advanced', inFlight: 'one-per-process' };

/**
 * 8 tasks of 10 ms; predictions: worker@2 and piscina@2 4 × (10 + 0.05) = 40.2, process@2 4 × (10 + 0.1) = 40.4.
 * Measured so that the ratios are 0.8 (worker), 1.5 (piscina) and 1 (process).
 */
function run() {
  const cell = (strategy: string, median: number, options: Record<string, string>, family = 'threads') =>
    measured('work', strategy, 2, median, { options, family, bytes: 800, tasksPerSample: 8 });
  return runOf([
    ...nodeFloors(),
    measured('work', 'sequential', 1, 80, {
      tasks: tasksOf(new Array<number>(8).fill(10)),
      tasksPerSample: 8,
      options: { inFlight: 1, thread: 'main' },
    }),
    cell('worker', 40.2 / 0.8, POOL),
    cell('piscina', 40.2 / 1.5, { ...POOL, library: 'piscina' }),
    cell('process', 40.4, PROCESS, 'processes'),
    cell('odd', 40, { inFlight: 'weird' }),
  ]);
}

describe('modelResults and withModel', () => {
  it('records predicted beside measured for every measured cell, none for calibration cells', () => {
    const records = modelResults(run());
    expect([...records.keys()]).toEqual([
      'work({})/sequential@1',
      'work({})/worker@2',
      'work({})/piscina@2',
      'work({})/process@2',
      'work({})/odd@2',
    ]);
    expect(records.get('work({})/worker@2')).toMatchObject({
      predictedMs: expect.closeTo(40.2, 9),
      measuredMs: 50.25,
      ratio: expect.closeTo(0.8, 9),
    });
    expect(records.get('work({})/odd@2')).toEqual({ unknown: 'unknown in-flight policy "weird"' });
  });

  it('writes records the results schema accepts', () => {
    const parsed = parseResults(JSON.parse(JSON.stringify(withModel(run()))));
    expect(parsed.cells.find((c) => c.strategy === 'sequential')?.model).toMatchObject({
      reference: true,
      ratio: 1,
    });
    expect(parsed.cells.find((c) => c.kind === 'calibration')?.model).toBeUndefined();
  });
});

describe('modelErrors', () => {
  it('per runtime and strategy: median |ratio - 1|, the share within 35%, the far-off cells', () => {
    const [all, ...each] = modelErrors(run());
    // Errors 0.2 (worker), 0.5 (piscina), 0 (process); the sequential cell is the reference, left out.
    expect(all).toMatchObject({
      runtime: 'node',
      strategy: '*',
      predicted: 3,
      unknown: 1,
      medianAbsError: expect.closeTo(0.2, 9),
    });
    expect(all?.shareWithin).toBeCloseTo(2 / 3, 12);
    expect(all?.farOff.map((c) => c.id)).toEqual(['work({})/piscina@2']);
    expect(each.map((e) => [e.strategy, e.predicted, e.unknown])).toEqual([
      ['sequential', 0, 0],
      ['worker', 1, 0],
      ['piscina', 1, 0],
      ['process', 1, 0],
      ['odd', 0, 1],
    ]);
  });

  it('counts only the kinds asked for, and checks its options', () => {
    expect(modelErrors(run(), { kinds: ['io'] })[0]).toMatchObject({ predicted: 0, unknown: 0 });
    expect(() => modelErrors(run(), { within: -1 })).toThrow(
      new RangeError('options.within must be a number >= 0, got -1'),
    );
  });
});

describe('modelErrorsOf and recordedModels', () => {
  it('reads the records a file carries: the same figures as modelErrors when they were written by withModel', () => {
    const written = withModel(run());
    const recorded = recordedModels(written);
    expect([...recorded.keys()]).toEqual([...modelResults(run()).keys()]);
    expect(modelErrorsOf(written, recorded)).toEqual(modelErrors(run()));
  });

  it("uses the records it is given, not a fresh prediction: a record's ratio 3 is 200% off", () => {
    const results = run();
    const records = new Map([
      ['work({})/worker@2', { predictedMs: 150, measuredMs: 50, ratio: 3, terms: {}, assumptions: [] }],
      ['work({})/process@2', { predictedMs: 40, measuredMs: 40, ratio: 1, terms: {}, assumptions: [] }],
    ]);
    const [all, worker, process] = modelErrorsOf(results, records, { kinds: ['cpu'] });
    // Errors |3 - 1| = 2 and 0: median 1, one of two within 35%.
    expect(all).toMatchObject({ strategy: '*', predicted: 2, medianAbsError: 1, shareWithin: 0.5 });
    expect(all?.farOff).toEqual([{ id: 'work({})/worker@2', predictedMs: 150, measuredMs: 50, ratio: 3 }]);
    expect([worker?.strategy, process?.strategy]).toEqual(['worker', 'process']);
    expect(recordedModels(results).size).toBe(0);
  });
});
