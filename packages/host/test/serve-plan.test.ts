import { type AnyWorkload, defineWorkload } from '@paralab/core';
import { describe, expect, it } from 'vitest';
import { modulePlan, type PlanStrategies, questionPlan } from '../dist/index.js';

const SERVE = ['serve-loop', 'serve-cluster', 'serve-offload', 'serve-reuseport'];
const roles = (serve?: string[]): PlanStrategies => ({
  threads: ['worker'],
  pipelined: [],
  pools: [],
  processes: [],
  cold: [],
  transfer: [],
  shared: [],
  hybrid: [],
  ...(serve ? { serve } : {}),
});

const served: AnyWorkload = defineWorkload({
  id: 'mine',
  kind: 'mixed',
  description: 'a served workload',
  params: {},
  prepare: () => ['a'],
  run: (input: string) => input,
  served: { expectedBody: (input: string) => input },
});

describe('the serving entries of the default plan', () => {
  it('put one event loop beside N workers at 0, 0.2 and 1 ms of CPU per request; quick: 0 and 1 ms, smaller, two kinds of N workers', () => {
    const entries = questionPlan(2, roles(SERVE)).filter((entry) => entry.workload === 'serve');
    expect(
      entries.map(({ params, quick, strategies, concurrency }) => [params, quick, strategies, concurrency]),
    ).toEqual(
      [
        [0, 4000, 1000],
        [0.2, 1500, undefined],
        [1, 400, 100],
      ].flatMap(([cpuMs, requests, quick]) => [
        [
          { cpuMs, requests, connections: 16 },
          quick !== undefined && { params: { requests: quick } },
          ['serve-loop'],
          [1],
        ],
        [
          { cpuMs, requests, connections: 16 },
          quick !== undefined && {
            strategies: ['serve-cluster', 'serve-offload'],
            params: { requests: quick },
          },
          SERVE.slice(1),
          [2],
        ],
      ]),
    );
  });

  it('are absent for a runner with no serving strategies (a page cannot listen)', () => {
    expect(questionPlan(2, roles()).filter((entry) => entry.workload === 'serve')).toEqual([]);
  });

  it("plan a user's served workload under the serving strategies only, where the runner has them", () => {
    expect(modulePlan(served, 2, roles(SERVE))).toEqual([
      {
        workload: 'mine',
        strategies: SERVE,
        concurrency: [2],
        why: 'your served workload: one event loop versus N workers, under HTTP load',
      },
    ]);
    expect(modulePlan(served, 2, roles())[0]?.strategies).toEqual(['sequential', 'async', 'worker']);
  });
});
