// Where paralab keeps what it downloads once per machine (other Node versions' binaries).
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment variable that moves paralab's cache. */
export const CACHE_ENV = 'PARALAB_CACHE';

/** paralab's cache folder: `$PARALAB_CACHE`, else `~/.cache/paralab` (a temporary folder without a home). */
export function paralabCacheDir(): string {
  const given = process.env[CACHE_ENV];
  if (given) return given;
  const home = homedir();
  return home ? join(home, '.cache', 'paralab') : join(tmpdir(), 'paralab-cache');
}
