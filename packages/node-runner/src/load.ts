import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AnyWorkload,
  findWorkload,
  ParalabError,
  toError,
  type WorkloadRef,
} from '@paralab/core/workload';

/** The module that holds paralab's portable built-in workloads. */
export const BUILTIN_MODULE = '@paralab/core/workloads';

/** Every module of built-in workloads the Node runner offers: core's, then Node-only ones (`file`). */
export const BUILTIN_MODULES: readonly string[] = [BUILTIN_MODULE, '@paralab/node-runner/workloads'];

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** Bun runs TypeScript itself; tsx's loader hooks (`module.register`) do not work there. */
const NATIVE_TYPESCRIPT = 'Bun' in globalThis;

/**
 * Turns what a user typed (`./bench/my-workload.ts`, `bench/my-workload.ts` when that file exists,
 * `/abs/path.js`, a `file:` URL, a package name) into a specifier that every worker and child process can
 * import: a `file:` URL for files and for packages resolved from `cwd`. paralab's own built-in modules
 * (`builtins`, default `BUILTIN_MODULES`) are kept as they are.
 */
export function resolveModuleSpecifier(
  specifier: string,
  cwd: string = process.cwd(),
  builtins: readonly string[] = BUILTIN_MODULES,
): string {
  if (builtins.includes(specifier) || specifier.startsWith('file:')) return specifier;
  const path = resolve(cwd, specifier);
  // `bench/workloads.ts` is a path too when such a file exists (a package name rarely names a file here).
  if (specifier.startsWith('.') || isAbsolute(specifier) || existsSync(path)) return pathToFileURL(path).href;
  try {
    return pathToFileURL(createRequire(resolve(cwd, 'package.json')).resolve(specifier)).href;
  } catch (thrown) {
    throw new ParalabError(
      'ERR_MODULE',
      `cannot resolve workload module "${specifier}" from ${cwd}: ${toError(thrown).message.split('\n')[0]}`,
    );
  }
}

/**
 * Imports a workload module. TypeScript files are loaded through tsx (natively under Bun), in whatever
 * thread or process calls this, so a user's `.ts` workload runs in workers and child processes too.
 */
export async function importModule(specifier: string): Promise<Record<string, unknown>> {
  try {
    if (TYPESCRIPT.test(specifier) && !NATIVE_TYPESCRIPT) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(specifier, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(specifier)) as Record<string, unknown>;
  } catch (thrown) {
    const message = toError(thrown).message.split('\n')[0];
    throw new ParalabError('ERR_MODULE', `cannot load workload module ${specifier}: ${message}`);
  }
}

/** Loads the workload a reference points at. */
export async function loadWorkload(ref: WorkloadRef): Promise<AnyWorkload> {
  return findWorkload(await importModule(ref.module), ref.id, ref.module);
}
