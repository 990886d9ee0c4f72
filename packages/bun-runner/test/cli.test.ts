// paralab-bun as users run it: the built CLI on Node (the host), measuring in a Bun child process.
import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResults } from '@paralab/core';
import { CAN_FIND_PROCESSES, FAULTS, FIXTURES, leftBehind, MARK_ENV, newMark } from './_helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'paralab-bun-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Node, which runs the CLI (the host); not Bun's `node` stand-in. */
const NODE = Bun.which('node') ?? 'node';

/**
 * The environment of a CLI run: no PARALAB_BUN unless given, and a temporary folder of its own, so the
 * machine-wide lock it takes is its own and a benchmark running on this machine does not hold it up.
 */
const environment = (extra: Record<string, string> = {}): Record<string, string> => {
  const { PARALAB_BUN: _, ...env } = process.env;
  return { ...env, TMPDIR: scratch, ...extra } as Record<string, string>;
};

const cli = (args: string[], env: Record<string, string> = environment()) => {
  const run = Bun.spawnSync([NODE, CLI, ...args], {
    cwd: scratch,
    env,
    stdout: 'pipe',
    stderr: 'pipe',
    timeout: 180_000,
  });
  return { code: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
};

/** Sends SIGTERM to `child` 2 s after its stdout says `text`; reads stdout to its end. */
async function signalAfter(child: Bun.Subprocess<'ignore', 'pipe', 'pipe'>, text: string): Promise<void> {
  let stdout = '';
  let signalled = false;
  for await (const chunk of child.stdout) {
    stdout += new TextDecoder().decode(chunk);
    if (!signalled && stdout.includes(text)) {
      signalled = true;
      setTimeout(() => child.kill('SIGTERM'), 2_000);
    }
  }
}

describe('paralab-bun CLI', () => {
  test('runs on Node', () => {
    const run = Bun.spawnSync([NODE, '-p', 'process.release.name'], { stdout: 'pipe' });
    expect(run.stdout.toString()).toBe('node\n');
  });

  test('measures in Bun, prints a summary and writes a results file that validates against the schema', () => {
    const out = join(scratch, 'bun.json');
    const { code, stdout, stderr } = cli([
      '--module',
      FIXTURES,
      '-w',
      'double',
      '-s',
      'sequential,worker,process,workerpool-web',
      '--profile',
      'quick',
      '--out',
      out,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`measuring in the Bun measuring process (bun ${Bun.version})`);
    expect(stdout).toContain('4 cells measured in');
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.runtime).toEqual({
      name: 'bun',
      version: Bun.version,
      engine: expect.stringMatching(/^JavaScriptCore \(WebKit /),
    });
    expect(results.complete).toBe(true);
    expect(results.cells.map((c) => [c.strategy, c.status])).toEqual([
      ['sequential', 'ok'],
      ['worker', 'ok'],
      ['process', 'ok'],
      ['workerpool-web', 'ok'],
    ]);
    // The module as the user named it, not the host's compiled copy the side loaded.
    expect(new Set(results.cells.map((c) => c.module))).toEqual(new Set([FIXTURES]));
  });

  test.each([
    [['--bogus'], /^paralab-bun: Unknown option '--bogus'.* \(see --help\)\n$/],
    [
      ['--strategies', 'threads'],
      /^paralab-bun: unknown strategy "threads" \(choose from: sequential, async, promise-all, worker, worker-pipelined, worker-threads, worker-threads-pipelined, piscina, tinypool, workerpool, workerpool-process, workerpool-web, transfer, shared, process, process-cold, fork, hybrid, serve-loop, serve-cluster, serve-offload, serve-reuseport\)\n$/,
    ],
    [['--concurrency', '0'], /^paralab-bun: --concurrency must hold integers from 1 to 100000, got "0"\n$/],
    [
      ['--strategies', 'worker_threads'],
      /^paralab-bun: unknown strategy "worker_threads" \(choose from: .*\)\n$/,
    ],
  ])('rejects %j with a one-line error and exit code 2', (args, message) => {
    const { code, stderr } = cli(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  test('helps, lists and plans with no Bun anywhere: only measuring needs Bun', () => {
    // PATH holds Node's folder only, and PARALAB_BUN names no file: finding Bun would fail.
    const PATH = dirname(NODE);
    expect(Bun.which('bun', { PATH })).toBeNull();
    const env = environment({ PATH, PARALAB_BUN: join(scratch, 'no-bun-here') });
    const help = cli(['--help'], env);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: paralab-bun \[options\]\n\nMeasures .* on Bun, /);
    const list = cli(['--list'], env);
    expect([list.code, list.stderr]).toEqual([0, '']);
    expect(list.stdout).toMatch(/^ {2}worker-pipelined +threads +N Bun Web Workers, every task/m);
    const plan = cli(['--plan', '-w', 'noop'], env);
    expect([plan.code, plan.stderr]).toEqual([0, '']);
    expect(plan.stdout).toMatch(/^ {6}sequential@1 worker@1 .*process@2$/m);
  });

  test('a Bun that is not there is a one-line error with exit code 2, before anything is written', () => {
    const missing = join(scratch, 'no-such-bun');
    const out = join(scratch, 'never.json');
    const env = environment({ PARALAB_BUN: missing });
    const { code, stdout, stderr } = cli(['-w', 'noop', '-s', 'sequential', '-o', out], env);
    expect(stderr).toBe(
      `paralab-bun: PARALAB_BUN=${missing}: no such file (point it at a bun binary, or unset it and install Bun beside paralab: npm install --save-dev bun)\n`,
    );
    expect(code).toBe(2);
    expect(stdout).not.toContain('measuring in');
    expect(existsSync(out)).toBe(false);
  });

  test('a Bun that is not there: the one line says how to get Bun', () => {
    const missing = join(scratch, 'no-such-bun');
    const { code, stderr } = cli(['-w', 'noop', '-s', 'sequential'], environment({ PARALAB_BUN: missing }));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^paralab-bun: [^\n]*PARALAB_BUN[^\n]*npm install --save-dev bun[^\n]*\n$/);
  });

  test('lists its strategies, each with its family', () => {
    const { code, stdout } = cli(['--list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}worker +threads +N Bun Web Workers \(new Worker/m);
    expect(stdout).toMatch(/^ {2}worker-threads +threads +N node:worker_threads workers under Bun/m);
    expect(stdout).toMatch(/^ {2}fork +processes +N warm child processes \(node:child_process fork\)/m);
    expect(stdout).toMatch(/^ {2}workerpool-web +threads +a workerpool pool of exactly N Bun Web Workers/m);
  });

  test('exits 1 when a cell errored, with the healthy cells measured and the results written', () => {
    const out = join(scratch, 'faults.json');
    const strategies = ['sequential', 'worker', 'process'];
    const { code, stdout, stderr } = cli([
      '-m',
      FAULTS,
      '-w',
      'exits,throws-null,rejects-unhandled,healthy',
      '-s',
      strategies.join(','),
      '-c',
      '2',
      '--profile',
      'quick',
      '-o',
      out,
    ]);
    expect(code).toBe(1);
    expect(stderr).toBe('9 errored of 12 cells: see the notes above (exit code 1)\n');
    // The side that exited was replaced, and said so.
    expect(stdout).toContain('✗ the Bun measuring process exited with code 7: the cell it was measuring');
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(true);
    expect(results.cells.map((c) => [c.workload, c.strategy, c.status])).toEqual(
      ['exits', 'throws-null', 'rejects-unhandled', 'healthy'].flatMap((w) =>
        strategies.map((s) => [w, s, w === 'healthy' ? 'ok' : 'errored']),
      ),
    );
  });

  test('on SIGTERM stops the Bun side at once, writes what was measured, marked incomplete, and exits 130', async () => {
    const out = join(scratch, 'partial.json');
    const args = ['-w', 'sleep', '-s', 'sequential', '-p', 'sleep.tasks=10', '-p', 'sleep.ms=20'];
    const mark = newMark();
    const child = Bun.spawn([NODE, CLI, ...args, '--profile', 'thorough', '-o', out], {
      cwd: scratch,
      env: environment({ [MARK_ENV]: mark }),
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 120_000);
    // 2 s after measuring starts, thorough has taken warm-ups and some samples of 200 ms each.
    void signalAfter(child, '[1/1] sleep');
    const code = await child.exited;
    clearTimeout(watchdog);
    const left = CAN_FIND_PROCESSES ? await leftBehind(mark) : [];
    expect(code).toBe(130);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(false);
    expect(results.cells.map((c) => [c.strategy, c.status])).toEqual([['sequential', 'interrupted']]);
    expect(results.cells[0]?.samples.length).toBeGreaterThan(0);
    expect(left).toEqual([]);
  });

  // A peer child exits when its IPC channel closes, but only once its event loop runs: one busy in a task
  // never does. The host ends the side's whole process group, so it goes too. (Linux: found through /proc.)
  test('on SIGTERM, no child of the Bun side outlives the run, even one busy in a task', async () => {
    const out = join(scratch, 'busy.json');
    const mark = newMark();
    const args = ['-m', FAULTS, '-w', 'loops', '-s', 'process', '-c', '2', '--profile', 'thorough'];
    const child = Bun.spawn([NODE, CLI, ...args, '-o', out], {
      cwd: scratch,
      env: environment({ [MARK_ENV]: mark }),
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 120_000);
    // The first batch is warming up by then: task 2 spins in one child (thorough waits 120 s for it).
    void signalAfter(child, '[1/1] loops');
    // Not the end of stdout: a child left behind holds it open.
    const code = await child.exited;
    clearTimeout(watchdog);
    const left = await leftBehind(mark);
    expect(code).toBe(130);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.cells.map((c) => [c.strategy, c.status])).toEqual([['process', 'interrupted']]);
    expect(left).toEqual([]);
  });
});
