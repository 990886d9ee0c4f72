import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CellPlan, StrategyInfo } from '@paralab/core';
import {
  type CatalogEntry,
  prepareModules,
  type Selection,
  selectCells,
  workloadCatalog,
} from '@paralab/host';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserStrategyCatalog } from '../src/catalog.js';
import { chromiumRunner } from '../src/definition.js';
import { BROWSER_BUILTIN_MODULES, defaultBrowserPlan } from '../src/plan.js';
import { FIXTURES } from './_helpers.js';

/** The workloads a browser run offers: the built-ins, and the user's modules (TypeScript compiled once). */
const catalogOf = async (modules: readonly string[] = []): Promise<CatalogEntry[]> =>
  workloadCatalog(
    await prepareModules(chromiumRunner.builtinModules, modules, {
      resolveBuiltin: chromiumRunner.resolveBuiltin,
    }),
    chromiumRunner.loadModule,
  );

const named = (cells: readonly CellPlan<StrategyInfo>[]): string[] =>
  cells.map((cell) => `${cell.strategy.name}@${cell.concurrency}`);

describe('the browser runner as the host runs it', () => {
  it('describes itself: runtime, command, version, strategies, built-in modules, no database', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(chromiumRunner).toMatchObject({
      runtime: 'chromium',
      bin: 'paralab-browser',
      version: pkg.version,
      builtinModules: BROWSER_BUILTIN_MODULES,
      canUseDatabase: false,
    });
    expect(chromiumRunner.strategies).toBe(browserStrategyCatalog);
    expect(chromiumRunner.extraOptions?.map((option) => option.name)).toEqual(['browser', 'ensure-browser']);
  });

  it.each(BROWSER_BUILTIN_MODULES)('resolves its built-in module %s to a file that exists', (specifier) => {
    const url = chromiumRunner.resolveBuiltin(specifier);
    expect(url).toMatch(/^file:\/\//);
    expect(existsSync(fileURLToPath(url))).toBe(true);
  });
});

describe('the browser plan and catalog', () => {
  let builtins: CatalogEntry[];
  beforeAll(async () => {
    builtins = await catalogOf();
  });
  const select = (selection: Selection, cores: number) =>
    selectCells(selection, chromiumRunner, builtins, cores);

  it('the page implements exactly the strategies the runner plans with, in the same order', async () => {
    const { browserStrategies } = await import('../dist/page/strategies/index.js');
    const names = (list: readonly { name: string }[]): string[] => list.map((s) => s.name);
    expect(names(browserStrategies)).toEqual(names(browserStrategyCatalog));
    expect(browserStrategies.map((s: { description: string }) => s.description)).toEqual(
      browserStrategyCatalog.map((s) => s.description),
    );
    expect(browserStrategies.map((s: { family: string }) => s.family)).toEqual(
      browserStrategyCatalog.map((s) => s.family),
    );
  });

  it.each([1, 2, 8])('plans every entry with known workloads and strategies on %i cores', (cores) => {
    const cells = select({}, cores);
    const planned = new Set(defaultBrowserPlan(cores).map((entry) => entry.workload));
    expect(new Set(cells.map((cell) => cell.workload.id))).toEqual(planned);
    expect(cells.filter((cell) => cell.strategy.name === 'process').length).toBeGreaterThan(0);
    // The browser's own `file` comes from its own module, which the page imports by the URL the host planned.
    const file = builtins.find((entry) => entry.workload.id === 'file');
    expect(file?.module.specifier).toBe('@paralab/browser-runner/workloads');
    expect(cells.find((cell) => cell.workload.id === 'file')?.ref.module).toBe(file?.module.url);
  });

  it('crosses the selection when strategies are given, and narrows the plan otherwise', () => {
    const crossed = select(
      { workloads: ['primes'], strategies: ['sequential', 'worker'], concurrency: [2, 4] },
      2,
    );
    expect(named(crossed)).toEqual(['sequential@1', 'worker@2', 'worker@4']);
    const narrowed = select({ workloads: ['blocking'] }, 2);
    expect(named(narrowed)).toEqual(['sequential@1', 'async@10', 'worker@10']);
  });

  it("plans a user's workload with one representative of each family a page has", async () => {
    const catalog = await catalogOf([FIXTURES]);
    const cells = selectCells({ workloads: ['double'] }, chromiumRunner, catalog, 2);
    // Then, for CPU work, the empty-task cells of the off-thread strategies: the cost model's overheads.
    expect(cells.map((cell) => `${cell.ref.id}:${cell.strategy.name}@${cell.concurrency}`)).toEqual([
      'double:sequential@1',
      'double:async@2',
      'double:worker@2',
      'double:workerpool@2',
      'noop:sequential@1',
      'noop:worker@2',
      'noop:workerpool@2',
    ]);
    expect(cells[0]?.ref.module).toMatch(/^file:\/\/.*\.mjs$/);
    // A workload split into I/O and CPU phases gets the hybrid too.
    const pipeline = builtins.find((entry) => entry.workload.id === 'pipeline')?.workload;
    expect(pipeline?.split).toBeDefined();
    expect(chromiumRunner.modulePlan?.(pipeline as NonNullable<typeof pipeline>, 2)).toMatchObject([
      { workload: 'pipeline', strategies: ['sequential', 'async', 'worker', 'workerpool', 'hybrid'] },
    ]);
  });
});
