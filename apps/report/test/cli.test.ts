import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeA, writeFixtures } from './_fixtures.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let dir: string;

const cli = (cwd: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first`);
  dir = writeFixtures();
  const bad = JSON.parse(JSON.stringify(nodeA()));
  bad.cells[3].status = 'fast';
  mkdirSync(join(dir, 'mixed'));
  for (const name of ['a-node.json', 'a-bun.json', 'b-node.json']) {
    writeFileSync(join(dir, 'mixed', name), readFileSync(join(dir, name)));
  }
  writeFileSync(join(dir, 'mixed', 'bad.json'), JSON.stringify(bad));
  writeFileSync(join(dir, 'mixed', 'package.json'), '{"name":"not results"}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paralab-report CLI', () => {
  it('reports the good files and names each bad file and field in one line', () => {
    const out = join(dir, 'out-mixed');
    const { code, stdout, stderr } = cli(dir, 'mixed', '--out', out);
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(/^paralab-report: mixed\/bad\.json: cells\[3\]\.status: .*"errored".*$/),
      expect.stringMatching(/^paralab-report: mixed\/package\.json: schemaVersion: .*$/),
      '',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^paralab report: 3 results files from 2 machines$/m);
    expect(stdout).toMatch(/^ {2}not reported: mixed\/bad\.json: cells\[3\]\.status: /m);
    expect(stdout.indexOf('not reported')).toBeLessThan(stdout.indexOf('What to use'));
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toMatch(/^> \*\*2 files were not reported:\*\*$/m);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('mixed/bad.json: cells[3].status');
  });

  it('makes a bad file fatal with --strict, and writes nothing', () => {
    const out = join(dir, 'out-strict');
    const { code, stderr } = cli(dir, 'mixed', '--out', out, '--strict');
    expect(code).toBe(2);
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(/^paralab-report: mixed\/bad\.json: cells\[3\]\.status: /),
      expect.stringMatching(/^paralab-report: mixed\/package\.json: /),
      'paralab-report: 2 bad results files and --strict: nothing written',
      '',
    ]);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });

  it('exits 2 with one line when there are no results files', () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expect(cli(join(dir, 'empty'))).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'paralab-report: no results files in results (no such file or folder): run `pnpm bench` first, or name files or folders\n',
    });
  });

  it.each([
    [['--bogus'], /^paralab-report: Unknown option '--bogus'.* \(see --help\)\n$/],
    [['--out'], /^paralab-report: Option '-o, --out <value>' argument missing \(see --help\)\n$/],
  ])('rejects %j with a one-line error and exit code 2', (args, message) => {
    const { code, stderr } = cli(dir, ...args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('prints help', () => {
    const { code, stdout } = cli(dir, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: paralab-report \[FILES or FOLDERS \.\.\.\] \[options\]$/m);
  });

  it('reads results/ and writes there by default, with the one-screen summary, answer first', () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, 'results'), { recursive: true });
    writeFileSync(join(home, 'results', 'node.json'), readFileSync(join(dir, 'a-node.json')));
    const { code, stdout, stderr } = cli(home);
    expect([code, stderr]).toEqual([0, '']);
    expect(existsSync(join(home, 'results', 'report.html'))).toBe(true);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '',
      'paralab report: 1 results file from 1 machine',
      'M1: Test CPU A · 2 cores · 8 GiB · linux/x64',
      expect.stringMatching(/^What to use: /),
    ]);
    expect(stdout).toMatch(
      /^ {2}CPU {4}threads 1\/1 · worker@2 1\.98 ± 0\.0\d× · tie · primes\(list=balanced\)$/m,
    );
    expect(stdout).toMatch(/^C6 +–$/m);
    expect(lines.at(-1)).toBe('wrote results/report.html and results/report.md');
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(cli(home, '--details').stdout).toMatch(/^── details ──$/m);
  });
});
