// Where workload modules come from and how every side loads them: the host resolves what a user typed to
// a file, compiles TypeScript once per run (esbuild) into plain JavaScript beside the project's
// node_modules, and hands sides, threads and processes a `file:` URL they can all import with no loader of
// their own. Results keep the module as the user named it.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParalabError, toError } from '@paralab/core';

/** The module that holds paralab's portable built-in workloads. */
export const BUILTIN_MODULE = '@paralab/core/workloads';

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** A workload module as a run uses it: the name results record, and the URL every side imports. */
export interface RunModule {
  /** As the user named it (`./bench/workloads.ts`) or as paralab names a built-in (`@paralab/core/workloads`). */
  readonly specifier: string;
  /** A `file:` URL of JavaScript (compiled from TypeScript when needed). */
  readonly url: string;
  /** True for paralab's own modules. */
  readonly builtin: boolean;
  /** The user's own file (TypeScript included), for tools that read sources (a browser bundler). */
  readonly source?: string;
}

/** Imports a module on the host (for planning), by URL or by a name the runner can resolve. */
export type ModuleLoader = (url: string) => Promise<Record<string, unknown>>;

/**
 * Turns what a user typed (`./bench/my-workload.ts`, `bench/my-workload.ts` when that file exists,
 * `/abs/path.js`, a `file:` URL, a package name) into the path of a file, resolved from `cwd`.
 */
export function resolveModulePath(specifier: string, cwd: string = process.cwd()): string {
  if (specifier.startsWith('file:')) return fileURLToPath(specifier);
  const path = resolve(cwd, specifier);
  // `bench/workloads.ts` is a path too when such a file exists (a package name rarely names a file here).
  if (specifier.startsWith('.') || isAbsolute(specifier) || existsSync(path)) {
    if (!existsSync(path))
      throw new ParalabError('ERR_MODULE', `workload module ${specifier} does not exist (looked at ${path})`);
    return path;
  }
  try {
    return createRequire(resolve(cwd, 'package.json')).resolve(specifier);
  } catch (thrown) {
    throw new ParalabError(
      'ERR_MODULE',
      `cannot resolve workload module "${specifier}" from ${cwd}: ${toError(thrown).message.split('\n')[0]}`,
    );
  }
}

/**
 * The run's modules: the built-ins (resolved by the runner, `resolveBuiltin`), then the user's, each
 * TypeScript file compiled once. Rejects with a one-line `ParalabError` that keeps a compile error's file,
 * line and column.
 */
export async function prepareModules(
  builtins: readonly string[],
  modules: readonly string[],
  options: { cwd?: string; resolveBuiltin: (specifier: string) => string },
): Promise<RunModule[]> {
  const prepared: RunModule[] = builtins.map((specifier) => ({
    specifier,
    url: options.resolveBuiltin(specifier),
    builtin: true,
  }));
  for (const specifier of modules) {
    const path = resolveModulePath(specifier, options.cwd);
    const url = TYPESCRIPT.test(path) ? await compileTypeScript(path) : pathToFileURL(path).href;
    prepared.push({ specifier, url, builtin: false, source: path });
  }
  return prepared;
}

/**
 * Compiles a TypeScript module (and the local files it imports) into one ES module with an inline source
 * map. Packages stay imports, so it is written where they resolve: the nearest `node_modules/.cache/paralab`
 * above the file (else a temporary folder, with the packages bundled in). Returns its `file:` URL; an
 * unchanged file is not compiled again.
 */
export async function compileTypeScript(path: string): Promise<string> {
  const source = await readFile(path);
  const home = nearestNodeModules(dirname(path));
  const outDir = home ? join(home, '.cache', 'paralab') : join(tmpdir(), 'paralab-modules');
  const hash = createHash('sha256').update(path).update(source).digest('hex').slice(0, 16);
  const outfile = join(outDir, `${basename(path).replace(TYPESCRIPT, '')}-${hash}.mjs`);
  if (await exists(outfile)) return pathToFileURL(outfile).href;
  await mkdir(outDir, { recursive: true });
  const { build } = await import('esbuild');
  try {
    await build({
      entryPoints: [path],
      absWorkingDir: dirname(path),
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'es2022',
      external: ['bun:*'],
      ...(home ? { packages: 'external' as const } : {}),
      sourcemap: 'inline',
      logLevel: 'silent',
    });
  } catch (thrown) {
    throw new ParalabError('ERR_MODULE', `cannot compile ${path}: ${compileError(thrown, dirname(path))}`);
  }
  return pathToFileURL(outfile).href;
}

/** esbuild's first error as `file:line:column: message`, the file absolute (esbuild's is relative to `base`). */
function compileError(thrown: unknown, base: string): string {
  const errors = (
    thrown as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] }
  ).errors;
  const first = errors?.[0];
  if (!first) return toError(thrown).message.split('\n')[0] ?? 'unknown error';
  const where = first.location
    ? `${resolve(base, first.location.file)}:${first.location.line}:${first.location.column + 1}: `
    : '';
  return `${where}${first.text}`;
}

function nearestNodeModules(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Imports a module for planning; a module that does not load is a one-line error naming it. */
export async function importModule(
  url: string,
  load: ModuleLoader = (u) => import(u),
): Promise<Record<string, unknown>> {
  try {
    return await load(url);
  } catch (thrown) {
    const message = toError(thrown).message.split('\n')[0];
    throw new ParalabError('ERR_MODULE', `cannot load workload module ${url}: ${message}`);
  }
}
