import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PeerScope } from './calibration-peers.js';
import type { CalibrationProbe } from './calibration-types.js';
import { CancelToken } from './cancel.js';
import { ParalabError } from './errors.js';
import { fingerprint } from './fingerprint.js';
import { type MeasureEvent, type MeasureOptions, measure } from './measure.js';
import type { CellPlan } from './plan.js';
import { delay, now } from './platform.js';
import type { Profile } from './profiles.js';
import { createResults } from './results.js';
import { type Cell, parseResults } from './schema.js';
import { speedup } from './stats/bootstrap.js';
import { summarize } from './stats/summary.js';
import { asyncStrategy } from './strategies/async.js';
import { sequential } from './strategies/sequential.js';
import type { Strategy, StrategyInstance, StrategyOptions } from './strategy.js';
import { type AnyWorkload, defineWorkload, resolveParams } from './workload.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const profile: Profile = {
  name: 't',
  warmups: 1,
  maxWarmups: 1,
  minSamples: 3,
  minTimeMs: 0,
  maxSamples: 3,
  targetCiWidth: 1,
  cellBudgetMs: 10_000,
  sampleTimeoutMs: 200,
};

const baseOptions: MeasureOptions = { profile, seed: 1, availableParallelism: 4, timerResolutionMs: 0 };

const expectDouble = (output: number, input: number) =>
  output === input * 2 ? true : `expected ${input * 2}, got ${output}`;

/** Doubles 1, 2, 3; checked by known answers. */
const nums = defineWorkload({
  id: 'nums',
  kind: 'cpu',
  description: 'doubles three numbers',
  params: {},
  prepare: () => [1, 2, 3],
  run: async (input: number) => input * 2,
  verify: expectDouble,
});

/** The same task under another id, for a second group. */
const others = defineWorkload({ ...nums, id: 'others' });

/** Doubles 1, 2, 3; checked by checksum against a reference run (no verify). */
const unverified = defineWorkload({
  id: 'unverified',
  kind: 'cpu',
  description: 'doubles three numbers, no known answers',
  params: {},
  prepare: () => [1, 2, 3],
  run: async (input: number) => input * 2,
});

const plan = (workload: AnyWorkload, strategy: Strategy, concurrency = 1): CellPlan => ({
  workload,
  ref: { module: 'test:measure', id: workload.id },
  params: resolveParams(workload),
  strategy,
  concurrency,
});

interface SpyCounts {
  created: number;
  closed: number;
  batches: number;
}

interface SpySettings {
  /** Names are pushed here each time a batch starts. */
  log?: string[];
  options?: StrategyOptions;
  /** Replaces the outputs of batch `batch` (0-based, warm-ups included). */
  tamper?: (outputs: unknown[], batch: number) => unknown[];
  /** Called as batch `batch` starts. */
  onBatch?: (batch: number) => void;
  supports?: Strategy['supports'];
  /** Runs before the instance is returned from create. */
  starting?: () => Promise<void>;
}

/** A strategy that runs tasks one by one on the main thread and records what was asked of it. */
function spy(name: string, settings: SpySettings = {}): Strategy & { counts: SpyCounts } {
  const counts: SpyCounts = { created: 0, closed: 0, batches: 0 };
  return {
    name,
    description: `spy ${name}`,
    family: 'threads',
    counts,
    ...(settings.supports ? { supports: settings.supports } : {}),
    async create({ workload }): Promise<StrategyInstance> {
      await settings.starting?.();
      counts.created++;
      return {
        options: settings.options ?? { thread: 'main', spy: name },
        async runBatch(inputs) {
          const batch = counts.batches++;
          settings.log?.push(name);
          settings.onBatch?.(batch);
          const outputs: unknown[] = [];
          for (const input of inputs) outputs.push(await workload.run(input));
          return settings.tamper ? settings.tamper(outputs, batch) : outputs;
        },
        async close() {
          counts.closed++;
        },
      };
    },
  };
}

/** Keeps this thread busy for `ms` (a batch that takes that long, to the timer's precision). */
function spinFor(ms: number): void {
  const end = now() + ms;
  while (now() < end);
}

const byId = (cells: readonly Cell[]): Record<string, Cell> =>
  Object.fromEntries(cells.map((cell) => [cell.id, cell]));

/** Flags that do not depend on how noisy this machine happens to be. */
const steadyFlags = (cell: Cell | undefined): string[] | undefined =>
  cell?.flags.filter((flag) => flag !== 'noisy');

const summary = (cell: Cell | undefined) => {
  if (!cell) return undefined;
  const { n: _n, ...stats } = summarize(cell.samples);
  return stats;
};

describe('measure: ok cells', () => {
  it('takes exactly maxSamples samples after the warm-ups and records statistics', async () => {
    const pool = spy('pool', { options: { thread: 'worker', library: 'spy' } });
    const result = await measure(
      [
        plan(nums, sequential),
        plan(nums, asyncStrategy, 2),
        plan(nums, pool, 2),
        plan(others, asyncStrategy, 2),
      ],
      baseOptions,
    );
    expect(result.complete).toBe(true);
    expect(result.cells.map((cell) => cell.id)).toEqual([
      'nums()/sequential@1',
      'nums()/async@2',
      'nums()/pool@2',
      'others()/async@2',
    ]);
    for (const cell of result.cells) {
      expect(cell).toEqual({
        id: cell.id,
        workload: cell.id.startsWith('nums') ? 'nums' : 'others',
        kind: 'cpu',
        module: 'test:measure',
        strategy: cell.strategy,
        family:
          cell.strategy === 'sequential' ? 'sequential' : cell.strategy === 'async' ? 'async' : 'threads',
        concurrency: cell.strategy === 'sequential' ? 1 : 2,
        params: {},
        options:
          cell.strategy === 'pool'
            ? { thread: 'worker', library: 'spy' }
            : { inFlight: cell.concurrency, thread: 'main' },
        status: 'ok',
        samples: [expect.any(Number), expect.any(Number), expect.any(Number)],
        warmups: [expect.any(Number)],
        tasksPerSample: 3,
        startupMs: expect.any(Number),
        stats: summary(cell),
        throughput: (3 * 1000) / (cell.stats?.median ?? Number.NaN),
        ...(cell.workload === 'nums' ? { speedup: expect.any(Object) } : {}),
        ...(cell.strategy === 'sequential'
          ? { tasks: expect.objectContaining({ n: 3, phase: 'whole', perTaskMs: expect.any(Array) }) }
          : {}),
        flags: expect.any(Array),
        metrics: { bytesMovedPerSample: 0 },
      });
      if (cell.strategy === 'sequential') expect(cell.speedup).toEqual({ ratio: 1, baseline: true });
      expect(steadyFlags(cell)).toEqual(['ci-wide']); // 3 samples: the CI of the median covers only 75%
    }
    expect(pool.counts).toEqual({ created: 1, closed: 1, batches: 4 });
  });

  it('gives speedup = median(sequential) / median(cell) within a group, and none without a baseline', async () => {
    const result = await measure(
      [plan(nums, sequential), plan(nums, asyncStrategy, 2), plan(others, asyncStrategy, 2)],
      baseOptions,
    );
    const cells = byId(result.cells);
    const base = cells['nums()/sequential@1'];
    const parallel = cells['nums()/async@2'];
    expect(base && parallel).toBeTruthy();
    if (!base?.stats || !parallel?.stats) throw new Error('missing stats');
    const expected = speedup(base.samples, parallel.samples);
    expect(parallel.speedup).toEqual({ ratio: expected.ratio, lo: expected.lo, hi: expected.hi });
    expect(parallel.speedup?.ratio).toBe(base.stats.median / parallel.stats.median);
    expect(cells['others()/async@2']?.speedup).toBeUndefined();
  });

  it('gives no speedup when the group has a sequential cell that failed', async () => {
    const result = await measure(
      [plan(nums, spy('sequential', { tamper: () => [0, 0, 0] })), plan(nums, asyncStrategy, 2)],
      baseOptions,
    );
    const cells = byId(result.cells);
    expect(cells['nums()/sequential@1']?.status).toBe('invalid');
    expect(cells['nums()/async@2']?.status).toBe('ok');
    expect(cells['nums()/async@2']?.speedup).toBeUndefined();
  });

  it('writes cells that a results file accepts', async () => {
    const result = await measure([plan(nums, sequential), plan(nums, asyncStrategy, 2)], baseOptions);
    const results = createResults({
      toolVersion: '0.0.0',
      runtime: { name: 'test', version: '1' },
      machine: {
        os: 'test',
        arch: 'test',
        cpuModel: 'test',
        logicalCores: 4,
        availableParallelism: 4,
        totalMemory: 0,
      },
      timer: { source: 'performance.now', resolutionMs: 0 },
      startedAt: new Date(0),
      complete: result.complete,
      profile: profile.name,
      seed: 1,
      cells: result.cells,
    });
    expect(parseResults(JSON.parse(JSON.stringify(results)))).toEqual(results);
  });

  it.each([
    ['stops at minSamples once the CI is narrow enough', { maxSamples: 10, targetCiWidth: Infinity }, 3],
    ['goes on to maxSamples while the CI is too wide', { maxSamples: 6, targetCiWidth: -1 }, 6],
  ])('%s', async (_what, change, samples) => {
    const result = await measure([plan(nums, sequential)], {
      ...baseOptions,
      profile: { ...profile, ...change },
    });
    expect(result.cells[0]?.samples).toHaveLength(samples);
    expect(steadyFlags(result.cells[0])).toEqual(samples < 6 ? ['ci-wide'] : []);
  });

  it('runs the given number of warm-ups and keeps them apart from the samples', async () => {
    const counter = spy('counter');
    const result = await measure([plan(nums, counter)], {
      ...baseOptions,
      profile: { ...profile, warmups: 3 },
    });
    expect(result.cells[0]?.warmups).toHaveLength(3);
    expect(result.cells[0]?.samples).toHaveLength(3);
    expect(counter.counts.batches).toBe(6);
  });

  it('warms each cell first alone, then in rounds among the others, longer while its batches still get faster', async () => {
    const log: string[] = [];
    // Batches halving in time (120, 60, 30, 15 ms ...) are still warming; batches growing 20% each are not.
    const warming = spy('warming', { log, onBatch: (batch) => spinFor(120 / 2 ** batch) });
    const steady = spy('steady', { log, onBatch: (batch) => spinFor(30 * (1 + 0.2 * batch)) });
    const result = await measure([plan(nums, warming), plan(nums, steady)], {
      ...baseOptions,
      profile: { ...profile, warmups: 2, maxWarmups: 4 },
    });
    const cells = byId(result.cells);
    expect(cells['nums()/warming@1']?.warmups).toHaveLength(4);
    expect(cells['nums()/steady@1']?.warmups).toHaveLength(2);
    // Alone: warming's first batch, then steady's; then a round of both (shuffled); then warming alone.
    expect(log.slice(0, 2)).toEqual(['warming', 'steady']);
    expect([...log.slice(2, 4)].sort()).toEqual(['steady', 'warming']);
    expect(log.slice(4, 6)).toEqual(['warming', 'warming']);
    expect(log.slice(6)).toHaveLength(6);
  });

  it('passes the seed and server URL to prepare', async () => {
    const seen: unknown[] = [];
    const recorder = defineWorkload({
      ...nums,
      id: 'recorder',
      prepare: (_params, context) => {
        seen.push(context);
        return [1];
      },
    });
    await measure([plan(recorder, sequential), plan(recorder, asyncStrategy, 2)], {
      ...baseOptions,
      seed: 99,
      services: { serverUrl: 'http://127.0.0.1:1' },
    });
    expect(seen).toEqual([{ seed: 99, serverUrl: 'http://127.0.0.1:1' }]); // once per group, not per cell
  });
});

describe('measure: wrong outputs', () => {
  it('marks a strategy returning wrong outputs invalid and keeps measuring the others', async () => {
    const liar = spy('liar', { tamper: (outputs) => [3, ...outputs.slice(1)] });
    const result = await measure(
      [plan(nums, sequential), plan(nums, liar, 2), plan(nums, asyncStrategy, 2)],
      baseOptions,
    );
    const cells = byId(result.cells);
    expect(cells['nums()/liar@2']).toEqual({
      id: 'nums()/liar@2',
      workload: 'nums',
      kind: 'cpu',
      module: 'test:measure',
      strategy: 'liar',
      family: 'threads',
      concurrency: 2,
      params: {},
      options: { thread: 'main', spy: 'liar' },
      status: 'invalid',
      reason: 'wrong output: task 0: expected 2, got 3',
      samples: [],
      warmups: [],
      tasksPerSample: 3,
      startupMs: expect.any(Number),
      flags: [],
    });
    expect(liar.counts).toEqual({ created: 1, closed: 1, batches: 1 });
    expect(cells['nums()/sequential@1']?.status).toBe('ok');
    expect(cells['nums()/async@2']?.status).toBe('ok');
    expect(cells['nums()/async@2']?.samples).toHaveLength(3);
    expect(result.complete).toBe(true);
  });

  it('keeps the samples taken before an output went wrong, without statistics', async () => {
    const drifting = spy('drifting', { tamper: (outputs, batch) => (batch === 2 ? [2, 4, 7] : outputs) });
    const result = await measure([plan(nums, drifting, 2)], baseOptions);
    const cell = result.cells[0];
    expect(cell?.status).toBe('invalid');
    expect(cell?.reason).toBe('wrong output: task 2: expected 6, got 7');
    expect(cell?.warmups).toHaveLength(1);
    expect(cell?.samples).toHaveLength(1);
    expect(cell?.stats).toBeUndefined();
    expect(cell?.throughput).toBeUndefined();
  });

  it('checks a workload without verify against the reference run', async () => {
    const liar = spy('liar', { tamper: (outputs) => [...outputs.slice(0, 2), '6'] });
    const short = spy('short', { tamper: (outputs) => outputs.slice(1) });
    const result = await measure(
      [plan(unverified, sequential), plan(unverified, liar, 2), plan(unverified, short, 2)],
      baseOptions,
    );
    expect(result.cells.map((cell) => [cell.id, cell.status, cell.reason])).toEqual([
      ['unverified()/sequential@1', 'ok', undefined],
      [
        'unverified()/liar@2',
        'invalid',
        `wrong output: task 2: output differs from the reference run (checksum ${fingerprint('6')}, expected ${fingerprint(6)})`,
      ],
      ['unverified()/short@2', 'invalid', 'wrong output: expected 3 outputs, got 2'],
    ]);
  });
});

describe('measure: failures', () => {
  it('records a task that throws as errored, with its message', async () => {
    const exploding = defineWorkload({
      ...nums,
      id: 'exploding',
      run: async (): Promise<number> => {
        throw new Error('task exploded');
      },
    });
    const result = await measure(
      [plan(exploding, sequential), plan(exploding, asyncStrategy, 2), plan(nums, sequential)],
      baseOptions,
    );
    expect(result.cells.map((cell) => [cell.id, cell.status, cell.reason, cell.samples.length])).toEqual([
      ['exploding()/sequential@1', 'errored', 'task exploded', 0],
      ['exploding()/async@2', 'errored', 'task exploded', 0],
      ['nums()/sequential@1', 'ok', undefined, 3],
    ]);
    expect(result.complete).toBe(true);
  });

  it('stops a batch that never settles (watchdog), closes it and measures the next group', async () => {
    const hanging = defineWorkload({ ...nums, id: 'hanging', run: () => new Promise<number>(() => {}) });
    const stuck = spy('stuck');
    const result = await measure([plan(hanging, stuck, 2), plan(nums, sequential)], baseOptions);
    expect(result.cells.map((cell) => [cell.id, cell.status, cell.reason, cell.samples.length])).toEqual([
      ['hanging()/stuck@2', 'errored', 'a batch ran longer than 200 ms and was stopped (watchdog)', 0],
      ['nums()/sequential@1', 'ok', undefined, 3],
    ]);
    expect(stuck.counts).toEqual({ created: 1, closed: 1, batches: 1 });
    expect(result.complete).toBe(true);
  });

  it('records a strategy whose create() rejects as errored', async () => {
    const broken: Strategy = {
      name: 'broken',
      description: 'cannot start',
      family: 'threads',
      create: () => Promise.reject(new Error('no workers')),
    };
    const result = await measure([plan(nums, broken, 2), plan(nums, sequential)], baseOptions);
    expect(result.cells[0]).toEqual({
      id: 'nums()/broken@2',
      workload: 'nums',
      kind: 'cpu',
      module: 'test:measure',
      strategy: 'broken',
      family: 'threads',
      concurrency: 2,
      params: {},
      options: {},
      status: 'errored',
      reason: 'starting broken failed: no workers',
      samples: [],
      warmups: [],
      tasksPerSample: 3,
      flags: [],
    });
    expect(result.cells[1]?.status).toBe('ok');
  });

  it('stops a create() that takes too long and closes the instance once it arrives', async () => {
    const slow = spy('slow', { starting: () => delay(300) });
    const result = await measure([plan(nums, slow, 2)], baseOptions);
    expect(result.cells[0]?.status).toBe('errored');
    expect(result.cells[0]?.reason).toBe(
      'starting slow failed: starting the strategy took longer than 200 ms (watchdog)',
    );
    await delay(200);
    expect(slow.counts).toEqual({ created: 1, closed: 1, batches: 0 });
  });

  it('records a strategy that does not support the workload as unsupported, without starting it', async () => {
    const picky = spy('picky', { supports: (workload) => `cannot run ${workload.id} here` });
    const result = await measure([plan(nums, picky, 2), plan(nums, sequential)], baseOptions);
    expect(result.cells[0]).toEqual({
      id: 'nums()/picky@2',
      workload: 'nums',
      kind: 'cpu',
      module: 'test:measure',
      strategy: 'picky',
      family: 'threads',
      concurrency: 2,
      params: {},
      options: {},
      status: 'unsupported',
      reason: 'cannot run nums here',
      samples: [],
      warmups: [],
      tasksPerSample: 3,
      flags: [],
    });
    expect(picky.counts.created).toBe(0);
    expect(result.cells[1]?.status).toBe('ok');
  });

  it('records a strategy whose create() rejects with ERR_UNSUPPORTED as unsupported, with its reason', async () => {
    const hangsHere: Strategy = {
      name: 'hangs-here',
      description: 'finds out by trying that it cannot run here',
      family: 'threads',
      create: async () => {
        throw new ParalabError('ERR_UNSUPPORTED', 'this library hangs on this runtime (stopped after 5 s)');
      },
    };
    const result = await measure([plan(nums, hangsHere, 2), plan(nums, sequential)], baseOptions);
    expect(result.cells.map((cell) => [cell.strategy, cell.status, cell.reason])).toEqual([
      ['hangs-here', 'unsupported', 'this library hangs on this runtime (stopped after 5 s)'],
      ['sequential', 'ok', undefined],
    ]);
  });

  // Regression test.
  it('records a supports() that throws as an errored cell and goes on', async () => {
    const confused = spy('confused', {
      supports: () => {
        throw new Error('cannot tell');
      },
    });
    const result = await measure([plan(nums, confused, 2), plan(nums, sequential)], baseOptions);
    expect(result.cells.map((cell) => [cell.id, cell.status])).toEqual([
      ['nums()/confused@2', 'errored'],
      ['nums()/sequential@1', 'ok'],
    ]);
    expect(result.cells[0]?.reason).toMatch(/cannot tell/);
  });

  it.each([
    [
      'prepare throws',
      defineWorkload({
        ...nums,
        id: 'unprepared',
        prepare: () => {
          throw new Error('no inputs today');
        },
      }),
      'preparing the inputs failed: no inputs today',
    ],
    [
      'prepare rejects',
      defineWorkload({ ...nums, id: 'unprepared', prepare: () => Promise.reject(new Error('server down')) }),
      'preparing the inputs failed: server down',
    ],
    [
      'the reference run throws',
      defineWorkload({
        ...unverified,
        id: 'unprepared',
        run: (input: number) => {
          if (input === 2) throw new Error('reference failed on 2');
          return input;
        },
      }),
      'preparing the inputs failed: reference failed on 2',
    ],
  ])('records every cell of the group as errored when %s', async (_what, workload, reason) => {
    const pool = spy('pool');
    const result = await measure(
      [plan(workload, sequential), plan(workload, pool, 2), plan(nums, sequential)],
      baseOptions,
    );
    expect(result.cells.map((cell) => [cell.id, cell.status, cell.reason, cell.tasksPerSample])).toEqual([
      ['unprepared()/sequential@1', 'errored', reason, 0],
      ['unprepared()/pool@2', 'errored', reason, 0],
      ['nums()/sequential@1', 'ok', undefined, 3],
    ]);
    expect(pool.counts.created).toBe(0);
  });

  // Regression test.
  it('does not hang when the reference run of a task never settles', async () => {
    const hanging = defineWorkload({
      ...unverified,
      id: 'hanging',
      run: () => new Promise<number>(() => {}),
    });
    const result = await measure([plan(hanging, sequential), plan(nums, sequential)], baseOptions);
    expect(result.cells.map((cell) => [cell.id, cell.status])).toEqual([
      ['hanging()/sequential@1', 'errored'],
      ['nums()/sequential@1', 'ok'],
    ]);
  }, 1_500);

  it('closes every instance it created, whatever happened to the cell', async () => {
    const strategies = [
      spy('fine'),
      spy('liar', { tamper: () => [0, 0, 0] }),
      spy('thrower', {
        onBatch: (batch) => {
          if (batch === 1) throw new Error('worker died');
        },
      }),
    ];
    const result = await measure(
      strategies.map((strategy) => plan(nums, strategy, 2)),
      baseOptions,
    );
    expect(result.cells.map((cell) => [cell.strategy, cell.status, cell.reason])).toEqual([
      ['fine', 'ok', undefined],
      ['liar', 'invalid', 'wrong output: task 0: expected 2, got 0'],
      ['thrower', 'errored', 'worker died'],
    ]);
    expect(strategies.map((strategy) => strategy.counts)).toEqual([
      { created: 1, closed: 1, batches: 4 },
      { created: 1, closed: 1, batches: 1 },
      { created: 1, closed: 1, batches: 2 },
    ]);
  });
});

describe('measure: interleaving', () => {
  /** The order in which three cells of one group run their batches, for a seed. */
  async function order(seed: number): Promise<string[]> {
    const log: string[] = [];
    await measure(
      ['a', 'b', 'c'].map((name) => plan(nums, spy(name, { log }), 2)),
      { ...baseOptions, seed },
    );
    return log;
  }

  it('is the same for the same seed', async () => {
    expect(await order(5)).toEqual(await order(5));
  });

  it('warms each cell up alone in plan order, then shuffles every round of samples, from the seed', async () => {
    // The warm-ups (one per cell) run in plan order, each cell alone (its memory footprint is read then);
    // then 3 rounds of samples. The rounds' orders were computed independently in Python: mulberry32 seeded
    // with seed ^ FNV-1a('test:measure#nums()'), a Fisher-Yates shuffle of [a, b, c] per round (the same
    // first three shuffles this test checked when the warm-up round was shuffled too).
    expect(await order(1)).toEqual(['a', 'b', 'c', 'b', 'a', 'c', 'a', 'b', 'c', 'c', 'b', 'a']);
    expect(await order(2)).toEqual(['a', 'b', 'c', 'c', 'b', 'a', 'c', 'b', 'a', 'a', 'b', 'c']);
  });
});

describe('measure: interrupt', () => {
  it('stops after the current sample and returns the cells measured so far, incomplete', async () => {
    const interrupt = new CancelToken();
    const stopper = spy('stopper', {
      onBatch: (batch) => {
        if (batch === 2) interrupt.cancel(new Error('SIGINT'));
      },
    });
    const later = spy('later');
    const result = await measure([plan(nums, stopper, 2), plan(others, later, 2)], {
      ...baseOptions,
      interrupt,
    });
    expect(result.complete).toBe(false);
    expect(
      result.cells.map((cell) => [cell.id, cell.status, cell.warmups.length, cell.samples.length]),
    ).toEqual([['nums()/stopper@2', 'interrupted', 1, 2]]);
    expect(result.cells[0]?.reason).toBe("the run was interrupted after 2 of this cell's samples");
    expect(stopper.counts).toEqual({ created: 1, closed: 1, batches: 3 });
    expect(later.counts).toEqual({ created: 0, closed: 0, batches: 0 });
  });

  it('is incomplete when interrupted inside a group, even when every cell has samples', async () => {
    const interrupt = new CancelToken();
    const stopper = spy('stopper', {
      onBatch: (batch) => {
        if (batch === 2) interrupt.cancel(new Error('SIGINT'));
      },
    });
    const result = await measure([plan(nums, stopper, 2), plan(nums, sequential)], {
      ...baseOptions,
      interrupt,
    });
    expect(result.complete).toBe(false);
    expect(result.cells.map((cell) => [cell.id, cell.status, cell.samples.length])).toEqual([
      ['nums()/stopper@2', 'interrupted', 2],
      // Seed 1 orders round 2 sequential-first (the second shuffle of the interleaving tests' Python
      // check), so both cells have their second sample when the stopper's second batch interrupts.
      ['nums()/sequential@1', 'interrupted', 2],
    ]);
  });

  it('measures nothing when interrupted before it starts', async () => {
    const interrupt = new CancelToken();
    interrupt.cancel(new Error('SIGINT'));
    const idle = spy('idle');
    expect(await measure([plan(nums, idle, 2)], { ...baseOptions, interrupt })).toEqual({
      cells: [],
      complete: false,
    });
    expect(idle.counts.created).toBe(0);
  });

  it('is complete when the token is never cancelled', async () => {
    const result = await measure([plan(nums, sequential)], { ...baseOptions, interrupt: new CancelToken() });
    expect(result.complete).toBe(true);
  });
});

describe('measure: flags', () => {
  it('flags threads above the available parallelism as oversubscribed, not main-thread strategies', async () => {
    const worker = spy('worker', { options: { thread: 'worker' } });
    const result = await measure(
      [plan(nums, worker, 8), plan(nums, worker, 4), plan(nums, asyncStrategy, 8)],
      { ...baseOptions, availableParallelism: 4 },
    );
    expect(result.cells.map((cell) => [cell.id, steadyFlags(cell)])).toEqual([
      ['nums()/worker@8', ['oversubscribed', 'ci-wide']],
      ['nums()/worker@4', ['ci-wide']],
      ['nums()/async@8', ['ci-wide']],
    ]);
  });

  it.each([
    [1_000_000, ['below-timer-resolution', 'ci-wide']],
    [0, ['ci-wide']],
  ])('with a timer resolution of %d ms, flags %j', async (timerResolutionMs, flags) => {
    const result = await measure([plan(nums, sequential)], { ...baseOptions, timerResolutionMs });
    expect(steadyFlags(result.cells[0])).toEqual(flags);
  });

  it('stops a cell three times over its budget below minSamples, flagged budget-limited and under-sampled', async () => {
    const result = await measure([plan(nums, sequential)], {
      ...baseOptions,
      profile: { ...profile, minSamples: 10, maxSamples: 10, cellBudgetMs: 0 },
    });
    expect(result.cells[0]?.samples).toHaveLength(1);
    expect(steadyFlags(result.cells[0])).toEqual(['budget-limited', 'under-sampled', 'ci-wide']);
  });

  // Regression test.
  it('survives samples of 0 ms from a coarse clock', async () => {
    vi.stubGlobal('performance', { now: () => 1000 });
    const result = await measure([plan(nums, sequential), plan(nums, asyncStrategy, 2)], {
      ...baseOptions,
      timerResolutionMs: 1,
    });
    expect(result.cells.map((cell) => [cell.id, cell.status, cell.samples])).toEqual([
      ['nums()/sequential@1', 'ok', [0, 0, 0]],
      ['nums()/async@2', 'ok', [0, 0, 0]],
    ]);
  });
});

describe('measure: events', () => {
  it('emits group-start, a step before each start, batch and close, a sample event per sample, then cell-done', async () => {
    const events: MeasureEvent[] = [];
    const result = await measure([plan(nums, sequential)], {
      ...baseOptions,
      onEvent: (event) => events.push(event),
    });
    const id = 'nums()/sequential@1';
    const step = (name: string) => ({ type: 'cell-step', cellId: id, step: name });
    expect(events).toEqual([
      { type: 'group-start', workload: 'nums', params: '', cells: 1, group: 1, groups: 1 },
      { type: 'group-step', step: 'prepare' },
      step('start'),
      step('warmup'),
      step('sample'),
      { type: 'sample', cellId: 'nums()/sequential@1', sampleMs: result.cells[0]?.samples[0], samples: 1 },
      step('sample'),
      { type: 'sample', cellId: 'nums()/sequential@1', sampleMs: result.cells[0]?.samples[1], samples: 2 },
      step('sample'),
      { type: 'sample', cellId: 'nums()/sequential@1', sampleMs: result.cells[0]?.samples[2], samples: 3 },
      step('tasks'),
      step('close'),
      { type: 'cell-done', cell: result.cells[0] },
    ]);
  });

  it('numbers the groups and reports failed cells as done without samples', async () => {
    const events: MeasureEvent[] = [];
    const liar = spy('liar', { tamper: () => [] });
    await measure([plan(nums, sequential), plan(nums, liar, 2), plan(others, sequential)], {
      ...baseOptions,
      onEvent: (event) => event.type !== 'cell-step' && event.type !== 'group-step' && events.push(event),
    });
    expect(
      events.map((event) =>
        event.type === 'group-start'
          ? `start ${event.workload} ${event.group}/${event.groups} (${event.cells} cells)`
          : event.type === 'sample'
            ? `sample ${event.cellId} #${event.samples}`
            : event.type === 'cell-done'
              ? `done ${event.cell.id} ${event.cell.status}`
              : event.type === 'cell-step'
                ? `step ${event.cellId} ${event.step}`
                : `step ${event.step}`,
      ),
    ).toEqual([
      'start nums 1/2 (2 cells)',
      'sample nums()/sequential@1 #1',
      'sample nums()/sequential@1 #2',
      'sample nums()/sequential@1 #3',
      'done nums()/sequential@1 ok',
      'done nums()/liar@2 invalid',
      'start others 2/2 (1 cells)',
      'sample others()/sequential@1 #1',
      'sample others()/sequential@1 #2',
      'sample others()/sequential@1 #3',
      'done others()/sequential@1 ok',
    ]);
  });
});

describe('measure: staging, probes and bytes moved', () => {
  it('stages inputs before each batch, probes kept samples only, and records metrics and bytes', async () => {
    const calls: string[] = [];
    const staged: Strategy = {
      name: 'staged',
      description: 'stages each input as { n }, then unwraps it',
      family: 'threads',
      async create() {
        return {
          options: { serialization: 'structured-clone' },
          stage: (inputs) => {
            calls.push('stage');
            return inputs.map((n) => ({ n }));
          },
          runBatch: async (inputs) => {
            calls.push('batch');
            return inputs.map((input) => (input as { n: number }).n * 2);
          },
          close: async () => {},
        };
      },
    };
    const probe = () => ({
      begin: () => {
        calls.push('begin');
      },
      end: () => {
        calls.push('end');
      },
      result: () => ({ cpuUserMs: 7, source: 'test probe' }),
    });
    const { cells } = await measure([plan(nums, staged)], { ...baseOptions, probe });
    // One warm-up (no probe), then three samples (probed).
    expect(calls).toEqual([
      ...['stage', 'batch'],
      ...['stage', 'begin', 'batch', 'end'],
      ...['stage', 'begin', 'batch', 'end'],
      ...['stage', 'begin', 'batch', 'end'],
    ]);
    // Inputs 1, 2, 3 and outputs 2, 4, 6: six numbers of 8 bytes.
    expect(cells[0]?.metrics).toEqual({ cpuUserMs: 7, source: 'test probe', bytesMovedPerSample: 48 });
  });

  it('counts no bytes for main-thread strategies', async () => {
    const { cells } = await measure([plan(nums, sequential)], baseOptions);
    expect(cells[0]?.metrics).toEqual({ bytesMovedPerSample: 0 });
  });
});

describe('floors measured in the same rounds as a group', () => {
  it('keeps the group sampling until the floor and every cell have a low end (20 samples each)', async () => {
    // A floor whose operation is a microtask: real timing, no peer to start.
    const tick: CalibrationProbe<PeerScope> = {
      primitive: 'microtask',
      name: 'tick',
      opsPerSample: 10,
      options: {},
      open: async () => ({
        run: async (ops: number) => {
          const start = now();
          for (let i = 0; i < ops; i++) await Promise.resolve();
          return now() - start;
        },
      }),
    };
    const quickish: Profile = { ...profile, minSamples: 3, maxSamples: 30 };
    const result = await measure([plan(nums, sequential), plan(nums, asyncStrategy, 2)], {
      ...baseOptions,
      profile: quickish,
      floors: [tick],
    });
    const [seq, async, floor] = result.cells;
    expect(floor?.params).toMatchObject({ probe: 'tick', interleavedWith: 'nums()' });
    expect(floor?.samples.length).toBeGreaterThanOrEqual(20);
    // Without the floor these cells stop at 3 (their CI target is 1): p10 against p10 takes 20 each.
    expect(seq?.samples.length).toBeGreaterThanOrEqual(20);
    expect(async?.samples.length).toBeGreaterThanOrEqual(20);
  });

  it("samples a plain round trip over the group's tasks per sample, a busy one over its own count, each to 20", async () => {
    const counted = (name: string, params: CalibrationProbe<PeerScope>['params']) => {
      const runs: number[] = [];
      const probe: CalibrationProbe<PeerScope> = {
        primitive: 'microtask',
        name,
        opsPerSample: 10,
        ...(params ? { params } : {}),
        options: {},
        open: async () => ({
          run: async (ops: number) => {
            runs.push(ops);
            const start = now();
            for (let i = 0; i < ops; i++) await Promise.resolve();
            return now() - start;
          },
        }),
      };
      return { probe, runs };
    };
    const plain = counted('tick', undefined);
    const busy = counted('busy-tick', { busyMs: 1 });
    // Many samples a cell: the floors stop at their minimum while the cells go on.
    const long: Profile = { ...profile, minSamples: 40, maxSamples: 40, cellBudgetMs: 60_000 };
    const result = await measure([plan(nums, sequential)], {
      ...baseOptions,
      profile: long,
      floors: [plain.probe, busy.probe],
    });
    const [cell, plainCell, busyCell] = result.cells;
    expect(cell?.samples.length).toBe(40);
    // nums has 3 inputs: 3 operations a sample (and the untimed warm-up), recorded as the cell's count.
    expect(new Set(plain.runs)).toEqual(new Set([3]));
    expect(plainCell?.params.opsPerSample).toBe(3);
    expect(new Set(busy.runs)).toEqual(new Set([10]));
    expect(busyCell?.params.opsPerSample).toBe(10);
    // Three a round until 20 or more, then none.
    expect(plainCell?.samples.length).toBe(21);
    expect(busyCell?.samples.length).toBe(21);
  });
});
