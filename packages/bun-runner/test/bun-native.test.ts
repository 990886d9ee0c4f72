// Bun's own strategies on real Web Workers and Bun.spawn children.
import { describe, expect, test } from 'bun:test';
import { fileURLToPath } from 'node:url';
import { runBun } from '../src/index.js';
import { PATIENT_PROFILE, runFixtures, statuses, TEST_PROFILE } from './_helpers.js';

const MAIN_ONLY = fileURLToPath(new URL('./fixtures/main-only.ts', import.meta.url));

const NATIVE = ['worker', 'worker-pipelined', 'process', 'process-cold', 'workerpool-web'];

describe('Bun-native strategies', () => {
  test('return verified outputs for known-answer and checksum workloads (TypeScript loaded in each)', async () => {
    const results = await runFixtures(['double', 'square'], ['sequential', ...NATIVE]);
    // With the reason, so that a failure says why.
    expect(results.cells.map((c) => [c.workload, c.strategy, c.status, c.reason ?? null])).toEqual(
      ['double', 'square'].flatMap((w) => ['sequential', ...NATIVE].map((s) => [w, s, 'ok', null])),
    );
    for (const cell of results.cells) expect(cell.samples).toHaveLength(3);
    // The side measures with Bun's probe: its own event-loop delay, and the children of process strategies.
    for (const cell of results.cells) {
      expect(cell.metrics?.source).toContain('event-loop delay: lateness of a 10 ms setTimeout chain');
      expect(cell.metrics?.eventLoopDelay?.maxMs).toBeGreaterThanOrEqual(0);
    }
    for (const cell of results.cells.filter((c) => c.strategy.startsWith('process')))
      expect(cell.metrics?.source).toContain('child processes: StrategyInstance.usage() deltas');
    const options = Object.fromEntries(results.cells.slice(1, 6).map((c) => [c.strategy, c.options]));
    expect(options).toEqual({
      worker: {
        library: 'Web Worker',
        api: 'new Worker',
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      'worker-pipelined': {
        library: 'Web Worker',
        api: 'new Worker',
        inFlight: 'pipelined',
        serialization: 'structured-clone',
      },
      process: {
        library: 'Bun.spawn',
        api: 'Bun.spawn',
        ipc: true,
        inFlight: 'one-per-process',
        serialization: 'advanced',
      },
      'process-cold': {
        library: 'Bun.spawn',
        api: 'Bun.spawn',
        ipc: true,
        inFlight: 'one-process-per-task',
        serialization: 'advanced',
        startup: 'per-task',
      },
      'workerpool-web': {
        library: 'workerpool',
        version: expect.stringMatching(/^10\./),
        workerType: 'web',
        primitive: 'web-worker',
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
    });
  });

  test.each(NATIVE)('records a task that throws as errored under %s', async (strategy) => {
    const results = await runFixtures(['throws'], [strategy]);
    expect(statuses(results)).toEqual([['throws', strategy, 'errored']]);
    expect(results.cells[0]?.reason).toBe('task 2 threw: boom on task 2');
  });

  test.each(NATIVE)(
    'stops a task that never settles with the watchdog under %s, and goes on',
    async (strategy) => {
      const results = await runFixtures(['hangs', 'double'], [strategy], { profile: TEST_PROFILE });
      expect(statuses(results)).toEqual([
        ['hangs', strategy, 'errored'],
        ['double', strategy, 'ok'],
      ]);
      expect(results.cells[0]?.reason).toBe('a batch ran longer than 3000 ms and was stopped (watchdog)');
    },
  );

  test.each(NATIVE)('terminates a worker or child stuck in a busy loop under %s', async (strategy) => {
    const results = await runFixtures(['spins', 'double'], [strategy], { profile: TEST_PROFILE });
    expect(statuses(results)).toEqual([
      ['spins', strategy, 'errored'],
      ['double', strategy, 'ok'],
    ]);
  });

  test.each([
    ['worker', 'worker exited with code 7'],
    ['worker-pipelined', 'worker exited with code 7'],
    ['process', 'child process exited with code 7'],
    ['process-cold', 'child process exited with code 7'],
    ['workerpool-web', 'worker exited with code 7'],
  ])('reports a worker or child that exits mid-task under %s', async (strategy, reason) => {
    const results = await runFixtures(['exits', 'double'], [strategy]);
    expect(statuses(results)).toEqual([
      ['exits', strategy, 'errored'],
      ['double', strategy, 'ok'],
    ]);
    expect(results.cells[0]?.reason).toBe(reason);
  });

  test.each(NATIVE)('reports a workload that cannot load in a worker or child under %s', async (strategy) => {
    process.env.PARALAB_TEST_MAIN_PID = String(process.pid);
    const results = await runBun({
      modules: [MAIN_ONLY],
      strategies: [strategy],
      concurrency: [2],
      profile: PATIENT_PROFILE,
      lock: false,
    });
    expect(statuses(results)).toEqual([['main-only', strategy, 'errored']]);
    // The module as the user named it; process-cold has no start-up of its own (each task's child loads it).
    const starting =
      {
        'process-cold': '',
        'workerpool-web': 'starting workerpool-web failed: workerpool could not start: ',
      }[strategy] ?? `starting ${strategy} failed: `;
    expect(results.cells[0]?.reason).toBe(
      `${starting}cannot load workload module ${MAIN_ONLY}: this fixture refuses to load off the main thread`,
    );
    // It loaded on the measuring side's main thread: the failure is the strategy's, not the group's.
    expect(results.cells[0]?.reason).not.toStartWith('not measured:');
  });
});
