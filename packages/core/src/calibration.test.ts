import { describe, expect, it } from 'vitest';
import {
  calibrateProbes,
  measureTimerResolution,
  runCalibrationProbe,
  timerResolutionProbe,
} from './calibration.js';
import type { CalibrationProbe, ProbeScopeBase } from './calibration-types.js';
import { CancelToken } from './cancel.js';
import type { MeasureEvent } from './measure.js';
import { type Profile, profiles } from './profiles.js';

// The loop on its own, with scopes that start nothing: runners test their probes on real workers.

/** 3 samples asked for, one warm-up: calibration takes 5 at least. */
const profile: Profile = {
  ...profiles.quick,
  name: 't',
  warmups: 1,
  minSamples: 3,
  maxSamples: 3,
  targetCiWidth: 1,
};

/** A scope of a runner of its own: what its probes get, and what the loop did with it. */
class TestScope implements ProbeScopeBase {
  readonly cancel: CancelToken = new CancelToken();
  readonly label = 'test-runner';
  closed = 0;
  async close(): Promise<void> {
    this.closed++;
  }
}

function scopes(): { made: TestScope[]; makeScope: () => TestScope } {
  const made: TestScope[] = [];
  return {
    made,
    makeScope: () => {
      const scope = new TestScope();
      made.push(scope);
      return scope;
    },
  };
}

/** Every operation "takes" 2 ms; the probe reads its runner's own scope. */
const fixed = (primitive: string, seen: string[] = []): CalibrationProbe<TestScope> => ({
  name: 'fixed',
  primitive,
  opsPerSample: 4,
  params: { bytes: 8 },
  options: { api: 'test' },
  async open(scope) {
    seen.push(scope.label);
    return { run: async (ops) => ops * 2 };
  },
});

describe('calibrateProbes', () => {
  it('measures each probe into a calibration cell in a scope of its own, closed when it ends', async () => {
    const { made, makeScope } = scopes();
    const seen: string[] = [];
    const events: MeasureEvent['type'][] = [];
    const cells = await calibrateProbes({
      profile,
      probes: [fixed('timer', seen), fixed('worker_threads', seen)],
      makeScope,
      timerResolutionMs: 1,
      onEvent: (event) => events.push(event.type),
    });
    expect(cells.map((c) => [c.id, c.strategy, c.status, c.samples, c.warmups, c.flags])).toEqual([
      ['calibration(bytes=8,opsPerSample=4,probe=fixed)/timer@1', 'timer', 'ok', Array(20).fill(2), [2], []],
      [
        'calibration(bytes=8,opsPerSample=4,probe=fixed)/worker_threads@1',
        'worker_threads',
        'ok',
        Array(20).fill(2),
        [2],
        // 4 operations of 2 ms is under 100 steps of a 1 ms timer; a timer probe is never flagged so.
        ['below-timer-resolution'],
      ],
    ]);
    expect(cells[0]).toMatchObject({
      workload: 'calibration',
      kind: 'calibration',
      concurrency: 1,
      tasksPerSample: 1,
      params: { bytes: 8, probe: 'fixed', opsPerSample: 4 },
      options: { api: 'test' },
      stats: { median: 2, cv: 0 },
    });
    expect(seen).toEqual(['test-runner', 'test-runner']);
    expect(made.map((s) => [s.closed, s.cancel.cancelled])).toEqual([
      [1, true],
      [1, true],
    ]);
    const perCell = [...Array(20).fill('sample'), 'cell-done'];
    expect(events).toEqual(['group-start', ...perCell, ...perCell]);
  });

  it('records a probe that fails as errored, and goes on with the next', async () => {
    const { made, makeScope } = scopes();
    const fails: CalibrationProbe<TestScope> = {
      ...fixed('child_process'),
      name: 'fails',
      open: () => Promise.reject(new Error('no child today')),
    };
    const cells = await calibrateProbes({ profile, probes: [fails, fixed('timer')], makeScope });
    expect(cells.map((c) => [c.params.probe, c.status, c.reason, c.samples])).toEqual([
      ['fails', 'errored', 'no child today', []],
      ['fixed', 'ok', undefined, Array(20).fill(2)],
    ]);
    expect(made.map((s) => s.closed)).toEqual([1, 1]);
  });

  it("stops a hung probe with its watchdog and cancels the probe's scope", async () => {
    const { made, makeScope } = scopes();
    const hangs: CalibrationProbe<TestScope> = {
      ...fixed('worker_threads'),
      name: 'hangs',
      open: () => new Promise(() => {}),
    };
    const cells = await calibrateProbes({
      profile: { ...profile, sampleTimeoutMs: 20 },
      probes: [hangs],
      makeScope,
    });
    expect(cells.map((c) => [c.status, c.reason])).toEqual([
      ['errored', 'the probe ran longer than 20 ms and was stopped (watchdog)'],
    ]);
    expect([made[0]?.cancel.reason?.message, made[0]?.closed]).toEqual([
      'the probe ran longer than 20 ms and was stopped (watchdog)',
      1,
    ]);
  });

  it('returns no cell when interrupted before it starts, and makes no scope', async () => {
    const { made, makeScope } = scopes();
    const interrupt = new CancelToken();
    interrupt.cancel(new Error('Ctrl-C'));
    expect(await calibrateProbes({ profile, probes: [fixed('timer')], makeScope, interrupt })).toEqual([]);
    expect(made).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Error]>([
    [
      'no profile',
      { profile: undefined },
      new TypeError('options.profile must be a profile object (see getProfile), got undefined'),
    ],
    [
      'no probes',
      { probes: undefined },
      new TypeError('options.probes must be an array of probes, got undefined'),
    ],
    [
      'no makeScope',
      { makeScope: 'scope' },
      new TypeError('options.makeScope must be a function, got scope'),
    ],
    [
      'a probe of 0 operations per sample',
      { probes: [{ ...fixed('timer'), opsPerSample: 0 }] },
      new RangeError('probe fixed: opsPerSample must be a positive integer, got 0'),
    ],
  ])('rejects %s', async (_what, change, error) => {
    const options = { profile, probes: [fixed('timer')], makeScope: scopes().makeScope, ...change };
    await expect(calibrateProbes(options as never)).rejects.toEqual(error);
  });
});

describe('runCalibrationProbe', () => {
  it('runs the timer probe, which needs nothing from its scope', async () => {
    const { made, makeScope } = scopes();
    const cell = await runCalibrationProbe(timerResolutionProbe, makeScope, {
      profile,
      timerResolutionMs: 1,
    });
    expect([cell?.id, cell?.status, cell?.options, cell?.samples.length, made[0]?.closed]).toEqual([
      'calibration(opsPerSample=1,probe=timer-resolution)/timer@1',
      'ok',
      { api: 'performance.now' },
      20,
      1,
    ]);
    expect(cell?.stats?.median).toBeGreaterThan(0);
  });
});

describe('measureTimerResolution', () => {
  it('is the smallest non-zero clock step: positive and finite', () => {
    const resolution = measureTimerResolution(20);
    expect([resolution > 0, Number.isFinite(resolution)]).toEqual([true, true]);
  });
});
