import { describe, expect, it } from 'vitest';
import { browserStrategyCatalog } from '../src/catalog.js';
import { defaultBrowserPlan } from '../src/plan.js';
import { selectBrowserCells } from '../src/run.js';

describe('the browser plan and catalog', () => {
  it('the page implements exactly the strategies the runner plans with, in the same order', async () => {
    const { browserStrategies } = await import('../dist/page/strategies/index.js');
    const names = (list: readonly { name: string }[]): string[] => list.map((s) => s.name);
    expect(names(browserStrategies)).toEqual(names(browserStrategyCatalog));
    expect(browserStrategies.map((s: { description: string }) => s.description)).toEqual(
      browserStrategyCatalog.map((s) => s.description),
    );
  });

  it.each([1, 2, 8])('plans every entry with known workloads and strategies on %i cores', async (cores) => {
    const cells = await selectBrowserCells({}, cores);
    const planned = new Set(defaultBrowserPlan(cores).map((entry) => entry.workload));
    expect(new Set(cells.map((cell) => cell.workload.id))).toEqual(planned);
    expect(cells.filter((cell) => cell.strategy.name === 'process').length).toBeGreaterThan(0);
    expect(cells.find((cell) => cell.workload.id === 'file')?.ref.module).toBe(
      '@paralab/browser-runner/workloads',
    );
  });

  it('crosses the selection when strategies are given, and narrows the plan otherwise', async () => {
    const crossed = await selectBrowserCells(
      { workloads: ['primes'], strategies: ['sequential', 'worker'], concurrency: [2, 4] },
      2,
    );
    expect(crossed.map((cell) => `${cell.strategy.name}@${cell.concurrency}`)).toEqual([
      'sequential@1',
      'worker@2',
      'worker@4',
    ]);
    const narrowed = await selectBrowserCells({ workloads: ['blocking'] }, 2);
    expect(narrowed.map((cell) => `${cell.strategy.name}@${cell.concurrency}`)).toEqual([
      'sequential@1',
      'async@10',
      'worker@10',
    ]);
  });
});
