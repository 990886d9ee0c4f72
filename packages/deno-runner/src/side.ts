// How the host starts Deno's measuring side: a deno binary (found, or told how to get) running
// `entry/measure.js`. The host runs on Node; only the measuring runs on Deno.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParalabError } from '@paralab/core';
import { childSides, type SideContext, type SideFactory } from '@paralab/host';
import { HEAP_LIMIT_ENV } from '@paralab/host/process';
import { denoRunArgs } from './_run-args.js';

const ENTRY = fileURLToPath(new URL('./entry/measure.js', import.meta.url));

/** The environment variable that names a deno binary to use. */
export const DENO_ENV = 'PARALAB_DENO';

const BINARY = process.platform === 'win32' ? 'deno.exe' : 'deno';

/**
 * The deno binary to measure with: `$PARALAB_DENO`, then the binary of the `deno` npm package installed
 * beside this one or in the current project (the package's `deno`, which its postinstall links, else its
 * platform package's), then a `deno` binary on the PATH. Never a script that wraps one (the package's
 * `bin.cjs`, which pnpm's `node_modules/.bin/deno` runs): through it the side loses its IPC channel.
 * Throws a one-line `ParalabError` saying how to get Deno.
 */
export function findDeno(cwd: string = process.cwd()): string {
  const given = process.env[DENO_ENV];
  if (given) {
    if (!existsSync(given)) throw new ParalabError('ERR_NO_RUNTIME', `${DENO_ENV}=${given}: no such file`);
    return given;
  }
  for (const from of [import.meta.url, join(cwd, 'package.json')]) {
    const binary = packagedDeno(from);
    if (binary) return binary;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const binary = join(dir, BINARY);
    if (dir && existsSync(binary) && !isScript(binary)) return binary;
  }
  throw new ParalabError(
    'ERR_NO_RUNTIME',
    `no Deno found: install it beside paralab (npm install --save-dev deno, and let its postinstall run), put deno on the PATH, or set ${DENO_ENV} to a deno binary`,
  );
}

/** The binary of the `deno` npm package as `from` resolves it, or undefined when it is not installed. */
function packagedDeno(from: string): string | undefined {
  let pkg: string;
  try {
    pkg = dirname(createRequire(from).resolve('deno/package.json'));
  } catch {
    return undefined;
  }
  const linked = join(pkg, BINARY);
  if (existsSync(linked) && !isScript(linked)) return linked;
  try {
    const platform = dirname(
      createRequire(join(pkg, 'package.json')).resolve(`${platformPackage()}/package.json`),
    );
    const binary = join(platform, BINARY);
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** The `deno` package's optional dependency that holds this platform's binary (`@deno/linux-x64-glibc`). */
function platformPackage(): string {
  const os = process.platform === 'win32' ? 'win32' : process.platform;
  return `@deno/${os}-${process.arch}${process.platform === 'linux' ? '-glibc' : ''}`;
}

/** True when the file starts with `#!` (a script, not the binary) or cannot be read. */
function isScript(path: string): boolean {
  const head = Buffer.alloc(2);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, 2, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return true; // unreadable (a folder, no permission): not a binary to run either
  }
  return head.toString('latin1') === '#!';
}

/**
 * The measuring side of a Deno run: `deno run -A --node-modules-dir=manual` (packages from the local
 * node_modules, never the registry) with the run's heap limit and `gc()` exposed through `--v8-flags`.
 */
export async function denoSides(context: SideContext): Promise<SideFactory> {
  return childSides({
    command: findDeno(),
    args: denoRunArgs(ENTRY, context.heapLimitMb, ['--expose-gc']),
    env: { [HEAP_LIMIT_ENV]: String(context.heapLimitMb), DENO_NO_UPDATE_CHECK: '1' },
    what: 'the Deno measuring process',
    heapLimitMb: context.heapLimitMb,
  });
}
