import { runNode } from '@paralab/node-runner';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TEST_PROFILE } from './_helpers.js';

const ALL = ['sequential', 'async', 'worker', 'piscina'];
const run = (workloads: string[], strategies: string[], concurrency = [2]) =>
  runNode({ modules: [FIXTURES], workloads, strategies, concurrency, profile: TEST_PROFILE, lock: false });

describe('every Node strategy on real threads', () => {
  it('returns verified outputs for known-answer and checksum workloads', async () => {
    const results = await run(['double', 'square'], ALL);
    const summary = results.cells.map((c) => [c.workload, c.strategy, c.status, c.samples.length]);
    expect(summary).toEqual([
      ['double', 'sequential', 'ok', 3],
      ['double', 'async', 'ok', 3],
      ['double', 'worker', 'ok', 3],
      ['double', 'piscina', 'ok', 3],
      ['square', 'sequential', 'ok', 3],
      ['square', 'async', 'ok', 3],
      ['square', 'worker', 'ok', 3],
      ['square', 'piscina', 'ok', 3],
    ]);
    const worker = results.cells.find((c) => c.strategy === 'worker');
    expect(worker?.startupMs).toBeGreaterThan(0);
    expect(worker?.options).toEqual({
      library: 'node:worker_threads',
      inFlight: 'one-per-worker',
      serialization: 'structured-clone',
    });
  });

  // A strategy can no longer be handed to runNode as an object (the side runs Node's own strategies, by
  // name), so the wrong outputs come from the workloads instead: right on the main thread, where the
  // reference run and `sequential` run them, wrong in a worker thread.
  it('records a strategy that returns wrong outputs as invalid, with no statistics', async () => {
    const results = await run(['double-off-main', 'square-off-main'], ['sequential', 'worker']);
    expect(results.cells.map((c) => [c.workload, c.strategy, c.status, c.stats === undefined])).toEqual([
      ['double-off-main', 'sequential', 'ok', false],
      ['double-off-main', 'worker', 'invalid', true],
      ['square-off-main', 'sequential', 'ok', false],
      ['square-off-main', 'worker', 'invalid', true],
    ]);
    const bad = results.cells.filter((c) => c.status === 'invalid');
    expect(bad[0]?.reason).toBe('wrong output: task 0: expected 0, got 1');
    expect(bad[1]?.reason).toMatch(/^wrong output: task 0: output differs from the reference run/);
  });

  it.each(ALL)('records a task that throws as errored under %s', async (strategy) => {
    const results = await run(['throws'], [strategy]);
    expect(results.cells).toHaveLength(1);
    expect(results.cells[0]?.status).toBe('errored');
    expect(results.cells[0]?.reason).toContain('boom on task 2');
  });

  it.each(ALL)(
    'stops a task that never settles with the watchdog under %s, and the run completes',
    async (strategy) => {
      const results = await run(['hangs', 'double'], [strategy]);
      expect(results.cells.map((c) => [c.workload, c.status])).toEqual([
        ['hangs', 'errored'],
        ['double', 'ok'],
      ]);
      expect(results.cells[0]?.reason).toBe('a batch ran longer than 3000 ms and was stopped (watchdog)');
    },
  );

  it.each(['worker', 'piscina'])('terminates a thread stuck in a busy loop under %s', async (strategy) => {
    const results = await run(['spins', 'double'], [strategy]);
    expect(results.cells.map((c) => [c.workload, c.status])).toEqual([
      ['spins', 'errored'],
      ['double', 'ok'],
    ]);
  });

  it.each(['worker', 'piscina'])(
    'records a worker that exits mid-task as errored under %s',
    async (strategy) => {
      const results = await run(['exits', 'double'], [strategy]);
      expect(results.cells.map((c) => [c.workload, c.status])).toEqual([
        ['exits', 'errored'],
        ['double', 'ok'],
      ]);
      expect(results.cells[0]?.reason).toMatch(/exit/i);
    },
  );
});
