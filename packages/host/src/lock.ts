// The machine-wide measurement lock: two runtimes never measure at once on one machine. The lock file
// holds its holder's pid; a lock whose holder is gone (crashed, killed) is taken over at once.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CancelToken, ParalabError } from '@paralab/core';
import { isAlive } from './process/signal.js';

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
    if (holder !== undefined ? !isAlive(holder) : await emptyForLong(path)) {
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

/** How long a lock file may stay without a pid before it counts as left by a runner that died writing it. */
const EMPTY_STALE_MS = 5_000;

/** True when the lock file exists with no pid in it, and has for longer than `EMPTY_STALE_MS`. */
async function emptyForLong(path: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > EMPTY_STALE_MS;
  } catch {
    return false;
  }
}

/**
 * The pid that holds the lock, or undefined when there is none to judge yet: no file, or a file whose pid
 * is not written yet (`wx` creates it before it writes; reading then gives '', which must not pass for a
 * dead holder, or a waiter would delete a live lock).
 */
async function holderOf(path: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function release(path: string): Promise<void> {
  if ((await holderOf(path)) === process.pid) await rm(path, { force: true });
}
