// A whole run under the host with a real measuring side: every cell journaled as it arrives, the results
// file written atomically at the end, a host killed mid-run leaving a journal that reads back, and an
// interrupt that stops the side at once.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CancelToken, type Cell, type Results } from '@paralab/core';
import { journalPath, readResultsFile, recoverJournal, runWithHost } from '@paralab/host';
import { afterAll, describe, expect, it } from 'vitest';
import { SIDE, TEST_PROFILE, testRunner, WHAT, WORKLOADS } from './_fixtures.js';

const HOST_DIR = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'paralab-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;
const freshOut = (): string => join(scratch, `run-${++runs}`, 'results.json');

const summary = (cells: readonly Cell[]) => cells.map((c) => [c.workload, c.strategy, c.status, c.reason]);

describe('runWithHost', () => {
  it('journals each group as it is measured and writes the results file at the end', async () => {
    const out = freshOut();
    let midway: Promise<Results> | undefined;
    const results = await runWithHost(testRunner(), {
      modules: [WORKLOADS],
      workloads: ['double', 'triple'],
      strategies: ['dies', 'sequential'],
      concurrency: [1],
      profile: TEST_PROFILE,
      heapLimitMb: 512,
      out,
      lock: false,
      onEvent: (event) => {
        if (event.type === 'group-start' && event.group === 2) midway ??= recoverJournal(journalPath(out));
      },
    });
    const died = `${WHAT} exited with code 3 (while warming up this cell)`;
    const expected = [
      ['double', 'dies', 'errored', died],
      ['double', 'sequential', 'ok', undefined],
      ['triple', 'dies', 'errored', died],
      ['triple', 'sequential', 'ok', undefined],
    ];
    // While the second group was measured, the journal held the first group's cells, in the order the host
    // learnt of them: the cell the fresh side measured, then the one the first side's death was blamed on.
    const journaled = await midway;
    expect([journaled?.complete, summary(journaled?.cells ?? [])]).toEqual([
      false,
      [expected[1], expected[0]],
    ]);
    expect([results.complete, summary(results.cells)]).toEqual([true, expected]);
    expect([results.runtime.name, results.runtime.version, results.limits]).toEqual([
      'test',
      process.versions.node,
      { heapMb: 512 },
    ]);
    expect(existsSync(journalPath(out))).toBe(false);
    expect(await readResultsFile(out)).toEqual(JSON.parse(JSON.stringify(results)));
  });

  it('a runtime that cannot limit its heap records no limit, and says an explicit --heap-limit is not applied', async () => {
    const warnings: string[] = [];
    const run = (heapLimitMb?: number) =>
      runWithHost(testRunner({ unlimitedHeap: 'this runtime has no heap setting' }), {
        modules: [WORKLOADS],
        workloads: ['double'],
        strategies: ['sequential'],
        concurrency: [1],
        profile: TEST_PROFILE,
        ...(heapLimitMb === undefined ? {} : { heapLimitMb }),
        lock: false,
        onEvent: (event) => {
          if (event.type === 'warning') warnings.push(event.message);
        },
      });
    expect((await run(64)).limits).toBeUndefined();
    expect(warnings).toEqual([
      '--heap-limit is not applied: this runtime has no heap setting; the results record no heap limit',
    ]);
    expect((await run()).limits).toBeUndefined();
    expect(warnings).toHaveLength(1); // the default limit was not asked for: nothing to say
  });

  it('records the module as the user named it, not the compiled file the side loaded', async () => {
    const results = await runWithHost(testRunner(), {
      modules: ['./test/fixtures/typed.ts'],
      strategies: ['sequential'],
      concurrency: [1],
      profile: TEST_PROFILE,
      cwd: HOST_DIR,
      lock: false,
    });
    expect(results.cells.map((c) => [c.workload, c.module, c.status])).toEqual([
      ['typed-double', './test/fixtures/typed.ts', 'ok'],
    ]);
  });

  it('on interrupt stops the side at once and writes the cells as interrupted, the results incomplete', async () => {
    const out = freshOut();
    const interrupt = new CancelToken();
    const results = await runWithHost(testRunner(), {
      modules: [WORKLOADS],
      workloads: ['double', 'triple'],
      strategies: ['blocks', 'sequential'],
      concurrency: [1],
      profile: TEST_PROFILE,
      out,
      lock: false,
      interrupt,
      onEvent: (event) => {
        if (event.type === 'cell-step' && event.step === 'warmup' && event.cellId.includes('/blocks@'))
          interrupt.cancel(new Error('Ctrl-C'));
      },
    });
    const why = "the run was interrupted after 0 of this cell's samples";
    expect([results.complete, summary(results.cells)]).toEqual([
      false,
      [
        ['double', 'blocks', 'interrupted', why],
        ['double', 'sequential', 'interrupted', why],
      ],
    ]);
    expect((await readResultsFile(out)).complete).toBe(false);
    expect(existsSync(journalPath(out))).toBe(false);
  });

  it('leaves a journal that reads back when the host itself is killed, and no side behind', async () => {
    const out = freshOut();
    const host = new URL('../dist/index.js', import.meta.url).href;
    // The test runner of _fixtures.ts, in plain JavaScript for a host process of its own.
    const script = `
      import { childSides, runWithHost } from ${JSON.stringify(host)};
      const strategies = ['sequential', 'dies'].map((name) => ({ name, family: 'threads', description: name }));
      const runner = {
        runtime: 'test', title: 'Test', bin: 'paralab-test', version: '0.0.0', strategies,
        plan: () => [], builtinModules: [], resolveBuiltin: (s) => s,
        sides: async () => childSides({ command: process.execPath, args: [${JSON.stringify(SIDE)}], what: 'the side' }),
      };
      await runWithHost(runner, {
        modules: [${JSON.stringify(WORKLOADS)}], workloads: ['double', 'triple'], strategies: ['sequential'],
        concurrency: [1], profile: ${JSON.stringify(TEST_PROFILE)}, out: ${JSON.stringify(out)}, lock: false,
        onEvent: (event) => {
          if (event.type === 'group-start' && event.group === 2) {
            process.stdout.write('second group\\n');
            setInterval(() => {}, 1000);
          }
        },
      });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let side: number[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('second group') && resolve());
        child.once('exit', (code) => reject(new Error(`the host exited with code ${code}`)));
        setTimeout(() => reject(new Error('the second group never started')), 60_000).unref();
      });
      side = childrenOf(child.pid as number);
      expect(side).toHaveLength(1);
      child.kill('SIGKILL');
      await exited;
    } finally {
      child.kill('SIGKILL');
    }
    const recovered = await recoverJournal(journalPath(out));
    expect([recovered.complete, summary(recovered.cells)]).toEqual([
      false,
      [['double', 'sequential', 'ok', undefined]],
    ]);
    expect(recovered.cells[0]?.samples).toHaveLength(3);
    expect(existsSync(out)).toBe(false);
    // The side sees its channel to the host close, and exits.
    expect(await gone(side, 10_000)).toBe(true);
  });
});

/** Live (not zombie) children of `ppid`, from /proc. */
function childrenOf(ppid: number): number[] {
  return readdirPids().filter((pid) => {
    const fields = stat(pid);
    return fields !== undefined && Number(fields[1]) === ppid && fields[0] !== 'Z';
  });
}

function readdirPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The fields of /proc/<pid>/stat after the command name (state [0], ppid [1]); undefined once gone. */
function stat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Resolves true once none of `pids` runs (a zombie counts as gone), false after `ms`. */
async function gone(pids: readonly number[], ms: number): Promise<boolean> {
  const running = () => pids.some((pid) => (stat(pid)?.[0] ?? 'Z') !== 'Z');
  for (const end = Date.now() + ms; running() && Date.now() < end; )
    await new Promise((resolve) => setTimeout(resolve, 50));
  return !running();
}
