// Deno's own strategies on real Deno Web Workers and Deno.Command children, driven by the host on Node.

import type { Profile } from '@paralab/core';
import { describe, expect, it } from 'vitest';
import { DENO_FIXTURES, ROOMY_PROFILE, runFixtures, statuses, TEST_PROFILE } from './_helpers.js';

const NATIVE = ['worker', 'worker-pipelined', 'process', 'process-cold'];

/**
 * The watchdog tests' profile: 3 s for workers; 10 s for processes, whose follow-up cells start a Deno
 * process per task (process-cold) and must not meet the watchdog on a loaded machine.
 */
const watchdogProfile = (strategy: string): Profile =>
  strategy.startsWith('process') ? { ...TEST_PROFILE, sampleTimeoutMs: 10_000 } : TEST_PROFILE;

describe("Deno's own strategies", () => {
  it('return verified outputs for known-answer and checksum workloads (TypeScript loaded in each)', async () => {
    const results = await runFixtures(['double', 'square'], ['sequential', ...NATIVE], {
      profile: ROOMY_PROFILE,
    });
    expect(statuses(results)).toEqual(
      ['double', 'square'].flatMap((w) => ['sequential', ...NATIVE].map((s) => [w, s, 'ok'])),
    );
    for (const cell of results.cells) expect(cell.samples).toHaveLength(3);
    const options = Object.fromEntries(results.cells.slice(1, 5).map((c) => [c.strategy, c.options]));
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
        library: 'Deno.Command',
        api: 'Deno.Command',
        channel: 'stdin/stdout pipes',
        inFlight: 'one-per-process',
        serialization: 'json',
      },
      'process-cold': {
        library: 'Deno.Command',
        api: 'Deno.Command',
        channel: 'stdin/stdout pipes',
        inFlight: 'one-process-per-task',
        serialization: 'json',
        startup: 'per-task',
      },
    });
  });

  it('records the runtime as Deno, with its exact version and its V8', async () => {
    const results = await runFixtures(['double'], ['sequential']);
    expect(results.runtime).toEqual({
      name: 'deno',
      version: expect.stringMatching(/^2\.\d+\.\d+$/),
      engine: expect.stringMatching(/^V8 \d+\.\d+\.\d+/),
    });
  });

  it('carry typed arrays, Map, Set, undefined, NaN, -0, bigint and Date to a process and back as themselves', async () => {
    const results = await runFixtures(['structured'], ['worker', 'process', 'process-cold'], {
      modules: [DENO_FIXTURES],
      profile: ROOMY_PROFILE,
    });
    expect(statuses(results)).toEqual([
      ['structured', 'worker', 'ok'],
      ['structured', 'process', 'ok'],
      ['structured', 'process-cold', 'ok'],
    ]);
  });

  it("keeps a process peer's protocol intact when its task writes to the console", async () => {
    const results = await runFixtures(['noisy'], ['process', 'process-cold'], {
      modules: [DENO_FIXTURES],
      profile: ROOMY_PROFILE,
    });
    expect(statuses(results)).toEqual([
      ['noisy', 'process', 'ok'],
      ['noisy', 'process-cold', 'ok'],
    ]);
  });

  it.each([
    [
      'worker',
      /^task [01] threw: its output could not be sent back \(DataCloneError: .*could not be cloned.*\)$/,
    ],
    [
      'process',
      /^task [01] threw: its output could not be sent back \(TypeError: a function could not be cloned\)$/,
    ],
  ])('fails a task whose output cannot be sent, with why, under %s', async (strategy, reason) => {
    const results = await runFixtures(['unsendable'], [strategy], { modules: [DENO_FIXTURES] });
    expect(statuses(results)).toEqual([['unsendable', strategy, 'errored']]);
    expect(results.cells[0]?.reason).toMatch(reason);
  });

  it.each(NATIVE)('records a task that throws as errored under %s', async (strategy) => {
    const results = await runFixtures(['throws'], [strategy], { profile: ROOMY_PROFILE });
    expect(statuses(results)).toEqual([['throws', strategy, 'errored']]);
    expect(results.cells[0]?.reason).toBe('task 2 threw: boom on task 2');
  });

  it.each(NATIVE)(
    'stops a task that never settles with the watchdog under %s, and goes on',
    async (strategy) => {
      const profile = watchdogProfile(strategy);
      const results = await runFixtures(['hangs', 'double'], [strategy], { profile });
      expect(statuses(results)).toEqual([
        ['hangs', strategy, 'errored'],
        ['double', strategy, 'ok'],
      ]);
      expect(results.cells[0]?.reason).toBe(
        `a batch ran longer than ${profile.sampleTimeoutMs} ms and was stopped (watchdog)`,
      );
    },
  );

  it.each(NATIVE)(
    'terminates a worker or child stuck in a busy loop under %s, and goes on',
    async (strategy) => {
      const profile = watchdogProfile(strategy);
      const results = await runFixtures(['spins', 'double'], [strategy], { profile });
      expect(statuses(results)).toEqual([
        ['spins', strategy, 'errored'],
        ['double', strategy, 'ok'],
      ]);
      expect(results.cells[0]?.reason).toBe(
        `a batch ran longer than ${profile.sampleTimeoutMs} ms and was stopped (watchdog)`,
      );
    },
  );

  it.each([
    ['worker', 'worker exited with code 7'],
    ['worker-pipelined', 'worker exited with code 7'],
    ['process', 'child process exited with code 7'],
    ['process-cold', 'child process exited with code 7'],
  ])('reports a worker or child that exits mid-task under %s', async (strategy, reason) => {
    const results = await runFixtures(['exits', 'double'], [strategy], { profile: ROOMY_PROFILE });
    expect(statuses(results)).toEqual([
      ['exits', strategy, 'errored'],
      ['double', strategy, 'ok'],
    ]);
    expect(results.cells[0]?.reason).toBe(reason);
  });
});
