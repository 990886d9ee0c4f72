// Packs the published packages as npm would ship them and installs them into a scratch project outside
// the workspace, which defines and runs its own workload: what a user gets from the registry.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'paralab-pack-'));
const sh = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });

const USER_WORKLOAD = `import { defineWorkload } from '@paralab/core';
export const fib = defineWorkload({
  id: 'fib',
  kind: 'cpu',
  description: 'naive Fibonacci',
  params: { n: { type: 'integer', default: 20, min: 1, max: 35, description: 'which number' } },
  prepare: (p) => Array.from({ length: 4 }, () => p.n),
  run: (n) => { const f = (k) => (k < 2 ? k : f(k - 1) + f(k - 2)); return f(n); },
  verify: (out, n) => (n === 20 && out === 6765 ? true : 'wrong'),
});
`;

const USER_SCRIPT = `import { runNode } from '@paralab/node-runner';
const results = await runNode({ modules: ['./workloads.mjs'], strategies: ['sequential', 'piscina'], concurrency: [2], profile: 'quick', lock: false });
console.log(JSON.stringify(results.cells.map((c) => [c.workload, c.strategy, c.status])));
`;

beforeAll(() => {
  for (const name of ['core', 'node-runner'])
    sh('pnpm', ['pack', '--pack-destination', scratch], join(packages, name));
  const tarballs = readdirSync(scratch).filter((file) => file.endsWith('.tgz'));
  const dependency = (prefix: string) => `file:./${tarballs.find((t) => t.startsWith(prefix))}`;
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({
      name: 'user-project',
      private: true,
      type: 'module',
      dependencies: {
        '@paralab/core': dependency('paralab-core-'),
        '@paralab/node-runner': dependency('paralab-node-runner-'),
      },
    }),
  );
  writeFileSync(join(scratch, 'workloads.mjs'), USER_WORKLOAD);
  writeFileSync(join(scratch, 'bench.mjs'), USER_SCRIPT);
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], scratch);
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed packages, installed outside the workspace', () => {
  it('ship only dist, with types and the JSON Schema', () => {
    const core = JSON.parse(readFileSync(join(scratch, 'node_modules/@paralab/core/package.json'), 'utf8'));
    expect(core.dependencies).toEqual({ 'simple-statistics': expect.any(String), zod: expect.any(String) });
    const files = readdirSync(join(scratch, 'node_modules/@paralab/core/dist'));
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'results.schema.json']));
    expect(files.some((file) => file.endsWith('.test.js'))).toBe(false);
  });

  it('run a workload the user defined, through the API', () => {
    const output = sh('node', ['bench.mjs'], scratch).trim().split('\n').at(-1);
    expect(JSON.parse(output ?? '')).toEqual([
      ['fib', 'sequential', 'ok'],
      ['fib', 'piscina', 'ok'],
    ]);
  });

  it('run a workload the user defined, through the CLI', () => {
    sh(
      'npx',
      [
        'paralab-node',
        '-m',
        './workloads.mjs',
        '-s',
        'worker',
        '-c',
        '2',
        '--profile',
        'quick',
        '-o',
        'r.json',
      ],
      scratch,
    );
    const results = JSON.parse(readFileSync(join(scratch, 'r.json'), 'utf8'));
    expect(results.cells.map((c: { strategy: string; status: string }) => [c.strategy, c.status])).toEqual([
      ['worker', 'ok'],
    ]);
  });
});
