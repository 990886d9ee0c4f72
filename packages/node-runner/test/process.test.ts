import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CancelToken,
  type ExternalUsage,
  importWorkload as loadWorkload,
  type Profile,
  resolveParams,
  toError,
  type WorkloadRef,
} from '@paralab/core';
import { BUILTIN_MODULE, compileTypeScript } from '@paralab/host';
import { processColdStrategy, processStrategy } from '@paralab/node-api';
import { type NodeRunOptions, runNode } from '@paralab/node-runner';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, TEST_PROFILE } from './_helpers.js';

const BOTH = [processStrategy, processColdStrategy];
const BOTH_NAMES = BOTH.map((strategy) => strategy.name);

/** The TypeScript fixtures compiled as the host compiles them: children import plain JavaScript only. */
const FIXTURES_JS = await compileTypeScript(FIXTURES);

// Where no watchdog is wanted, a roomy one (and a roomy budget: a cell that spends three budgets stops
// under-sampled) keeps a loaded machine (a cold child per task) from turning slowness into a failure. The
// watchdog tests keep the 3 s one and follow up with the built-in `noop` on 2 tasks.
const ROOMY: Profile = { ...TEST_PROFILE, sampleTimeoutMs: 60_000, cellBudgetMs: 60_000 };
const FOLLOW_UP = { noop: { tasks: 2 } };

const run = (
  workloads: string[],
  strategies: string[],
  { profile = TEST_PROFILE, params }: Pick<NodeRunOptions, 'profile' | 'params'> = {},
) => runNode({ modules: [FIXTURES], workloads, strategies, concurrency: [2], params, profile, lock: false });

/**
 * Processes whose parent is `ppid` and that have not exited (a zombie has: it only waits to be reaped).
 * esbuild's service process, which the host starts once to compile the TypeScript fixtures and keeps for
 * the life of the test process, is not a strategy's child and is left out.
 */
function liveChildrenOf(ppid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(parent) !== ppid || state === 'Z' || commOf(entry) === 'esbuild') continue;
    found.push(Number(entry));
  }
  return found;
}

function commOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

const cpuMs = (usage: ExternalUsage | undefined): number => (usage ? usage.cpuUserMs + usage.cpuSystemMs : 0);

afterEach(() => {
  expect(liveChildrenOf(process.pid)).toEqual([]);
});

describe('process strategies on real child processes', () => {
  it('return verified outputs for known-answer and checksum workloads', async () => {
    const results = await run(['double', 'square'], BOTH_NAMES, { profile: ROOMY });
    const summary = results.cells.map((c) => [c.workload, c.strategy, c.status, c.samples.length]);
    expect(summary).toEqual([
      ['double', 'process', 'ok', 3],
      ['double', 'process-cold', 'ok', 3],
      ['square', 'process', 'ok', 3],
      ['square', 'process-cold', 'ok', 3],
    ]);
    const warm = results.cells.find((c) => c.strategy === 'process');
    expect(warm?.startupMs).toBeGreaterThan(0);
    expect(warm?.options).toEqual({
      library: 'node:child_process',
      api: 'fork',
      inFlight: 'one-per-process',
      serialization: 'advanced',
    });
    expect(results.cells.find((c) => c.strategy === 'process-cold')?.options).toEqual({
      library: 'node:child_process',
      api: 'fork',
      inFlight: 'one-process-per-task',
      serialization: 'advanced',
      startup: 'per-task',
    });
  });

  it.each(BOTH_NAMES)(
    'stops a task that never settles with the watchdog under %s, and goes on',
    async (strategy) => {
      const results = await run(['hangs', 'noop'], [strategy], { params: FOLLOW_UP });
      expect(results.cells.map((c) => [c.workload, c.status, c.reason])).toEqual([
        ['hangs', 'errored', 'a batch ran longer than 3000 ms and was stopped (watchdog)'],
        ['noop', 'ok', undefined],
      ]);
    },
  );

  it.each(BOTH_NAMES)('kills a child stuck in a busy loop under %s, and goes on', async (strategy) => {
    const results = await run(['spins', 'noop'], [strategy], { params: FOLLOW_UP });
    expect(results.cells.map((c) => [c.workload, c.status, c.reason])).toEqual([
      ['spins', 'errored', 'a batch ran longer than 3000 ms and was stopped (watchdog)'],
      ['noop', 'ok', undefined],
    ]);
  });

  it.each(BOTH_NAMES)('records a child that exits mid-task as errored under %s', async (strategy) => {
    const results = await run(['exits', 'noop'], [strategy], { profile: ROOMY, params: FOLLOW_UP });
    expect(results.cells.map((c) => [c.workload, c.status, c.reason])).toEqual([
      ['exits', 'errored', 'child process exited with code 7'],
      ['noop', 'ok', undefined],
    ]);
  });
});

describe('process strategies called directly', () => {
  it.each(BOTH)("reports its children's CPU time and memory under $name", async (strategy) => {
    const ref: WorkloadRef = { module: BUILTIN_MODULE, id: 'primes' };
    const workload = await loadWorkload(ref);
    const params = resolveParams(workload, {});
    const inputs = await workload.prepare(params, { seed: 1 });
    const instance = await strategy.create({ workload, ref, params, concurrency: 2 });
    try {
      const before = await instance.usage?.();
      const outputs = await instance.runBatch(inputs, new CancelToken());
      const after = await instance.usage?.();
      expect(outputs).toEqual(inputs.map((input) => workload.run(input)));
      // About 180 ms of trial division: far above the 10 ms tick of /proc's CPU times.
      expect(cpuMs(after) - cpuMs(before)).toBeGreaterThan(0);
      // The warm pool's children are alive; the cold strategy's have all exited.
      if (strategy === processStrategy) expect(after?.rssBytes).toBeGreaterThan(0);
      else expect(after?.rssBytes).toBe(0);
    } finally {
      await instance.close();
    }
  });

  // Through runNode, `throws` (checked by checksum) already fails in the loop's reference run, before any
  // strategy runs a task: called directly, the strategy's own error path is what is tested.
  it.each(BOTH)('rejects with the message of a task that throws under $name', async (strategy) => {
    const ref: WorkloadRef = { module: FIXTURES_JS, id: 'throws' };
    const workload = await loadWorkload(ref);
    const instance = await strategy.create({ workload, ref, params: {}, concurrency: 2 });
    try {
      await expect(instance.runBatch([0, 1, 2, 3], new CancelToken())).rejects.toMatchObject({
        code: 'ERR_TASK',
        message: 'task 2 threw: boom on task 2',
      });
    } finally {
      await instance.close();
    }
  });

  it.each(BOTH)(
    "fails with the child's reason when the workload cannot be loaded, under $name",
    async (strategy) => {
      const ref: WorkloadRef = { module: FIXTURES_JS, id: 'nope' };
      const expected = await loadWorkload(ref).then(
        () => 'no error',
        (thrown) => toError(thrown).message,
      );
      const workload = await loadWorkload({ module: FIXTURES_JS, id: 'double' });
      const starting = strategy.create({ workload, ref, params: {}, concurrency: 2 });
      if (strategy === processStrategy) {
        await expect(starting).rejects.toMatchObject({ code: 'ERR_WORKER', message: expected });
        return;
      }
      const instance = await starting;
      try {
        await expect(instance.runBatch([1, 2], new CancelToken())).rejects.toMatchObject({
          code: 'ERR_WORKER',
          message: expected,
        });
      } finally {
        await instance.close();
      }
    },
  );

  it('rejects at once when cancelled, and close() ends the children', async () => {
    const ref: WorkloadRef = { module: FIXTURES_JS, id: 'hangs' };
    const workload = await loadWorkload(ref);
    for (const strategy of BOTH) {
      const instance = await strategy.create({ workload, ref, params: {}, concurrency: 2 });
      const cancel = new CancelToken();
      const running = instance.runBatch([0, 1, 2], cancel);
      // Cancelled while its children run the batch (a cold batch spawns them as it starts).
      expect(liveChildrenOf(process.pid)).toHaveLength(2);
      const reason = new Error('stopped by the test');
      cancel.cancel(reason);
      await expect(running).rejects.toBe(reason);
      await instance.close();
      await instance.close();
      expect(liveChildrenOf(process.pid)).toEqual([]);
    }
  });

  it('leaves no child behind when the parent is killed', async () => {
    const script = `
      import { importWorkload as loadWorkload } from '@paralab/core';
      import { processStrategy } from '@paralab/node-api';
      const ref = { module: '${BUILTIN_MODULE}', id: 'noop' };
      const workload = await loadWorkload(ref);
      await processStrategy.create({ workload, ref, params: {}, concurrency: 2 });
      process.stdout.write('ready\\n');
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        parent.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        parent.once('exit', (code) => reject(new Error(`the parent exited with code ${code}`)));
      });
      const children = liveChildrenOf(parent.pid as number);
      expect(children).toHaveLength(2);
      parent.kill('SIGKILL');
      await exited;
      // Orphans are adopted by another process, so look at the pids themselves.
      expect(await waitUntil(() => !children.some(isAlive), 10_000)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
      await exited;
    }
  });
});

/** True while `pid` runs (not when it is a zombie, or gone). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}
