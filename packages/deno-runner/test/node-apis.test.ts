// Node's APIs and pool libraries under Deno: node-runner's launchers and strategies, on real threads and
// processes of a Deno measuring process.
import type { Profile } from '@paralab/core';
import { runDeno, TINYPOOL_HANG_REASON } from '@paralab/deno-runner';
import { describe, expect, it } from 'vitest';
import { ROOMY_PROFILE, runFixtures, statuses, TEST_PROFILE } from './_helpers.js';

const NODE_APIS = [
  'worker-threads',
  'worker-threads-pipelined',
  'piscina',
  'workerpool',
  'tinypool-no-atomics',
  'fork',
];

describe("Node's APIs under Deno", () => {
  it('return verified outputs, each loading the TypeScript fixtures in its threads or processes', async () => {
    const results = await runFixtures(['double', 'square'], NODE_APIS, { profile: ROOMY_PROFILE });
    expect(statuses(results)).toEqual(
      ['double', 'square'].flatMap((w) => NODE_APIS.map((s) => [w, s, 'ok'])),
    );
    const options = results.cells.slice(0, NODE_APIS.length).map((c) => [c.strategy, c.options.library]);
    expect(options).toEqual([
      ['worker-threads', 'node:worker_threads'],
      ['worker-threads-pipelined', 'node:worker_threads'],
      ['piscina', 'piscina'],
      ['workerpool', 'workerpool'],
      ['tinypool-no-atomics', 'tinypool'],
      ['fork', 'node:child_process'],
    ]);
    expect(results.cells[4]?.options.useAtomics).toBe(false);
  });

  it('record a task that throws as errored, with its message', async () => {
    const results = await runFixtures(['throws'], NODE_APIS, { profile: ROOMY_PROFILE });
    expect(statuses(results)).toEqual(NODE_APIS.map((s) => ['throws', s, 'errored']));
    for (const cell of results.cells) expect(cell.reason).toMatch(/boom on task 2/);
  });

  it.each([
    ['worker-threads', TEST_PROFILE],
    ['fork', { ...TEST_PROFILE, sampleTimeoutMs: 10_000 }],
  ] as [string, Profile][])(
    'stop a task that never settles with the watchdog under %s, and go on',
    async (strategy, profile) => {
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

  it.each([
    ['worker-threads', 'worker exited with code 7'],
    ['fork', 'child process exited with code 7'],
  ])('report a thread or child that exits mid-task under %s', async (strategy, reason) => {
    const results = await runFixtures(['exits', 'double'], [strategy], { profile: ROOMY_PROFILE });
    expect(statuses(results)).toEqual([
      ['exits', strategy, 'errored'],
      ['double', strategy, 'ok'],
    ]);
    expect(results.cells[0]?.reason).toBe(reason);
  });

  it('record tinypool with its default atomics unsupported, with the reason, instead of hanging', async () => {
    // The default profiles' watchdogs (15 s and more) leave tinypool's 5 s start-up watchdog room to act.
    const results = await runFixtures(['double', 'square'], ['tinypool'], { profile: ROOMY_PROFILE });
    expect(statuses(results)).toEqual([
      ['double', 'tinypool', 'unsupported'],
      ['square', 'tinypool', 'unsupported'],
    ]);
    expect(results.cells.map((c) => c.reason)).toEqual([
      `${TINYPOOL_HANG_REASON} (start-up watchdog: no answer in 5000 ms)`,
      `${TINYPOOL_HANG_REASON} (start-up watchdog: no answer in 5000 ms earlier in this process; not retried)`,
    ]);
  });

  it('transfer and shared move a blur image to worker_threads and back, or share it', async () => {
    const results = await runDeno({
      workloads: ['blur'],
      strategies: ['sequential', 'transfer', 'shared'],
      params: { blur: { images: 2, size: 64 } },
      concurrency: [2],
      profile: ROOMY_PROFILE,
      lock: false,
    });
    expect(statuses(results)).toEqual([
      ['blur', 'sequential', 'ok'],
      ['blur', 'transfer', 'ok'],
      ['blur', 'shared', 'ok'],
    ]);
    expect(results.cells.map((c) => c.options.serialization)).toEqual([undefined, 'transfer', 'shared']);
  });

  it('hybrid fetches on the event loop and computes in piscina; a workload without phases is unsupported', async () => {
    const results = await runDeno({
      workloads: ['pipeline', 'noop'],
      strategies: ['hybrid'],
      params: { pipeline: { documents: 4, kib: 4, rounds: 1, latencyMs: 1 } },
      concurrency: [2],
      profile: ROOMY_PROFILE,
      lock: false,
    });
    expect(statuses(results)).toEqual([
      ['pipeline', 'hybrid', 'ok'],
      ['noop', 'hybrid', 'unsupported'],
    ]);
    expect(results.cells[1]?.reason).toBe(
      'hybrid needs a workload split into io and cpu phases (workload.split)',
    );
  });
});
