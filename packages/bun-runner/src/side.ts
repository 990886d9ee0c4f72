// How the host starts Bun's measuring side: a Bun binary (found, or told how to get) running
// `entry/measure.js`. The host runs on Node; only the measuring runs on Bun.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParalabError } from '@paralab/core';
import { childSides, type SideContext, type SideFactory } from '@paralab/host';
import { HEAP_LIMIT_ENV } from '@paralab/host/process';

const ENTRY = fileURLToPath(new URL('./entry/measure.js', import.meta.url));

/** The environment variable that names a Bun binary to use. */
export const BUN_ENV = 'PARALAB_BUN';

/**
 * The Bun binary to measure with: `$PARALAB_BUN`, then the `bun` npm package installed beside this one or
 * in the current project, then `bun` on the PATH. Throws a one-line `ParalabError` saying how to get one.
 */
export function findBun(cwd: string = process.cwd()): string {
  const given = process.env[BUN_ENV];
  if (given) {
    if (!existsSync(given))
      throw new ParalabError(
        'ERR_NO_RUNTIME',
        `${BUN_ENV}=${given}: no such file (point it at a bun binary, or unset it and install Bun beside paralab: npm install --save-dev bun)`,
      );
    return given;
  }
  for (const from of [import.meta.url, join(cwd, 'package.json')]) {
    try {
      const manifest = createRequire(from).resolve('bun/package.json');
      const binary = join(dirname(manifest), 'bin', 'bun.exe');
      if (existsSync(binary)) return binary;
    } catch {
      // Not installed there.
    }
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const binary = join(dir, 'bun');
    if (dir && existsSync(binary)) return binary;
  }
  throw new ParalabError(
    'ERR_NO_RUNTIME',
    `no Bun found: install it beside paralab (npm install --save-dev bun), put bun on the PATH, or set ${BUN_ENV} to a bun binary`,
  );
}

/** Memory a Bun process tree may hold beyond the heap limit: the runtimes themselves, their stacks and code. */
export const BUN_RSS_ALLOWANCE_MB = 256;

/**
 * The measuring side of a Bun run. Bun has no heap limit flag: the host's memory watch stands in for it,
 * ending the side (and the cell in progress, as out of memory) when the side and its children together hold
 * more than the heap limit plus `BUN_RSS_ALLOWANCE_MB`.
 */
export async function bunSides(context: SideContext): Promise<SideFactory> {
  return childSides({
    command: findBun(),
    args: [ENTRY],
    env: { [HEAP_LIMIT_ENV]: String(context.heapLimitMb) },
    what: 'the Bun measuring process',
    heapLimitMb: context.heapLimitMb,
    rssLimitBytes: (context.heapLimitMb + BUN_RSS_ALLOWANCE_MB) * 2 ** 20,
  });
}
