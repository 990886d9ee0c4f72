import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResults } from '@paralab/core';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, FAULTS, FIXTURES, NODE_ONLY, statusOf } from './_helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-browser-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The machine-wide lock lives in the temporary folder: a folder of the tests' own keeps their runs from
// waiting for (or holding up) another paralab run on this machine.
const env = { ...process.env, TMPDIR: scratch };

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: scratch,
    env,
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('paralab-browser CLI', () => {
  it.each([
    [
      ['--workloads', 'nope'],
      /^paralab-browser: unknown workload "nope" \(choose from: primes, sha256, blur, json, regex-meta, grain, sleep, http, pipeline, blocking, serve, noop, db, file\)\n$/,
    ],
    [
      ['--strategies', 'piscina'],
      /^paralab-browser: unknown strategy "piscina" \(choose from: sequential, async, promise-all, worker, worker-pipelined, workerpool, transfer, shared, hybrid, process\)\n$/,
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
    [
      ['--module', './missing.ts'],
      /^paralab-browser: workload module \.\/missing\.ts does not exist \(looked at \/\S*\/missing\.ts\)\n$/,
    ],
  ])('rejects %j with a one-line error and exit code 2', (args, message) => {
    const { code, stderr } = cli(...args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('plans only the workloads of a module that can run in a page, and says why the others cannot', () => {
    const { code, stdout } = cli('--module', NODE_ONLY, '--plan');
    expect(code).toBe(0);
    expect(stdout).toContain(
      '  reads(): unsupported, it imports node:fs, which a web page does not have (measure it with paralab-node or paralab-bun)',
    );
    expect(stdout).toMatch(/\n {2}doubles\(\)\n {6}sequential@1 async@2 worker@2 workerpool@2\n/);
  });

  it('records those workloads unsupported and measures the rest of the module', () => {
    const out = join(scratch, 'node-only.json');
    const { code } = cli(
      '--module',
      NODE_ONLY,
      '-w',
      'reads,doubles',
      '-s',
      'sequential,worker',
      '-c',
      '2',
      '--profile',
      'quick',
      '--out',
      out,
    );
    expect(code).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')));
    const reason =
      'it imports node:fs, which a web page does not have (measure it with paralab-node or paralab-bun)';
    expect(statusOf(results)).toEqual({
      'reads()/sequential@1': `unsupported: ${reason}`,
      'reads()/worker@2': `unsupported: ${reason}`,
      'doubles()/sequential@1': 'ok',
      'doubles()/worker@2': 'ok',
    });
  });

  it('--help lists the shared options and its own', () => {
    const { code, stdout } = cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: paralab-browser \[options\]\n/);
    expect(stdout).toContain(
      '      --browser <names|path> chromium, firefox, both (chromium,firefox) or installed',
    );
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
    expect(list.stdout).toMatch(/^ {2}process +processes +child processes: a page cannot start any/m);
    const plan = cli('--plan');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^\d+ cells in \d+ groups \(narrow with --workloads/);
    expect(plan.stdout).toMatch(
      /^ {2}blur\(images=4,size=512,radius=2\)\n {6}sequential@1 async@(\d+) worker@\1 transfer@\1 shared@\1 workerpool@\1$/m,
    );
    expect(plan.stdout).toMatch(/^ {6}.* process@\d+$/m);
  });

  it("--ensure-browser finds the machine's browser", () => {
    const { code, stdout } = cli('--ensure-browser');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^paralab-browser: using \/\S*chrom\S*\n$/i);
  });

  it('Ctrl-C stops the page at once and writes what was measured, marked incomplete', async () => {
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
    const child = spawn(process.execPath, [CLI, ...args], { cwd: scratch, env });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
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
    expect(stderr).toMatch(/^\nSIGINT: stopping the measurement and writing what was measured/);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(false);
    expect(results.cells[0]).toMatchObject({ id: 'noop(tasks=1000)/sequential@1', status: 'ok' });
    // The interrupted cell is recorded as such, with the samples it had.
    const rest = results.cells.slice(1);
    expect(rest.map((c) => `${c.id} ${c.status}`)).toEqual([
      'sleep(ms=20,tasks=25)/sequential@1 interrupted',
    ]);
    expect(rest[0]?.reason).toMatch(
      /^the run was interrupted (after \d+ of this cell's samples|before this cell was measured)$/,
    );
    expect(rest[0]?.samples.length ?? 0).toBeLessThan(10);
  });

  it('runs a user workload, prints progress and the table, and writes a valid results file', () => {
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
    expect(stdout).toMatch(/^measuring in the Chromium page \(chromium \d+\.\d+\.\d+\.\d+\)$/m);
    expect(stdout).toMatch(/^plan: 2 cells in 1 groups$/m);
    expect(stdout).toMatch(/^\[1\/1\] double \(tasks=6\): 2 cells$/m);
    expect(stdout).toMatch(/^ {2}✓ worker@2 +[\d.]+ ms /m);
    // The performance targets judge the default plan's cells: a run of one's own work has none to judge.
    expect(stdout).not.toMatch(/Performance targets/);
    expect(stdout).toMatch(/^2 cells measured in [\d.]+ s; wrote out\.json$/m);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.cells.map((c) => `${c.id} ${c.status}`)).toEqual([
      'double(tasks=6)/sequential@1 ok',
      'double(tasks=6)/worker@2 ok',
    ]);
  });

  it('exits 1 when tasks fail, having measured the healthy workload and written every cell', () => {
    const out = join(scratch, 'faults.json');
    const workloads = 'double,throws-null,rejects-unhandled,throws-in-timer,exits';
    const { code, stdout, stderr } = cli(
      ...['--module', FIXTURES, '--module', FAULTS, '-w', workloads, '-s', 'sequential,worker', '-c', '2'],
      ...['--profile', 'quick', '-o', out],
    );
    expect(stderr).toBe('8 errored of 10 cells: see the notes above (exit code 1)\n');
    expect(code).toBe(1);
    // The page that navigated away was replaced, and the run went on.
    expect(stdout).toMatch(
      /^ {2}✗ the page failed: [^\n]*navigation[^\n]*: the cell it was measuring is recorded errored; a fresh one takes over$/m,
    );
    expect(stdout).toMatch(/^10 cells measured in [\d.]+ s; wrote faults\.json$/m);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(true);
    const fault = (id: string): RegExp =>
      ({
        double: /^ok$/,
        'throws-null': /^errored: .*null was thrown \(not an Error\)$/,
        'rejects-unhandled': /^errored: .*nobody handles the rejection of task 1$/,
        'throws-in-timer': /^errored: .*the timer of task 1 threw$/,
        exits: id.endsWith('sequential@1') ? /^errored: .*navigation.*$/ : /^errored: .*\(watchdog\)$/,
      })[id.split('(')[0] ?? ''] ?? /^never$/;
    const status = statusOf(results);
    expect(Object.keys(status)).toHaveLength(10);
    for (const [id, what] of Object.entries(status)) expect(what, id).toMatch(fault(id));
  });
});
