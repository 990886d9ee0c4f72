// What a user gets from the registry: every published package packed as npm ships it, installed into a
// scratch project outside the workspace that `npm init -y` made (CommonJS), with Bun and Deno installed
// beside their runners as their READMEs say; then the user's own module run through the Node, Bun, Deno and
// browser CLIs, the API from an ES module and from CommonJS, and the report over what they wrote.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixture', import.meta.url));
const PUBLISHED = [
  'packages/core',
  'packages/host',
  'packages/node-api',
  'packages/node-runner',
  'packages/bun-runner',
  'packages/deno-runner',
  'packages/browser-runner',
  'apps/report',
];

const scratch = mkdtempSync(join(tmpdir(), 'paralab-install-'));
const project = join(scratch, 'project');
// The project's own temporary folder: the runners' machine-wide lock lives there, so a benchmark running on
// this machine does not hold the test up (nor the test the benchmark).
// pnpm's own npm_config_* settings (its catalogs among them) are not a user's: npm warns about them.
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')),
);
const env = { ...userEnv, TMPDIR: join(scratch, 'tmp'), npm_config_update_notifier: 'false' };

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

function run(command: string, args: readonly string[], timeoutMs = 300_000): Ran {
  const begin = performance.now();
  const done = spawnSync(command, args, { cwd: project, env, encoding: 'utf8', timeout: timeoutMs });
  return {
    code: done.status,
    stdout: done.stdout,
    stderr: done.stderr,
    seconds: (performance.now() - begin) / 1000,
  };
}

const npx = (...args: string[]): Ran => run('npx', ['--no-install', ...args]);

type Row = [workload: string, strategy: string, status: string];
const rowsOf = (file: string): Row[] =>
  (
    JSON.parse(readFileSync(join(project, file), 'utf8')) as {
      cells: { workload: string; strategy: string; status: string; kind: string }[];
    }
  ).cells
    .filter((cell) => cell.kind !== 'calibration')
    .map((cell) => [cell.workload, cell.strategy, cell.status]);

beforeAll(() => {
  mkdirSync(join(scratch, 'tmp'));
  mkdirSync(join(scratch, 'packs'));
  for (const name of PUBLISHED)
    execFileSync('pnpm', ['pack', '--pack-destination', join(scratch, 'packs')], {
      cwd: join(root, name),
      env,
      stdio: 'ignore',
    });
  mkdirSync(project);
  execFileSync('npm', ['init', '-y'], { cwd: project, env, stdio: 'ignore' });
  cpSync(fixture, project, { recursive: true });
  const tarballs = readdirSync(join(scratch, 'packs')).map((file) => join(scratch, 'packs', file));
  const runtime = (runner: string, name: string): string =>
    `${name}@${(JSON.parse(readFileSync(join(root, 'packages', runner, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[name]}`;
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
      runtime('bun-runner', 'bun'),
      runtime('deno-runner', 'deno'),
    ],
    { cwd: project, env, stdio: 'ignore', timeout: 600_000 },
  );
}, 900_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the published packages, installed into a CommonJS project', () => {
  it('each ships its README and its built code, no tests', () => {
    for (const name of PUBLISHED) {
      const manifest = JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')) as { name: string };
      const installed = join(project, 'node_modules', manifest.name);
      expect(existsSync(join(installed, 'README.md')), `${manifest.name} README.md`).toBe(true);
      expect(existsSync(join(installed, 'dist')), `${manifest.name} dist`).toBe(true);
      expect(
        readdirSync(join(installed, 'dist'), { recursive: true }).some((f) => String(f).endsWith('.test.js')),
      ).toBe(false);
    }
  });

  it("the README's module command on four small workloads: each family once, and whether a worker is worth it", () => {
    const ran = npx(
      'paralab-node',
      '--module',
      './bench/workloads.ts',
      '-w',
      'fibonacci,word-count,nap,read-back',
      '--profile',
      'quick',
      '-o',
      'results/node.json',
    );
    // biome-ignore lint/suspicious/noConsole: the time a user waits for this command, reported beside the result
    console.log(`paralab-node --module (4 workloads, quick profile): ${ran.seconds.toFixed(1)} s`);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/Is a worker worth it\?/);
    expect(ran.stdout).toMatch(
      / {2}fibonacci\(tasks=16\): your task takes [\d.]+ ms \[[\d.]+, [\d.]+\]; on node with \d+ cores:/,
    );
    // Own work: no built-in targets.
    expect(ran.stdout).not.toMatch(/Performance targets/);
    const strategies = new Set(
      rowsOf('results/node.json')
        .filter(([w]) => w === 'fibonacci')
        .map(([, s]) => s),
    );
    expect([...strategies].sort()).toEqual(['async', 'piscina', 'process', 'sequential', 'worker']);
    expect(rowsOf('results/node.json').every(([, , status]) => status === 'ok')).toBe(true);
  });

  it('names the task that threw and the file it is in, never the source as a URL', () => {
    const ran = npx(
      'paralab-node',
      '--module',
      './bench/workloads.ts',
      '-w',
      'throws',
      '-s',
      'sequential',
      '--profile',
      'quick',
      '-o',
      'results/throws.json',
    );
    expect(ran.code).toBe(1);
    const results = JSON.parse(readFileSync(join(project, 'results/throws.json'), 'utf8')) as {
      cells: { status: string; reason: string; module: string }[];
    };
    expect(results.cells[0]).toMatchObject({ status: 'errored', module: './bench/workloads.ts' });
    expect(results.cells[0]?.reason).toMatch(/the third task fails/);
    expect(`${ran.stdout}${ran.stderr}${results.cells[0]?.reason}`).not.toMatch(/data:|%20|cache\/paralab/);
  });

  it('runs through the API from an ES module and from CommonJS', () => {
    const esm = run('node', ['bench/run.mjs']);
    expect(esm.stderr).toBe('');
    expect(
      esm.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      ['fibonacci', 'sequential', 1, 'ok'],
      ['fibonacci', 'piscina', 2, 'ok'],
    ]);
    writeFileSync(
      join(project, 'bench/run.cjs'),
      readFileSync(join(project, 'bench/run.mjs'), 'utf8')
        .replace(
          "import { runNode } from '@paralab/node-runner';",
          "const { runNode } = require('@paralab/node-runner');",
        )
        .replace('const results = await runNode(', 'runNode(')
        .replace(
          /\}\);\nfor \(const cell of results\.cells\) \{\n(.*)\n$/s,
          '}).then((results) => {\n  for (const cell of results.cells) {\n$1\n});\n',
        ),
    );
    const cjs = run('node', ['bench/run.cjs']);
    expect(cjs.stderr).toBe('');
    expect(cjs.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('finds the Bun installed beside it, and runs the module there', () => {
    expect(npx('paralab-bun', '--help').code).toBe(0);
    const ran = npx(
      'paralab-bun',
      '--module',
      './bench/workloads.ts',
      '-w',
      'fibonacci',
      '-s',
      'sequential,worker',
      '-c',
      '2',
      '--profile',
      'quick',
      '-o',
      'results/bun.json',
    );
    expect(ran.stderr).toBe('');
    expect(rowsOf('results/bun.json')).toEqual([
      ['fibonacci', 'sequential', 'ok'],
      ['fibonacci', 'worker', 'ok'],
    ]);
  });

  it('finds the Deno installed beside it, and runs the module there', () => {
    expect(npx('paralab-deno', '--help').code).toBe(0);
    const ran = npx(
      'paralab-deno',
      '--module',
      './bench/workloads.ts',
      '-w',
      'fibonacci',
      '-s',
      'sequential,worker',
      '-c',
      '2',
      '--profile',
      'quick',
      '-o',
      'results/deno.json',
    );
    expect(ran.stderr).toBe('');
    expect(rowsOf('results/deno.json')).toEqual([
      ['fibonacci', 'sequential', 'ok'],
      ['fibonacci', 'worker', 'ok'],
    ]);
  });

  it('runs what a page can in the browser, and says why the file reader cannot', () => {
    const ran = npx(
      'paralab-browser',
      '--module',
      './bench/workloads.ts',
      '-w',
      'fibonacci,read-back',
      '-s',
      'sequential,worker',
      '-c',
      '2',
      '--profile',
      'quick',
      '-o',
      'results/chromium.json',
    );
    expect(ran.code).toBe(0);
    expect(rowsOf('results/chromium.json')).toEqual([
      ['read-back', 'sequential', 'unsupported'],
      ['read-back', 'worker', 'unsupported'],
      ['fibonacci', 'sequential', 'ok'],
      ['fibonacci', 'worker', 'ok'],
    ]);
  });

  it('reports on the results the runners wrote', () => {
    rmSync(join(project, 'results/throws.json'));
    const ran = npx('paralab-report', 'results');
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/paralab report: 4 results files/);
    expect(readFileSync(join(project, 'results/report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });
});
