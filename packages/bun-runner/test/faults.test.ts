// Tasks that fault where no try/catch around them can see it (they exit the process, throw null, leave a
// rejection unhandled, block their thread forever, run out of memory), each measured beside a healthy
// workload on real Web Workers, worker threads, pools and child processes, and on the measuring side's
// own main thread: every fault must end as an errored cell that names it, and the healthy cells measured.
import { describe, expect, test } from 'bun:test';
import type { Results } from '@paralab/core';
import {
  CAN_FIND_PROCESSES,
  FAULTS,
  type FixtureRunOptions,
  leftBehind,
  newMark,
  runFixtures,
  statuses,
  TEST_PROFILE,
} from './_helpers.js';

/** Strategies that run the task on the measuring side's own main thread. */
const MAIN_THREAD = ['sequential', 'async'];
/** Strategies that run it in a Web Worker, a worker thread, a pool's worker or a child process. */
const PEERS = [
  'worker',
  'worker-pipelined',
  'worker-threads',
  'worker-threads-pipelined',
  'process',
  'process-cold',
  'fork',
  'piscina',
  'tinypool',
  'workerpool-web',
];

/** Runs `fault` and `healthy` under `strategies` from the fault fixtures. */
const runFault = (fault: string, strategies: string[], options: FixtureRunOptions = {}) =>
  runFixtures([fault, 'healthy'], strategies, { modules: [FAULTS], ...options });

/** `[strategy, reason]` of the fault's cells. */
const reasons = (results: Results, fault: string): [string, string | undefined][] =>
  results.cells.filter((cell) => cell.workload === fault).map((cell) => [cell.strategy, cell.reason]);

/** The fault's cells all errored and the healthy workload measured under every strategy. */
function expectFaultErroredHealthyOk(results: Results, fault: string, strategies: string[]): void {
  expect(statuses(results)).toEqual([
    ...strategies.map((s) => [fault, s, 'errored']),
    ...strategies.map((s) => ['healthy', s, 'ok']),
  ]);
  for (const cell of results.cells.filter((c) => c.workload === 'healthy'))
    expect(cell.samples).toHaveLength(TEST_PROFILE.maxSamples);
  expect(results.complete).toBe(true);
}

describe('a task that faults, beside a healthy workload', () => {
  test('process.exit(7) ends the worker, the child or the measuring process, and says so', async () => {
    const strategies = [...MAIN_THREAD, ...PEERS];
    const results = await runFault('exits', strategies);
    expectFaultErroredHealthyOk(results, 'exits', strategies);
    expect(reasons(results, 'exits')).toEqual([
      // The side itself exited: the host blames the cell it was working on and starts another side.
      ['sequential', 'the Bun measuring process exited with code 7 (while warming up this cell)'],
      ['async', 'the Bun measuring process exited with code 7 (while warming up this cell)'],
      ['worker', 'worker exited with code 7'],
      ['worker-pipelined', 'worker exited with code 7'],
      ['worker-threads', 'worker exited with code 7'],
      ['worker-threads-pipelined', 'worker exited with code 7'],
      ['process', 'child process exited with code 7'],
      ['process-cold', 'child process exited with code 7'],
      ['fork', 'child process exited with code 7'],
      ['piscina', 'task 2 threw: worker exited with code: 7'],
      ['tinypool', 'worker exited with code 7'],
      ['workerpool-web', 'worker exited with code 7'],
    ]);
  });

  test('throw null is an error that says null was thrown, not a wrong answer', async () => {
    const strategies = [...MAIN_THREAD, ...PEERS];
    const results = await runFault('throws-null', strategies);
    expectFaultErroredHealthyOk(results, 'throws-null', strategies);
    expect(reasons(results, 'throws-null')).toEqual([
      ['sequential', 'null was thrown (not an Error)'],
      ['async', 'null was thrown (not an Error)'],
      ...PEERS.map((s): [string, string] => [s, 'task 2 threw: null was thrown (not an Error)']),
    ]);
  });

  const HEARD = [
    ...MAIN_THREAD,
    'worker',
    'worker-pipelined',
    'worker-threads',
    'worker-threads-pipelined',
    'process',
    'fork',
  ];
  test(`a rejection nobody handles fails the cell it happened in (${HEARD.join(', ')})`, async () => {
    const results = await runFault('rejects-unhandled', HEARD);
    expectFaultErroredHealthyOk(results, 'rejects-unhandled', HEARD);
    for (const [strategy, reason] of reasons(results, 'rejects-unhandled')) {
      // A Bun Web Worker reports it as a fault, or (Bun fires `error` on the Worker too, whichever comes
      // first) as its crash.
      const expected =
        strategy.startsWith('worker') && !strategy.startsWith('worker-threads')
          ? /^(a task failed outside its own code|worker crashed: error): nobody handles this rejection$/
          : /^a task failed outside its own code: nobody handles this rejection$/;
      expect([strategy, reason]).toEqual([strategy, expect.stringMatching(expected)]);
    }
  });

  // Once lost or blamed on another task: process-cold (its one-task peer exited before the rejection was
  // reported; core's peer now waits one macrotask before it finishes), and the pools (piscina's and
  // tinypool's idle workers wait in Atomics.wait, so the loop never turned to report it; core's libraryTask
  // now lets the loop turn once after each task, `settle`, and fails that task).
  test('a rejection nobody handles fails the cell under process-cold, piscina and tinypool', async () => {
    const strategies = ['process-cold', 'piscina', 'tinypool'];
    const results = await runFault('rejects-unhandled', strategies);
    expectFaultErroredHealthyOk(results, 'rejects-unhandled', strategies);
    for (const [, reason] of reasons(results, 'rejects-unhandled'))
      expect(reason).toMatch(/nobody handles this rejection$/);
  });

  // Bug (Bun 1.4): Bun ends a Web Worker on an unhandled rejection even when its `unhandledrejection` event
  // was prevented (the raw worker strategies read it as "worker crashed: error: ..." above); workerpool
  // passes that on as "Workerpool Worker error: Unknown worker error", blamed on the worker's next task.
  test.failing('a rejection nobody handles fails the cell under workerpool-web, naming it', async () => {
    const results = await runFault('rejects-unhandled', ['workerpool-web']);
    expectFaultErroredHealthyOk(results, 'rejects-unhandled', ['workerpool-web']);
    for (const [, reason] of reasons(results, 'rejects-unhandled'))
      expect(reason).toMatch(/nobody handles this rejection$/);
  });

  test('a busy loop in a worker or a child is stopped by the watchdog, and no child outlives the run', async () => {
    const mark = newMark();
    const results = await runFault('loops', PEERS, { mark, profile: TEST_PROFILE });
    expectFaultErroredHealthyOk(results, 'loops', PEERS);
    expect(reasons(results, 'loops')).toEqual(
      PEERS.map((s) => [s, 'a batch ran longer than 3000 ms and was stopped (watchdog)']),
    );
    if (CAN_FIND_PROCESSES) expect(await leftBehind(mark)).toEqual([]);
  });

  test('a busy loop on the measuring side blocks it: the host kills it and starts another', async () => {
    // The side cannot stop its own main thread: the host hears nothing for 2 sample timeouts + 15 s. A short
    // sample timeout keeps that short (nothing here has a strategy to start).
    const profile = { ...TEST_PROFILE, sampleTimeoutMs: 1_000 };
    const results = await runFault('loops', MAIN_THREAD, { profile });
    expectFaultErroredHealthyOk(results, 'loops', MAIN_THREAD);
    expect(reasons(results, 'loops')).toEqual(
      MAIN_THREAD.map((s) => [
        s,
        'the Bun measuring process said nothing for 17 s (a task blocked its main thread?) and was killed (while warming up this cell)',
      ]),
    );
  });

  // Bun has no heap limit flag: the host's memory watch ends the side (or a child) whose process tree holds
  // more than the limit plus BUN_RSS_ALLOWANCE_MB (src/side.ts).
  test('a task over a small heap limit ends as out of memory, and the run goes on', async () => {
    const strategies = ['sequential', 'worker', 'worker-threads', 'process', 'fork'];
    // One batch per cell, and a watchdog that lets the bounded allocation finish when nothing stops it.
    const profile = { ...TEST_PROFILE, warmups: 0, minSamples: 1, maxSamples: 1, sampleTimeoutMs: 10_000 };
    const results = await runFault('oom', strategies, { profile, heapLimitMb: 256 });
    expect(statuses(results)).toEqual([
      ...strategies.map((s) => ['oom', s, 'errored']),
      ...strategies.map((s) => ['healthy', s, 'ok']),
    ]);
    for (const [, reason] of reasons(results, 'oom')) expect(reason).toMatch(/out of memory/);
  });
});
