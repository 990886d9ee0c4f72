import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** The machine-wide file every paralab runner locks before measuring (two runtimes never measure at once). */
export const BENCH_LOCK_PATH: string = join(tmpdir(), 'paralab-bench.lock');

/**
 * Takes the machine-wide measurement lock, waiting (up to `timeoutMs`) while another runner holds it.
 * `onWait` is called once if the lock is busy. Resolves with the release function. A lock whose holder
 * died is considered stale after 30 s and taken over.
 */
export async function acquireBenchLock(
  options: { timeoutMs?: number; onWait?: () => void } = {},
): Promise<() => Promise<void>> {
  closeSync(openSync(BENCH_LOCK_PATH, 'a'));
  const lockOptions = { stale: 30_000, update: 5_000, realpath: false };
  try {
    return await lockfile.lock(BENCH_LOCK_PATH, lockOptions);
  } catch {
    options.onWait?.();
  }
  const retries = Math.ceil((options.timeoutMs ?? 30 * 60_000) / 1_000);
  return lockfile.lock(BENCH_LOCK_PATH, {
    ...lockOptions,
    retries: { retries, minTimeout: 1_000, maxTimeout: 1_000 },
  });
}
