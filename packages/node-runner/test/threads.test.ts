import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell } from '@paralab/core';
import { runNode } from '@paralab/node-runner';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, TEST_PROFILE } from './_helpers.js';

// Workloads that fail on task 2 in every form a strategy may call: `run`, `shared.runInto` (the `shared`
// strategy) and `split.cpu` (the `hybrid` strategy). They have a `verify`, so no reference run on the main
// thread fails first: the failure happens where the strategy runs the task. Plain JavaScript in a
// temporary module (no imports), loaded by the workers like any user module.
const CAPABLE_SOURCE = `
const behave = (how, n) => {
  if (n !== 2) return n;
  if (how === 'throws') throw new Error('boom in task 2');
  if (how === 'hangs') return new Promise(() => {});
  if (how === 'spins') for (;;) {}
  if (how === 'exits') process.exit(7);
  return n;
};
const capable = (how) => ({
  id: 'capable-' + how,
  kind: 'cpu',
  description: 'task 2 ' + how + ' in run, shared.runInto and split.cpu',
  params: { tasks: { type: 'integer', default: 6, min: 1, description: 'tasks per sample' } },
  prepare: ({ tasks }) => Array.from({ length: tasks }, (_, n) => ({ n, bytes: new Uint8Array([n]) })),
  run: (input) => behave(how, input.n),
  verify: (output, input) => (output === input.n ? true : 'expected ' + input.n + ', got ' + output),
  shared: {
    outputBytes: () => 1,
    runInto: (input, output) => { output[0] = behave(how, input.n); },
    readOutput: (output) => output[0],
  },
  split: { io: async (input) => input.n, cpu: (n) => behave(how, n) },
});
export const workloads = ['ok', 'throws', 'hangs', 'spins', 'exits'].map(capable);
`;
// A workload module that cannot be loaded in a worker: every strategy's create() fails halfway.
const MAIN_ONLY_SOURCE = `
import { isMainThread } from 'node:worker_threads';
if (!isMainThread) throw new Error('this module loads on the main thread only');
${CAPABLE_SOURCE.replace('export const workloads', 'const workloads')}
export const mainOnly = { ...workloads[0], id: 'main-only' };
`;
const dir = mkdtempSync(join(tmpdir(), 'paralab-threads-'));
const CAPABLE = join(dir, 'capable.mjs');
const MAIN_ONLY = join(dir, 'main-only.mjs');
writeFileSync(CAPABLE, CAPABLE_SOURCE);
writeFileSync(MAIN_ONLY, MAIN_ONLY_SOURCE);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Small built-in workloads: two 64×64 images; four 8 KiB documents at 5 ms. */
const PARAMS: Record<string, Record<string, number>> = {
  blur: { images: 2, size: 64 },
  pipeline: { documents: 4, latencyMs: 5, kib: 8, rounds: 2 },
};
const WATCHDOG = 'a batch ran longer than 3000 ms and was stopped (watchdog)';
const EXITED = 'worker exited with code 7';

const run = (workloads: string[], strategies: string[]) =>
  runNode({
    modules: [FIXTURES, CAPABLE, MAIN_ONLY],
    workloads,
    strategies,
    params: Object.fromEntries(Object.entries(PARAMS).filter(([id]) => workloads.includes(id))),
    concurrency: [2],
    profile: TEST_PROFILE,
    lock: false,
  });

const summary = (cells: readonly Cell[]) =>
  cells.map((c) => [c.workload, c.strategy, c.status, c.status === 'ok' ? c.samples.length : c.reason]);

const SHARED_NONE = (id: string): string =>
  `shared needs a workload with a shared-memory form (workload.shared); ${id} has none`;
const HYBRID_NONE = 'hybrid needs a workload split into io and cpu phases (workload.split)';
const TRANSFER_NONE = 'transfer needs inputs with typed arrays (this workload has none)';

describe('thread strategies on real threads', () => {
  it('returns verified outputs on the fixtures, and says which workloads a strategy cannot run', async () => {
    const strategies = ['worker-pipelined', 'transfer', 'workerpool', 'tinypool', 'shared', 'hybrid'];
    const results = await run(['double', 'square'], strategies);
    expect(summary(results.cells)).toEqual(
      ['double', 'square'].flatMap((id) => [
        [id, 'worker-pipelined', 'ok', 3],
        [id, 'transfer', 'ok', 3],
        [id, 'workerpool', 'ok', 3],
        [id, 'tinypool', 'ok', 3],
        [id, 'shared', 'unsupported', SHARED_NONE(id)],
        [id, 'hybrid', 'unsupported', HYBRID_NONE],
      ]),
    );
    // An I/O workload (`hangs` is one): ruled out before it could hang anything.
    const io = await run(['hangs'], ['transfer']);
    expect(summary(io.cells)).toEqual([['hangs', 'transfer', 'unsupported', TRANSFER_NONE]]);
  });

  it('records each strategy with its library, version, in-flight policy and serialization', async () => {
    const results = await run(
      ['capable-ok'],
      ['worker-pipelined', 'transfer', 'shared', 'workerpool', 'tinypool', 'hybrid'],
    );
    const options = Object.fromEntries(results.cells.map((c) => [c.strategy, c.options]));
    const threads = { library: 'node:worker_threads', inFlight: 'one-per-worker' };
    expect(options).toEqual({
      'worker-pipelined': { ...threads, inFlight: 'pipelined', serialization: 'structured-clone' },
      transfer: { ...threads, serialization: 'transfer' },
      shared: { ...threads, serialization: 'shared', completion: 'atomics' },
      workerpool: {
        library: 'workerpool',
        version: expect.any(String),
        workerType: 'thread',
        primitive: 'worker_threads',
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      tinypool: {
        library: 'tinypool',
        version: expect.any(String),
        primitive: 'worker_threads',
        isolateWorkers: false,
        useAtomics: true,
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      hybrid: {
        library: 'piscina',
        version: expect.any(String),
        primitive: 'worker_threads',
        ioInFlight: 2,
        poolSize: availableParallelism(),
        inFlight: 'io-on-main+cpu-in-pool',
        serialization: 'structured-clone',
      },
    });
    expect(summary(results.cells).map(([, strategy, status]) => [strategy, status])).toEqual(
      Object.keys(options).map((strategy) => [strategy, 'ok']),
    );
  });

  it('blurs images by cloning, transferring and sharing them, and counts the bytes each moves', async () => {
    const strategies = ['worker', 'transfer', 'shared', 'hybrid'];
    const results = await run(['blur'], strategies);
    expect(summary(results.cells)).toEqual([
      ['blur', 'worker', 'ok', 3],
      ['blur', 'transfer', 'ok', 3],
      ['blur', 'shared', 'ok', 3],
      ['blur', 'hybrid', 'unsupported', HYBRID_NONE],
    ]);
    const moved = (name: string) =>
      results.cells.find((c) => c.strategy === name)?.metrics?.bytesMovedPerSample;
    // Two 64×64 RGBA images in and two out: at least 4 × 16 KiB counted for the strategies that copy.
    expect(moved('worker')).toBeGreaterThan(4 * 64 * 64 * 4);
    expect(moved('transfer')).toBeGreaterThan(4 * 64 * 64 * 4);
    expect(moved('shared')).toBe(0);
  });

  it('fetches on the event loop and hashes in the pool (hybrid)', async () => {
    const results = await run(['pipeline'], ['hybrid', 'shared']);
    expect(summary(results.cells)).toEqual([
      ['pipeline', 'hybrid', 'ok', 3],
      ['pipeline', 'shared', 'unsupported', SHARED_NONE('pipeline')],
    ]);
  });
});

interface Failure {
  readonly strategy: string;
  /** The workload that fails under `strategy`. */
  readonly failing: string;
  /** The workload measured after it, which must still be ok. */
  readonly next: string;
  readonly reason: string | RegExp;
}

const failures = (strategy: string, next: string, cases: Record<string, string | RegExp>): Failure[] =>
  Object.entries(cases).map(([failing, reason]) => ({ strategy, failing, next, reason }));

const THREW = 'task 2 threw: boom in task 2';
const FAILURES: Failure[] = [
  ...['worker-pipelined', 'workerpool', 'tinypool'].flatMap((strategy) =>
    failures(strategy, 'double', {
      'capable-throws': THREW,
      hangs: WATCHDOG,
      spins: WATCHDOG,
      exits: strategy === 'workerpool' ? 'worker exited with code 7 running task 3' : EXITED,
    }),
  ),
  // No `hangs` here: `transfer` does not take I/O workloads (see above).
  ...failures('transfer', 'double', { 'capable-throws': THREW, spins: WATCHDOG, exits: EXITED }),
  // No `capable-hangs` either: `shared.runInto` is synchronous, a never-settling promise cannot hang it.
  ...failures('shared', 'blur', {
    'capable-throws': THREW,
    'capable-spins': WATCHDOG,
    'capable-exits': EXITED,
  }),
  ...failures('hybrid', 'pipeline', {
    'capable-throws': 'task 2 failed in its cpu phase: boom in task 2',
    'capable-hangs': WATCHDOG,
    'capable-spins': WATCHDOG,
    'capable-exits': 'task 2 failed in its cpu phase: worker exited with code: 7',
  }),
].map((failure) => ({ ...failure, name: failure.strategy }));

describe('failures on real threads', () => {
  it.each(FAILURES)(
    '$name: $failing is errored and $next still runs',
    async ({ strategy, failing, next, reason }) => {
      const results = await run([failing, next], [strategy]);
      expect(results.cells.map((c) => [c.workload, c.status])).toEqual([
        [failing, 'errored'],
        [next, 'ok'],
      ]);
      if (typeof reason === 'string') expect(results.cells[0]?.reason).toBe(reason);
      else expect(results.cells[0]?.reason).toMatch(reason);
    },
  );
});

describe('start-up failures on real threads', () => {
  const ALL = ['worker-pipelined', 'transfer', 'shared', 'workerpool', 'tinypool', 'hybrid'];
  it.each(ALL.map((strategy) => ({ name: strategy, strategy })))(
    '$name: a workload that cannot load in a worker is errored at start-up, and the next one runs',
    async ({ name, strategy }) => {
      const results = await run(['main-only', 'capable-ok'], [strategy]);
      expect(results.cells.map((c) => [c.workload, c.status])).toEqual([
        ['main-only', 'errored'],
        ['capable-ok', 'ok'],
      ]);
      expect(results.cells[0]?.reason).toMatch(
        new RegExp(`^starting ${name} failed: .*this module loads on the main thread only$`),
      );
    },
  );
});
