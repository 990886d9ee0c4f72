import { describe, expect, test } from 'bun:test';
import { createRequire } from 'node:module';
import type { AnyWorkload } from '@paralab/core';
import type { PlanEntry } from '@paralab/host';
import { NODE_WORKLOAD_MODULES } from '@paralab/node-api';
import { defaultNodePlan } from '@paralab/node-runner';
import { bunPlan, bunRunner, bunStrategies } from '../src/index.js';

/**
 * The parts of a plan entry that are not a runtime's names (its strategies, the quick profile's, and the
 * floors beside them).
 */
const shape = ({ strategies: _, floors: __, quick, ...rest }: PlanEntry) => {
  if (!quick) return { ...rest, quick };
  const { strategies: ___, ...sized } = quick;
  return { ...rest, quick: sized };
};

describe('bunPlan', () => {
  test("asks node-runner's questions, entry by entry, in Bun's strategy names", () => {
    // Node's plan has one entry of its own (`http-get`, its `extra`: see the failing test below); every
    // other entry is the same.
    const common = (entry: { workload: string }): boolean => entry.workload !== 'http-get';
    const node = defaultNodePlan(2).filter(common);
    const bun = bunPlan(2);
    expect(bun.filter(common).map(shape)).toEqual(node.map(shape));
    // The sweep over concurrency levels: Bun's own Web Workers and Bun.spawn children, beside piscina.
    expect(bun[0]?.strategies).toEqual(['sequential', 'worker', 'piscina', 'process']);
    // The quick profile keeps both raw thread kinds on the empty tasks: each is a dispatch target's subject.
    const noop = bun.find((entry) => entry.workload === 'noop');
    const quick = noop?.quick || undefined; // false: not in the quick profile
    expect(quick?.strategies).toEqual(
      expect.arrayContaining(['worker', 'worker-threads', 'worker-pipelined', 'worker-threads-pipelined']),
    );
    // The empty tasks are measured beside the raw round trips of both kinds of worker Bun has.
    expect(bun.find((entry) => entry.workload === 'noop')?.floors).toEqual([
      'worker_threads/message-roundtrip',
      'web-worker/message-roundtrip',
    ]);
    // Node's APIs under Bun and the other pools, at the core count.
    expect(bun[1]?.strategies).toEqual([
      'async',
      'worker-threads',
      'worker-pipelined',
      'worker-threads-pipelined',
      'tinypool',
      'workerpool-web',
      'workerpool',
      'fork',
      'process-cold',
    ]);
  });

  test("keeps node-runner's http-get entry (node:http beside fetch, which Bun implements)", () => {
    const nodeEntry = defaultNodePlan(2).find((entry) => entry.workload === 'http-get');
    expect(nodeEntry).toBeDefined();
    expect(bunPlan(2).find((entry) => entry.workload === 'http-get')).toEqual(nodeEntry);
  });

  test('names every strategy the runner offers but workerpool-process, and nothing else', () => {
    const offered = bunStrategies.map((s) => s.name).filter((name) => name !== 'workerpool-process');
    const planned = new Set(bunPlan(2).flatMap((entry) => entry.strategies));
    expect([...planned].sort()).toEqual(offered.sort());
  });
});

describe('bunRunner', () => {
  test('is the Bun runner, with its plan and strategies, each carrying its family', () => {
    const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
    expect({
      runtime: bunRunner.runtime,
      title: bunRunner.title,
      bin: bunRunner.bin,
      version: bunRunner.version,
    }).toEqual({ runtime: 'bun', title: 'Bun', bin: 'paralab-bun', version: manifest.version });
    expect(bunRunner.plan).toBe(bunPlan);
    expect(bunRunner.strategies).toBe(bunStrategies);
    expect(bunRunner.strategies.map((s) => [s.name, s.family])).toEqual([
      ['sequential', 'sequential'],
      ['async', 'async'],
      ['promise-all', 'async'],
      ['worker', 'threads'],
      ['worker-pipelined', 'threads'],
      ['worker-threads', 'threads'],
      ['worker-threads-pipelined', 'threads'],
      ['piscina', 'threads'],
      ['tinypool', 'threads'],
      ['workerpool', 'threads'],
      ['workerpool-process', 'processes'],
      ['workerpool-web', 'threads'],
      ['transfer', 'threads'],
      ['shared', 'threads'],
      ['process', 'processes'],
      ['process-cold', 'processes'],
      ['fork', 'processes'],
      ['hybrid', 'hybrid'],
      ['serve-loop', 'async'],
      ['serve-cluster', 'processes'],
      ['serve-offload', 'hybrid'],
      ['serve-reuseport', 'processes'],
    ]);
  });

  test("plans a user's workload in Bun's names: one of each family, and empty tasks beside the floors", () => {
    const plan = bunRunner.modulePlan;
    if (!plan) throw new Error('bunRunner has no module plan');
    const cpu = { id: 'mine', kind: 'cpu', split: {} } as unknown as AnyWorkload;
    const io = { id: 'waits', kind: 'io' } as unknown as AnyWorkload;
    const names = (entries: PlanEntry[]) => entries.map((entry) => [entry.workload, ...entry.strategies]);
    expect(names(plan(cpu, 2))).toEqual([
      ['mine', 'sequential', 'async', 'worker', 'piscina', 'process', 'hybrid'],
      ['noop', 'sequential', 'worker', 'piscina', 'process'],
    ]);
    expect(plan(cpu, 2)[1]?.floors).toEqual([
      'worker_threads/message-roundtrip',
      'web-worker/message-roundtrip',
    ]);
    expect(names(plan(io, 2))).toEqual([['waits', 'sequential', 'async', 'worker', 'piscina', 'process']]);
    const offered = new Set(bunStrategies.map((s) => s.name));
    const planned = [...plan(cpu, 2), ...plan(io, 2)].flatMap((entry) => entry.strategies);
    expect(planned.filter((name) => !offered.has(name))).toEqual([]);
    expect(bunRunner.builtinModules).toEqual(NODE_WORKLOAD_MODULES);
  });

  test('resolves its built-in workload modules to files that hold the built-in workloads', async () => {
    const ids: string[] = [];
    for (const specifier of bunRunner.builtinModules) {
      const url = bunRunner.resolveBuiltin(specifier);
      expect(url).toMatch(/^file:\/\/\/.*\.js$/);
      const exported = Object.values(await import(url)) as { id?: unknown }[];
      ids.push(...exported.flatMap((value) => (typeof value?.id === 'string' ? [value.id] : [])));
    }
    expect(ids).toContain('primes');
    expect(ids).toContain('http-get');
  });
});
