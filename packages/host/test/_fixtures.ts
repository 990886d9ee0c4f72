// What the host's tests run: a runner definition whose measuring side is a real child process
// (fixtures/side.mjs) and workloads in plain JavaScript (fixtures/workloads.mjs).
import { fileURLToPath } from 'node:url';
import type { Profile, StrategyInfo } from '@paralab/core';
import { type ChildSideOptions, childSides, type RunnerDefinition, type SideFactory } from '@paralab/host';

/** The measuring entry of the test runner. */
export const SIDE: string = fileURLToPath(new URL('./fixtures/side.mjs', import.meta.url));

/** The test workloads: double, triple, prepare-exits. */
export const WORKLOADS: string = fileURLToPath(new URL('./fixtures/workloads.mjs', import.meta.url));

/** What messages call the test side. */
export const WHAT = 'the test measuring process';

/** A tiny profile: one warm-up and three samples a cell; a 500 ms watchdog (so a silence of 16 s). */
export const TEST_PROFILE: Profile = {
  name: 'test',
  warmups: 1,
  maxWarmups: 1,
  minSamples: 3,
  minTimeMs: 0,
  maxSamples: 3,
  targetCiWidth: 1,
  cellBudgetMs: 5_000,
  sampleTimeoutMs: 500,
};

/** The strategies fixtures/side.mjs implements. */
export const TEST_STRATEGIES: readonly StrategyInfo[] = [
  { name: 'sequential', family: 'sequential', description: 'one task after another' },
  { name: 'async', family: 'async', description: 'N tasks in flight on the event loop' },
  { name: 'dies', family: 'threads', description: 'exits the measuring process' },
  { name: 'blocks', family: 'threads', description: 'blocks the main thread' },
  { name: 'bloats', family: 'threads', description: 'runs out of heap' },
  { name: 'hogs', family: 'processes', description: 'holds 512 MB' },
];

/** Sides of the test runner: Node running fixtures/side.mjs with the given heap limit. */
export function testSides(heapLimitMb: number, options: Partial<ChildSideOptions> = {}): SideFactory {
  return childSides({
    command: process.execPath,
    args: [`--max-old-space-size=${heapLimitMb}`, SIDE],
    what: WHAT,
    heapLimitMb,
    ...options,
  });
}

/** A runner the host can run: the test side, its strategies, a plan of `double` under sequential. */
export function testRunner(overrides: Partial<RunnerDefinition> = {}): RunnerDefinition {
  return {
    runtime: 'test',
    title: 'Test',
    bin: 'paralab-test',
    version: '0.0.0',
    strategies: TEST_STRATEGIES,
    plan: () => [{ workload: 'double', strategies: ['sequential'], concurrency: [1], why: 'test' }],
    builtinModules: [],
    resolveBuiltin: (specifier) => specifier,
    sides: async (context) => testSides(context.heapLimitMb),
    ...overrides,
  };
}
