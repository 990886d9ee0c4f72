import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResults } from '@paralab/core';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './_helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const FAULTS = fileURLToPath(new URL('./fixtures/faults.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'paralab-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The CLI takes the machine-wide measurement lock in the temporary folder; other runs on this machine
// (benchmarks) hold it for minutes. The CLI under test gets a temporary folder of its own, so its lock is
// its own too.
const TMP = join(scratch, 'tmp');
mkdirSync(TMP);
const ENV = { ...process.env, TMPDIR: TMP };
const LOCK = join(TMP, 'paralab-bench.lock');

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: scratch,
    env: ENV,
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('paralab-node CLI', () => {
  it.each([
    [
      ['--workloads', 'nope'],
      /^paralab-node: unknown workload "nope" \(choose from: primes, sha256, blur, json, regex-meta, grain, sleep, http, pipeline, blocking, serve, noop, file, http-get, db\)\n$/,
    ],
    [
      ['--strategies', 'threads'],
      /^paralab-node: unknown strategy "threads" \(choose from: sequential, async, promise-all, worker, worker-pipelined, piscina, workerpool, tinypool, transfer, shared, process, process-cold, hybrid, serve-loop, serve-cluster, serve-offload, serve-reuseport\)\n$/,
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
      /^paralab-node: primes\.list must be one of seeds, balanced, balanced-small, got "nope"\n$/,
    ],
    [
      ['--module', './missing.ts'],
      /^paralab-node: workload module \.\/missing\.ts does not exist \(looked at \/.*\/missing\.ts\)\n$/,
    ],
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
    // Each strategy with its family now.
    expect(stdout).toMatch(/^ {2}piscina +threads +a piscina pool/m);
    expect(stdout).toMatch(/^ {2}process-cold +processes +a fresh child process per task/m);
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
    // The summary answers first: what to use per workload.
    expect(stdout).toMatch(/^What to use .*\n {2}double\(tasks=6\): [\w-]+@\d/m);
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
    const child = spawn(process.execPath, [CLI, ...args, '-o', out], { cwd: scratch, env: ENV });
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
    // The measuring process is stopped at once; the cell it was measuring keeps its samples, marked
    // interrupted (it used to finish its sample and be recorded ok).
    expect(results.cells.map((c) => [c.strategy, c.status])).toEqual([['sequential', 'interrupted']]);
    const samples = results.cells[0]?.samples.length ?? 0;
    expect(samples).toBeGreaterThan(0);
    expect(results.cells[0]?.reason).toBe(`the run was interrupted after ${samples} of this cell's samples`);
    expect(stdout).toMatch(/interrupted: wrote partial results to /);
  });

  it('exits 1 when a cell errored, and writes the results all the same', () => {
    const out = join(scratch, 'faults.json');
    const { code, stdout, stderr } = cli(
      '-m',
      FAULTS,
      '-w',
      'exits,double',
      '-s',
      'sequential,worker',
      '-c',
      '2',
      '--profile',
      'quick',
      '-o',
      out,
    );
    expect(stderr).toBe('2 errored of 4 cells: see the notes above (exit code 1)\n');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^4 cells measured in [\d.]+ s; wrote faults\.json$/m);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.cells.map((c) => [c.workload, c.strategy, c.status, c.reason])).toEqual([
      [
        'exits',
        'sequential',
        'errored',
        'the Node measuring process exited with code 7 (while warming up this cell)',
      ],
      ['exits', 'worker', 'errored', 'worker exited with code 7'],
      ['double', 'sequential', 'ok', undefined],
      ['double', 'worker', 'ok', undefined],
    ]);
    expect(results.complete).toBe(true);
  });

  it('waits for the machine-wide lock while a live process holds it, and says so', async () => {
    writeFileSync(LOCK, String(process.pid));
    const out = join(scratch, 'after-lock.json');
    const child = spawn(
      process.execPath,
      [CLI, '-w', 'noop', '-s', 'sequential', '--profile', 'quick', '-o', out],
      {
        cwd: scratch,
        env: ENV,
      },
    );
    try {
      let stdout = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk;
          if (stdout.includes('waiting for another paralab runner')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`the CLI exited with code ${code}: ${stdout}`)));
      });
      expect(stdout).toBe(
        `waiting for another paralab runner (pid ${process.pid}) to finish measuring (machine-wide lock) ...\n`,
      );
      expect(existsSync(out)).toBe(false);
      rmSync(LOCK);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      expect(parseResults(JSON.parse(readFileSync(out, 'utf8')), out).cells.map((c) => c.status)).toEqual([
        'ok',
      ]);
    } finally {
      child.kill('SIGKILL');
      rmSync(LOCK, { force: true });
    }
  });

  it('on SIGTERM while waiting for the lock, ends at once with exit code 130', async () => {
    writeFileSync(LOCK, String(process.pid));
    const child = spawn(
      process.execPath,
      [CLI, '-w', 'noop', '-s', 'sequential', '-o', join(scratch, 'x.json')],
      {
        cwd: scratch,
        env: ENV,
      },
    );
    try {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await new Promise<void>((resolve) => {
        child.stdout.on(
          'data',
          (chunk: Buffer) => chunk.toString().includes('waiting for another') && resolve(),
        );
      });
      child.kill('SIGTERM');
      // A watchdog against a hang, not a timing: it takes a few ms when the interrupt is honoured.
      const code = await Promise.race([
        exited,
        new Promise((resolve) => setTimeout(resolve, 15_000, 'hung')),
      ]);
      expect(code).toBe(130);
    } finally {
      child.kill('SIGKILL');
      rmSync(LOCK, { force: true });
    }
  });
});
