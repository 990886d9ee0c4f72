import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResults } from '@paralab/core';
import { FIXTURES } from './_helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'paralab-bun-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cli = (args: string[], runtime: string = process.execPath) => {
  const run = Bun.spawnSync([runtime, CLI, ...args], {
    cwd: scratch,
    stdout: 'pipe',
    stderr: 'pipe',
    timeout: 120_000,
  });
  return { code: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
};

describe('paralab-bun CLI', () => {
  test('measures, prints a summary and writes a results file that validates against the schema', () => {
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
    expect(stdout).toContain(`4 cells measured in`);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.runtime).toEqual({ name: 'bun', version: Bun.version });
    expect(results.complete).toBe(true);
    expect(results.cells.map((c) => [c.strategy, c.status])).toEqual([
      ['sequential', 'ok'],
      ['worker', 'ok'],
      ['process', 'ok'],
      ['workerpool-web', 'ok'],
    ]);
  });

  test.each([
    [['--bogus'], /^paralab-bun: Unknown option '--bogus'.* \(see --help\)\n$/],
    [
      ['--strategies', 'threads'],
      /^paralab-bun: unknown strategy "threads" \(choose from: sequential, async, worker, worker_threads, .*, hybrid\)\n$/,
    ],
    [['--concurrency', '0'], /^paralab-bun: --concurrency must hold integers from 1 to 100000, got "0"\n$/],
  ])('rejects %j with a one-line error and exit code 2', (args, message) => {
    const { code, stderr } = cli(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  test('says in one line that it needs Bun when Node starts it', () => {
    const { code, stderr } = cli(['--list'], 'node');
    expect(stderr).toBe(
      'paralab-bun: @paralab/bun-runner runs under Bun: start it with `bun` (the `bun` npm package provides one)\n',
    );
    expect(code).toBe(2);
  });

  test('lists its strategies', () => {
    const { code, stdout } = cli(['--list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}worker {11}N Bun Web Workers/m);
    expect(stdout).toMatch(/^ {2}workerpool-web {3}a workerpool pool of exactly N Bun Web Workers/m);
  });
});
