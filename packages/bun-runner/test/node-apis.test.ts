// Node's APIs and pool libraries under Bun: node-runner's strategies, on real threads and processes.
import { describe, expect, test } from 'bun:test';
import { runBun } from '../src/index.js';
import { PATIENT_PROFILE, runFixtures, statuses } from './_helpers.js';

const NODE_APIS = ['worker-threads', 'worker-threads-pipelined', 'piscina', 'tinypool', 'fork'];

describe("Node's APIs under Bun", () => {
  test('return verified outputs, each loading the TypeScript fixtures in its threads or processes', async () => {
    const results = await runFixtures(['double', 'square'], NODE_APIS);
    expect(statuses(results)).toEqual(
      ['double', 'square'].flatMap((w) => NODE_APIS.map((s) => [w, s, 'ok'])),
    );
    const options = results.cells.slice(0, 5).map((c) => [c.strategy, c.options.library]);
    expect(options).toEqual([
      ['worker-threads', 'node:worker_threads'],
      ['worker-threads-pipelined', 'node:worker_threads'],
      ['piscina', 'piscina'],
      ['tinypool', 'tinypool'],
      ['fork', 'node:child_process'],
    ]);
  });

  test('record a task that throws as errored', async () => {
    const results = await runFixtures(['throws'], NODE_APIS);
    expect(statuses(results)).toEqual(NODE_APIS.map((s) => ['throws', s, 'errored']));
    expect(results.cells.map((c) => c.reason)).toEqual(NODE_APIS.map(() => 'task 2 threw: boom on task 2'));
  });

  test('transfer and shared move a blur image to worker_threads and back, or share it', async () => {
    const results = await runBun({
      workloads: ['blur'],
      strategies: ['sequential', 'transfer', 'shared'],
      params: { blur: { images: 2, size: 64 } },
      concurrency: [2],
      profile: PATIENT_PROFILE,
      lock: false,
    });
    expect(statuses(results)).toEqual([
      ['blur', 'sequential', 'ok'],
      ['blur', 'transfer', 'ok'],
      ['blur', 'shared', 'ok'],
    ]);
    expect(results.cells.map((c) => c.options.serialization)).toEqual([undefined, 'transfer', 'shared']);
  });

  test('hybrid fetches on the event loop and computes in piscina; a workload without phases is unsupported', async () => {
    const results = await runBun({
      workloads: ['pipeline', 'noop'],
      strategies: ['hybrid'],
      params: { pipeline: { documents: 4, kib: 4, rounds: 1, latencyMs: 1 } },
      concurrency: [2],
      profile: PATIENT_PROFILE,
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
