// The machine-wide measurement lock: two runtimes never measure at once on one machine. The lock file
// holds its holder's pid; a lock whose holder is gone (crashed, killed) is taken over at once.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CancelToken, ParalabError } from '@paralab/core';

/** The machine-wide file every paralab runner locks before measuring. */
export const BENCH_LOCK_PATH: string = join(tmpdir(), 'paralab-bench.lock');

/** How often a waiting runner looks at the lock again, ms. */
const POLL_MS = 250;

/**
 * Takes the machine-wide measurement lock, waiting (up to `timeoutMs`, default 30 min) while a live process
 * holds it; `onWait` is called once if it does. A lock left by a process that is gone is taken at once.
 * Resolves with the release function. Rejects with a one-line error on timeout.
 */
export function acquireBenchLock(options: LockOptions = {}): Promise<() => Promise<void>> {
  return acquireLock(BENCH_LOCK_PATH, options);
}

/** How to wait for a lock. */
export interface LockOptions {
  /** Give up after this long, ms (default 30 minutes). */
  readonly timeoutMs?: number;
  /** Called once when another live process holds it, with that process's pid. */
  readonly onWait?: (holder: number) => void;
  /** Cancelled (Ctrl-C): stop waiting at once, rejecting with `ERR_INTERRUPTED`. */
  readonly interrupt?: CancelToken;
}

/** Takes the lock file at `path` (see `acquireBenchLock`): one holder at a time across processes. */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let told = false;
  for (;;) {
    if (await tryTake(path)) return () => release(path);
    const holder = await holderOf(path);
    if (holder !== undefined && !alive(holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (!told && holder !== undefined) options.onWait?.(holder);
    told = true;
    if (Date.now() > deadline)
      throw new Error(`another paralab runner (pid ${holder}) held ${path} for too long`);
    if (options.interrupt?.cancelled)
      throw new ParalabError('ERR_INTERRUPTED', 'interrupted while waiting for the machine-wide lock');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function tryTake(path: string): Promise<boolean> {
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
    return true;
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw thrown;
  }
}

async function holderOf(path: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : 0;
  } catch {
    return undefined;
  }
}

/** True while a process with this pid exists (signal 0 tests without sending anything). */
function alive(pid: number): boolean {
  if (pid === 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (thrown) {
    return (thrown as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function release(path: string): Promise<void> {
  if ((await holderOf(path)) === process.pid) await rm(path, { force: true });
}
