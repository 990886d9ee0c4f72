import { describe, expect, it } from 'vitest';
import type { Cell } from '../schema.js';
import {
  EIGHT,
  group,
  measured,
  nodeFloors,
  POOL,
  predict,
  probeCell,
  runOf,
  THREAD,
  tasksOf,
  worker,
} from './_fixtures.js';
import { modelContext } from './context.js';
import { predictCell } from './predict.js';

describe('predictCell on constructed floors', () => {
  it('a warm pool: each lane runs its tasks plus one round trip each', () => {
    // 8 × 10 ms on 2 lanes, 100 B per task (within the small message): 4 × (10 + 0.05) = 40.2.
    const p = predict([...nodeFloors(), ...group(EIGHT, 80, [worker(2)])], 'work({})/worker@2');
    expect(p.predictedMs).toBeCloseTo(40.2, 9);
    expect(p.terms).toEqual({ work: 40, dispatch: expect.closeTo(0.2, 9) });
  });

  it('a round trip around a task: the busy-roundtrip floor at the task size, over the back-to-back one', () => {
    // Busy floors (medians): 0.15 ms after 1 ms busy, 0.25 ms after 3 ms. Round trip 0.05 back to back.
    // Tasks of 2 ms sit halfway between 1 and 3 ms: 0.2 ms, so each pays 0.2 - 0.05 = 0.15 more.
    // Tasks of 10 ms are past the longest busy time: flat at 0.25, so 0.2 more each.
    const busy = (ms: number, busyMs: number) =>
      probeCell('worker_threads', 'busy-roundtrip', ms, {
        library: 'node:worker_threads',
        params: { busyMs, of: 'message-roundtrip' },
      });
    const floors = [...nodeFloors(), busy(0.15, 1), busy(0.25, 3)];
    const two = [2, 2, 2, 2, 2, 2, 2, 2];
    // 4 × (2 + 0.05 + 0.15) = 8.8 per lane; terms work 8, dispatch 0.2, wake 0.6.
    const small = predict([...floors, ...group(two, 16, [worker(2)])], 'work({})/worker@2');
    expect(small.predictedMs).toBeCloseTo(8.8, 9);
    expect(small.terms).toEqual({
      work: 8,
      dispatch: expect.closeTo(0.2, 9),
      wake: expect.closeTo(0.6, 9),
    });
    // 4 × (10 + 0.05 + 0.2) = 41.
    const large = predict([...floors, ...group(EIGHT, 80, [worker(2)])], 'work({})/worker@2');
    expect(large.predictedMs).toBeCloseTo(41, 9);
    expect(large.assumptions.join(' ')).toMatch(/0\.25 ms after 3 ms busy against 0\.05 ms/);
  });

  it('scales the timed tasks to the sequential median', () => {
    // Timed at 20 ms each (160 in all) but the sequential median is 80: ×0.5, so 10 ms each again.
    const p = predict(
      [
        ...nodeFloors(),
        ...group(
          EIGHT.map((t) => 2 * t),
          80,
          [worker(2)],
        ),
      ],
      'work({})/worker@2',
    );
    expect(p.predictedMs).toBeCloseTo(40.2, 9);
    expect(p.assumptions).toContain(
      'work: 8 tasks timed one by one (sum 160 ms), scaled ×0.5 to the sequential median 80 ms',
    );
  });

  it('tasks within 10 timer steps are taken at their mean (a coarse clock rounds each reading)', () => {
    // Timed [50, 6 × 5], but the median task (6 ms) is under 10 steps of a 1 ms clock: 6 tasks of 80 / 6 ms
    // each, 3 per lane: 3 × (80 / 6 + 0.05) = 40.15 (not the 50.05 of the sizes as timed).
    const cells = [...nodeFloors(), ...group([50, 6, 6, 6, 6, 6], 80, [worker(2)])];
    const run = { ...runOf(cells), timer: { source: 'performance.now', resolutionMs: 1 } };
    const p = predictCell(run.cells.find((c) => c.id === 'work({})/worker@2') as Cell, modelContext(run));
    expect('predictedMs' in p && p.predictedMs).toBeCloseTo(40.15, 9);
  });

  it('a dominating task decides (list scheduling over the actual sizes)', () => {
    // [50, 6 × 5]: lane 0 runs 0.05 + 50 = 50.05; lane 1 runs the five others, 5 × 6.05 = 30.25.
    const p = predict([...nodeFloors(), ...group([50, 6, 6, 6, 6, 6], 80, [worker(2)])], 'work({})/worker@2');
    expect(p.predictedMs).toBeCloseTo(50.05, 9);
    expect(p.terms.work).toBeCloseTo(50, 9);
  });

  it('more workers than cores share them', () => {
    // 4 lanes, 2 cores: each lane waits 0.05 then computes 10 ms at half speed, twice: 2 × 20.05 = 40.1.
    const p = predict([...nodeFloors(), ...group(EIGHT, 80, [worker(4)])], 'work({})/worker@4');
    expect(p.predictedMs).toBeCloseTo(40.1, 9);
    expect(p.assumptions).toContain('4 lanes on 2 cores share them evenly');
  });

  it('payload: a round trip of half the bytes each way, over the small round trip', () => {
    // 64 KiB per task = 32 KiB each way; floors 0.05 at 1 KiB, 0.25 at 64 KiB:
    // 0.05 + 0.2 × (32768 - 1024) / (65536 - 1024) = 0.1484127; minus the 0.05 round trip = 0.0984127 per task.
    const p = predict(
      [...nodeFloors(), ...group(EIGHT, 80, [worker(2, { bytes: 8 * 65536 })])],
      'work({})/worker@2',
    );
    expect(p.terms.payload).toBeCloseTo(4 * 0.0984127, 6);
    expect(p.predictedMs).toBeCloseTo(4 * (10 + 0.05 + 0.0984127), 6);
  });

  it('transfer: the transfer floor (one point: 0.06), 0.01 over the round trip', () => {
    const transfer = worker(2, { bytes: 8 * 65536, options: { ...POOL, serialization: 'transfer' } });
    const p = predict([...nodeFloors(), ...group(EIGHT, 80, [transfer])], 'work({})/worker@2');
    expect(p.terms.payload).toBeCloseTo(4 * 0.01, 9);
  });

  /** An empty-task pipelined cell: 1000 tasks in 5 ms at p10, 0.005 ms per task (the stream floor). */
  const emptyPipelined = () =>
    group(new Array<number>(1000).fill(0.0001), 0.1, [
      measured('noop', 'worker-pipelined', 1, 5, {
        options: { ...THREAD, inFlight: 'pipelined' },
        bytes: 16_000,
      }),
    ]).map((c) => ({ ...c, workload: 'noop', id: `noop/${c.strategy}` }));
  /** `work`'s worker-pipelined cell at 2 lanes. */
  const pipelinedWork = () =>
    measured('work', 'worker-pipelined', 2, 44, {
      options: { ...THREAD, inFlight: 'pipelined' },
      bytes: 800,
    });

  it('pipelined: the per-task stream cost from the empty-task cell, plus one round trip', () => {
    // Empty tasks: 1000 in 5 ms at p10 -> 0.005 ms per task. 2 lanes, round-robin: 4 × (10 + 0.005) = 40.02;
    // the stream 8 × 0.005 = 0.04 is smaller; plus one round trip 0.05 -> 40.07.
    const [empty, pipelined] = [emptyPipelined(), pipelinedWork()];
    const cells = [...nodeFloors(), ...empty, ...group(EIGHT, 80, [pipelined])];
    const p = predict(cells, 'work({})/worker-pipelined@2');
    expect(p.predictedMs).toBeCloseTo(40.07, 9);
    expect(predict(cells, 'noop/worker-pipelined').reference).toBe(true);
  });

  it('pipelined with busy floors: each task and lane pays the pipelined-busy cost at the mean task size', () => {
    // Busy floors (medians, 2 lanes): 0.1 ms at 1.024 ms tasks, 0.3 ms at 16 ms tasks: at the 10 ms tasks
    // of EIGHT, 0.1 + 0.2 × (10 - 1.024) / (16 - 1.024) = 0.21987 ms. 2 lanes, round-robin:
    // 4 × (10 + 0.21987) = 40.8795; the stream (8 × 0.005 = 0.04) is smaller; plus one round trip, 0.05.
    const busy = (ms: number, taskMs: number) =>
      probeCell('worker_threads', 'pipelined-busy', ms, {
        library: 'node:worker_threads',
        params: { taskMs, lanes: 2, of: 'message-roundtrip' },
      });
    const [empty, pipelined] = [emptyPipelined(), pipelinedWork()];
    const cells = [
      ...nodeFloors(),
      busy(0.1, 1.024),
      busy(0.3, 16),
      ...empty,
      ...group(EIGHT, 80, [pipelined]),
    ];
    const p = predict(cells, 'work({})/worker-pipelined@2');
    const perTask = 0.1 + (0.2 * (10 - 1.024)) / (16 - 1.024);
    expect(p.predictedMs).toBeCloseTo(4 * (10 + perTask) + 0.05, 9);
  });

  it('a cold process per task: start-up as work, then the IPC round trip', () => {
    // Each lane: 4 × (0.1 + 40 + 10) = 200.4; terms work 40, startup 160, dispatch 0.4.
    const options = {
      library: 'node:child_process',
      serialization: 'advanced',
      inFlight: 'one-process-per-task',
    };
    const cold = measured('work', 'process-cold', 2, 210, { family: 'processes', options, bytes: 800 });
    const p = predict([...nodeFloors(), ...group(EIGHT, 80, [cold])], 'work({})/process-cold@2');
    expect(p.predictedMs).toBeCloseTo(200.4, 9);
    expect(p.terms).toEqual({ work: 40, startup: expect.closeTo(160, 9), dispatch: expect.closeTo(0.4, 9) });
  });

  it("a pool strategy's own per-task cost, from its empty-task cell nearest in concurrency", () => {
    // Empty tasks: worker@1 1000 in 100 ms -> 0.1 per task; worker@4 1000 in 30 ms -> 30 / ceil(1000 / 4) = 0.12.
    // Concurrency 2 is as far from 1 as from 4 (a factor 2 either way): the lower wins, so worker@2 pays
    // 0.1 - 0.05 = 0.05 per task over the round trip; 4 × (10 + 0.05 + 0.05) = 40.4.
    const empty = (n: number, median: number): Cell => ({
      ...measured('noop', 'worker', n, median, { options: POOL, bytes: 16_000, tasksPerSample: 1000 }),
      id: `noop/worker@${n}`,
    });
    const noopSequential: Cell = {
      ...measured('noop', 'sequential', 1, 0.1, {
        tasksPerSample: 1000,
        tasks: tasksOf(new Array<number>(1000).fill(0.0001)),
      }),
      options: { inFlight: 1, thread: 'main' },
    };
    const cells = [
      ...nodeFloors(),
      noopSequential,
      empty(1, 100),
      empty(4, 30),
      ...group(EIGHT, 80, [worker(2)]),
    ];
    const p = predict(cells, 'work({})/worker@2');
    expect(p.predictedMs).toBeCloseTo(40.4, 9);
    expect(p.terms).toEqual({ work: 40, dispatch: expect.closeTo(0.2, 9), overhead: expect.closeTo(0.2, 9) });
    expect(predict(cells, 'noop/worker@1').reference).toBe(true);
    // Without the strategy's own cost: the calibration floors alone.
    const run = runOf(cells);
    const alone = predictCell(
      run.cells.find((c) => c.id === 'work({})/worker@2') as Cell,
      modelContext(run, { strategyOverhead: false }),
    );
    expect('predictedMs' in alone && alone.predictedMs).toBeCloseTo(40.2, 9);
  });

  it('sequential and async on CPU work: the sum (no gain); the sequential cell is the reference', () => {
    const async = measured('work', 'async', 2, 81, {
      options: { inFlight: 2, thread: 'main' },
      family: 'async',
    });
    const cells = [...nodeFloors(), ...group(EIGHT, 80, [async])];
    expect(predict(cells, 'work({})/async@2').predictedMs).toBeCloseTo(80, 9);
    expect(predict(cells, 'work({})/sequential@1')).toMatchObject({ predictedMs: 80, reference: true });
  });

  it('a pool library runs on the run only thread primitive, and says so', () => {
    const piscina = measured('work', 'piscina', 2, 44, {
      options: { library: 'piscina', inFlight: 'one-per-worker' },
      bytes: 800,
    });
    const p = predict([...nodeFloors(), ...group(EIGHT, 80, [piscina])], 'work({})/piscina@2');
    expect(p.predictedMs).toBeCloseTo(40.2, 9);
    expect(p.assumptions).toContain(
      "piscina is taken to run on worker_threads, the run's only thread primitive",
    );
  });

  it('I/O: rounds of the waiting measured by the sequential cell', () => {
    // 100 requests, sequential 600 ms -> 6 ms each; 10 in flight -> 10 rounds: 60; 10 workers: 10 × 6.05.
    const io = (c: Cell): Cell => ({ ...c, kind: 'io', tasksPerSample: 100 });
    const cells = [
      ...nodeFloors(),
      io(measured('sleep', 'sequential', 1, 600, { options: { inFlight: 1, thread: 'main' } })),
      io(measured('sleep', 'async', 10, 62, { options: { inFlight: 10, thread: 'main' }, family: 'async' })),
      io(measured('sleep', 'worker', 10, 70, { options: POOL, bytes: 3200 })),
    ];
    expect(predict(cells, 'sleep({})/async@10').predictedMs).toBeCloseTo(60, 9);
    expect(predict(cells, 'sleep({})/worker@10').predictedMs).toBeCloseTo(60.5, 9);
  });

  it('I/O without a sequential cell: the nominal latency, a lower bound', () => {
    const cell = measured('sleep', 'async', 100, 60, {
      kind: 'io',
      params: { ms: 50 },
      tasksPerSample: 100,
      options: { inFlight: 100, thread: 'main' },
    });
    expect(predict([cell], cell.id)).toMatchObject({ predictedMs: 50, lowerBound: true });
  });

  it('mixed, split: waits from the sequential median, CPU phases as timed; hybrid and async', () => {
    // 4 tasks, CPU phases 4 ms each (16), sequential 56 -> waiting (56 - 16) / 4 = 10 per task.
    // async, 4 in flight on one core: all wait 0-10, then 16 ms of CPU -> 26.
    // hybrid, 4 I/O in flight, pool of 2: all released at 10; 2 lanes × 2 × (0.05 + 4) -> 18.1.
    const mixed = (c: Cell): Cell => ({ ...c, kind: 'mixed', params: { latencyMs: 10 }, tasksPerSample: 4 });
    const hybridOptions = {
      library: 'piscina',
      inFlight: 'io-on-main+cpu-in-pool',
      poolSize: 2,
      ioInFlight: 4,
    };
    const cells = [
      ...nodeFloors(),
      mixed(
        measured('pipe', 'sequential', 1, 56, {
          tasks: tasksOf([4, 4, 4, 4], 'cpu'),
          options: { inFlight: 1, thread: 'main' },
        }),
      ),
      mixed(measured('pipe', 'async', 4, 30, { options: { inFlight: 4, thread: 'main' }, family: 'async' })),
      mixed(measured('pipe', 'hybrid', 4, 20, { options: hybridOptions, family: 'hybrid', bytes: 400 })),
    ];
    const byStrategy = (s: string) => cells.find((c) => c.strategy === s) as Cell;
    expect(predict(cells, byStrategy('async').id)).toMatchObject({
      predictedMs: 26,
      terms: { work: 16, wait: 10 },
    });
    const hybrid = predict(cells, byStrategy('hybrid').id);
    expect(hybrid.predictedMs).toBeCloseTo(18.1, 9);
    expect(hybrid.terms).toEqual({ work: 8, wait: expect.closeTo(10, 9), dispatch: expect.closeTo(0.1, 9) });
  });
});
