import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResults } from '@paralab/core';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './_helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'paralab-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: scratch,
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('paralab-node CLI', () => {
  it.each([
    [
      ['--workloads', 'nope'],
      /^paralab-node: unknown workload "nope" \(choose from: primes, sha256, blur, json, regex-meta, sleep, http, pipeline, blocking, noop, file, http-get\)\n$/,
    ],
    [
      ['--strategies', 'threads'],
      /^paralab-node: unknown strategy "threads" \(choose from: sequential, async, worker, worker-pipelined, piscina, workerpool, tinypool, transfer, shared, process, process-cold, hybrid\)\n$/,
    ],
    [['--concurrency', '0'], /^paralab-node: --concurrency must hold integers from 1 to 100000, got "0"\n$/],
    [
      ['--concurrency', 'two'],
      /^paralab-node: --concurrency must hold integers from 1 to 100000, got "two"\n$/,
    ],
    [
      ['--profile', 'fast'],
      /^paralab-node: unknown profile "fast" \(choose one of: quick, default, thorough\)\n$/,
    ],
    [['--bogus'], /^paralab-node: Unknown option '--bogus'.* \(see --help\)\n$/],
    [
      ['--param', 'primes.list=nope', '-w', 'primes'],
      /^paralab-node: primes\.list must be one of seeds, balanced, got "nope"\n$/,
    ],
    [['--module', './missing.ts'], /^paralab-node: cannot load workload module file:.*missing\.ts: .*\n$/],
  ])('rejects %j with a one-line error and exit code 2', (args, message) => {
    const { code, stderr } = cli(...args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('prints help', () => {
    const { code, stdout } = cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: paralab-node \[options\]/);
  });

  it('lists workloads and strategies, the user module included', () => {
    const { code, stdout } = cli('--list', '--module', FIXTURES);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}primes +cpu /m);
    expect(stdout).toMatch(/^ {2}double +cpu +doubles a number$/m);
    expect(stdout).toMatch(/^ {2}piscina +a piscina pool/m);
  });

  it('takes a module path without ./ when that file exists', () => {
    const run = spawnSync(process.execPath, [CLI, '--list', '--module', 'fixtures/workloads.ts'], {
      encoding: 'utf8',
      cwd: dirname(dirname(FIXTURES)),
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ {2}double +cpu +doubles a number$/m);
  });

  it('runs a user TypeScript workload and writes a valid results file', () => {
    const out = join(scratch, 'out', 'node.json');
    const { code, stdout, stderr } = cli(
      '--module',
      FIXTURES,
      '-w',
      'double',
      '-s',
      'sequential,async,worker,piscina',
      '-c',
      '2',
      '--profile',
      'quick',
      '-o',
      out,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^double\(tasks=6\): (no clear winner: )?\w+@\d/m);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.cells.map((c) => [c.strategy, c.status])).toEqual([
      ['sequential', 'ok'],
      ['async', 'ok'],
      ['worker', 'ok'],
      ['piscina', 'ok'],
    ]);
    expect(results.complete).toBe(true);
  });

  it('on SIGTERM writes what was measured, marked incomplete, and exits 130', async () => {
    const out = join(scratch, 'partial.json');
    const args = [
      '-w',
      'sleep',
      '-s',
      'sequential',
      '-p',
      'sleep.tasks=10',
      '-p',
      'sleep.ms=20',
      '--profile',
      'thorough',
    ];
    const child = spawn(process.execPath, [CLI, ...args, '-o', out], { cwd: scratch });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      // 2 s after measuring starts, thorough has taken warm-ups and some samples of 200 ms each.
      if (stdout.includes('[1/1] sleep')) setTimeout(() => child.kill('SIGTERM'), 2_000).unref();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(false);
    expect(results.cells.map((c) => [c.strategy, c.status])).toEqual([['sequential', 'ok']]);
    expect(results.cells[0]?.samples.length).toBeGreaterThan(0);
  });
});
