// The Node runner as the host sees it: its plan must name only strategies its measuring side has and
// workloads its built-in modules hold (the host checks the names while planning; the side looks each
// strategy up by name), and a user's workload gets one representative of each family.
import { type AnyWorkload, defaultConcurrency } from '@paralab/core';
import { planRun } from '@paralab/host';
import { NODE_WORKLOAD_MODULES, nodeStrategies } from '@paralab/node-api';
import { nodeModulePlan, nodeRunner } from '@paralab/node-runner';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './_helpers.js';

describe('nodeRunner', () => {
  it("plans the default run with the side's own strategies and the built-in modules, resolved to files", async () => {
    const planned = await planRun(nodeRunner);
    expect(planned.modules).toEqual(
      NODE_WORKLOAD_MODULES.map((specifier) => ({
        specifier,
        url: import.meta.resolve(specifier),
        builtin: true,
      })),
    );
    expect(planned.modules.every((m) => m.url.startsWith('file:'))).toBe(true);
    const side = new Set(nodeStrategies.map((s) => s.name));
    const plannedNames = new Set(planned.plans.map((plan) => plan.strategy.name));
    expect([...plannedNames].filter((name) => !side.has(name))).toEqual([]);
    // Every strategy the side has is in the default plan somewhere.
    expect([...side].filter((name) => !plannedNames.has(name))).toEqual([]);
    expect(nodeRunner.strategies.map((s) => [s.name, s.family])).toEqual(
      nodeStrategies.map((s) => [s.name, s.family]),
    );
    // The extra question of Node's plan: the same 100 calls with node:http.
    const httpGet = planned.plans.filter((plan) => plan.workload.id === 'http-get');
    expect(httpGet.map((plan) => [plan.strategy.name, plan.concurrency, plan.params])).toEqual([
      ['async', 100, { requests: 100, latencyMs: 50 }],
    ]);
  });

  it("plans a user's workload with one representative of each family, and their empty-task cost", async () => {
    const planned = await planRun(nodeRunner, { modules: [FIXTURES], workloads: ['double'] });
    const { cores } = planned;
    const levels = defaultConcurrency('cpu', cores);
    const representatives = ['worker', 'piscina', 'process'];
    expect(planned.plans.map((plan) => [plan.workload.id, plan.strategy.name, plan.concurrency])).toEqual([
      ...['sequential', 'async', ...representatives].flatMap((name) =>
        (name === 'sequential' ? [1] : levels).map((level) => ['double', name, level]),
      ),
      // For CPU work, the same strategies on empty tasks at the core count: what the cost model reads.
      ['noop', 'sequential', 1],
      ...representatives.map((name) => ['noop', name, cores]),
    ]);
    const split = { id: 'split', kind: 'mixed', split: {} } as unknown as AnyWorkload;
    // A mixed workload gets no empty-task entry; a split one gets hybrid too.
    expect(nodeModulePlan(split, 2)).toHaveLength(1);
    expect(nodeModulePlan(split, 2)[0]?.strategies).toEqual([
      'sequential',
      'async',
      'worker',
      'piscina',
      'process',
      'hybrid',
    ]);
  });
});
