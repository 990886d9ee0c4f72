import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResults } from '@paralab/core';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, NODE_ONLY } from './_helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-browser-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: scratch,
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('paralab-browser CLI', () => {
  it.each([
    [
      ['--workloads', 'nope'],
      /^paralab-browser: unknown workload "nope" \(choose from: primes, sha256, blur, json, regex-meta, sleep, http, pipeline, blocking, noop, file\)\n$/,
    ],
    [
      ['--strategies', 'piscina'],
      /^paralab-browser: unknown strategy "piscina" \(choose from: sequential, async, worker, worker-pipelined, workerpool, transfer, shared, hybrid, process\)\n$/,
    ],
    [
      ['--concurrency', '0'],
      /^paralab-browser: --concurrency must hold integers from 1 to 100000, got "0"\n$/,
    ],
    [
      ['--profile', 'fast'],
      /^paralab-browser: unknown profile "fast" \(choose one of: quick, default, thorough\)\n$/,
    ],
    [['--bogus'], /^paralab-browser: Unknown option '--bogus'.* \(see --help\)\n$/],
    [['--browser'], /^paralab-browser: Option '--browser <value>' argument missing \(see --help\)\n$/],
    [['--module', './missing.ts'], /^paralab-browser: cannot load workload module file:.*missing\.ts: .*\n$/],
    [
      ['--module', NODE_ONLY, '--skip-calibration'],
      /^paralab-browser: cannot bundle the workloads for the browser: .*node-only\.ts:2: Could not resolve "node:fs"\n$/,
    ],
  ])('rejects %j with a one-line error and exit code 2', (args, message) => {
    const { code, stderr } = cli(...args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('--help lists the shared options and its own', () => {
    const { code, stdout } = cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: paralab-browser \[options\]\n/);
    expect(stdout).toContain('      --browser <path>       Chrome or Chromium to drive');
    expect(stdout).toContain('      --ensure-browser       find a browser');
    expect(stdout).toContain('(default: results/chromium.json)');
    expect(stdout).toMatch(
      /Example: paralab-browser -w primes,http -s sequential,worker,workerpool -c 1,2 --profile quick\n$/,
    );
  });

  it('--list and --plan say what a run would measure', () => {
    const list = cli('--list', '--module', FIXTURES);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /^ {2}file {13}io {5}Writes a file of kib KiB to the origin private file system/m,
    );
    expect(list.stdout).toMatch(/^ {2}double {11}cpu/m);
    expect(list.stdout).toMatch(/^ {2}process {10}child processes: a page cannot start any/m);
    const plan = cli('--plan');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^ {2}blur {27}sequential,async,worker,transfer,shared,workerpool @ \d+$/m);
  });

  it("--ensure-browser finds the machine's browser", () => {
    const { code, stdout } = cli('--ensure-browser');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^paralab-browser: using \/\S*chrom\S*\n$/i);
  });

  it('Ctrl-C stops after the current sample and writes what was measured, marked incomplete', async () => {
    const out = join(scratch, 'interrupted.json');
    // Two groups: the signal comes 1.5 s after the first is done, while the second (0.5 s a sample, at least
    // 5 samples and a warm-up) runs.
    const args = [
      '-w',
      'noop,sleep',
      '-s',
      'sequential',
      '-p',
      'sleep.ms=20',
      '-p',
      'sleep.tasks=25',
      '-o',
      out,
    ];
    const child = spawn(process.execPath, [CLI, ...args], { cwd: scratch });
    let stdout = '';
    let signalled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (/^ {2}✓ sequential@1/m.test(stdout) && !signalled) {
        signalled = true;
        setTimeout(() => child.kill('SIGINT'), 1_500);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(false);
    expect(results.cells[0]).toMatchObject({ id: 'noop(tasks=1000)/sequential@1', status: 'ok' });
    // The interrupted group keeps the samples it had (it has no cell when the signal came in its warm-up).
    const rest = results.cells.slice(1);
    expect(rest.map((c) => c.id)).toEqual(rest.length > 0 ? ['sleep(ms=20,tasks=25)/sequential@1'] : []);
    expect(rest[0]?.samples.length ?? 0).toBeLessThan(10);
  });

  it('runs a user workload, prints the table and targets, and writes a valid results file', () => {
    const out = join(scratch, 'out.json');
    const { code, stdout, stderr } = cli(
      '--module',
      FIXTURES,
      '-w',
      'double',
      '-s',
      'sequential,worker',
      '-c',
      '2',
      '--profile',
      'quick',
      '-o',
      out,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^starting \S+ \(headless\) \.\.\.$/m);
    expect(stdout).toMatch(/^\[1\/1\] double \(tasks=6\): 2 cells$/m);
    expect(stdout).toMatch(/^Performance targets \(ratios measured in this run\):$/m);
    expect(stdout).toMatch(/^2 cells measured in [\d.]+ s; wrote out\.json$/m);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.cells.map((c) => `${c.id} ${c.status}`)).toEqual([
      'double(tasks=6)/sequential@1 ok',
      'double(tasks=6)/worker@2 ok',
    ]);
  });
});
