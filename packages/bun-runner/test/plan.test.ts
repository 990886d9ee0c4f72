import { describe, expect, test } from 'bun:test';
import { defaultNodePlan } from '@paralab/node-runner';
import { bunPlan, bunRuntime, bunStrategies } from '../src/index.js';

describe('bunPlan', () => {
  test("is node-runner's plan, entry by entry, with Bun's strategies", () => {
    const node = defaultNodePlan(2);
    const bun = bunPlan(2);
    expect(bun.map(({ strategies: _, ...rest }) => rest)).toEqual(
      node.map(({ strategies: _, ...rest }) => rest),
    );
    const primes = bun[0];
    expect(primes?.strategies).toEqual([
      'sequential',
      'worker',
      'worker_threads',
      'piscina',
      'process',
      'child_process.fork',
    ]);
  });

  test('names every strategy the runner offers but workerpool-process, and nothing else', () => {
    const offered = bunStrategies.map((s) => s.name).filter((name) => name !== 'workerpool-process');
    const planned = new Set(bunPlan(2).flatMap((entry) => entry.strategies));
    expect([...planned].sort()).toEqual(offered.sort());
  });

  test('the runtime is Bun, with its plan and strategies', () => {
    expect(bunRuntime.name).toBe('bun');
    expect(bunRuntime.version).toBe(Bun.version);
    expect(bunRuntime.plan).toBe(bunPlan);
    expect(bunRuntime.strategies.map((s) => s.name)).toEqual([
      'sequential',
      'async',
      'worker',
      'worker_threads',
      'worker_threads-pipelined',
      'piscina',
      'tinypool',
      'workerpool',
      'workerpool-process',
      'workerpool-web',
      'transfer',
      'shared',
      'process',
      'process-cold',
      'child_process.fork',
      'hybrid',
    ]);
  });
});
