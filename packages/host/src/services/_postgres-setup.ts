// What a throwaway PostgreSQL needs from the machine: the binaries, an account to run them as when this
// process is root, and setpriv (for the server's parent-death signal).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ParalabError } from '@paralab/core';
import type { ServerAccount } from './_postgres-messages.js';

/** Where Debian's postgresql packages put each major version's binaries. */
const DEBIAN_ROOT = '/usr/lib/postgresql';

/** What to do when there is no PostgreSQL: the reason recorded with unsupported cells. */
export const HOW_TO_GET_ONE =
  "install Debian's postgresql package (apt-get install -y postgresql) or set PARALAB_DATABASE_URL";

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const hasServer = (dir: string): boolean =>
  isExecutable(join(dir, 'postgres')) && isExecutable(join(dir, 'initdb'));

/** `pg_config --bindir`, when pg_config is on the PATH and answers. */
function pgConfigBinDir(): string | undefined {
  try {
    const out = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', timeout: 5_000, stdio: 'pipe' });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `/usr/lib/postgresql/<major>/bin`, newest major first. */
function debianBinDirs(): string[] {
  try {
    const majors = readdirSync(DEBIAN_ROOT).filter((name) => /^\d+(\.\d+)?$/.test(name));
    return majors.sort((a, b) => Number(b) - Number(a)).map((major) => join(DEBIAN_ROOT, major, 'bin'));
  } catch {
    return [];
  }
}

const pathDirs = (): string[] => (process.env.PATH ?? '').split(delimiter).filter(Boolean);

/**
 * The directory holding `postgres` and `initdb`: `binDir` when given (nothing else is looked at), otherwise
 * the first of `pg_config --bindir`, `/usr/lib/postgresql/<newest>/bin`, the PATH. Throws `ParalabError`
 * `ERR_UNSUPPORTED` saying how to get PostgreSQL when there is none.
 */
export function findPostgresBinDir(binDir?: string): string {
  if (binDir !== undefined) {
    if (hasServer(binDir)) return binDir;
    throw new ParalabError(
      'ERR_UNSUPPORTED',
      `no PostgreSQL in ${binDir} (no postgres and initdb there): ${HOW_TO_GET_ONE}`,
    );
  }
  const candidates = [pgConfigBinDir(), ...debianBinDirs(), ...pathDirs()];
  const found = candidates.find((dir): dir is string => dir !== undefined && hasServer(dir));
  if (found) return found;
  throw new ParalabError('ERR_UNSUPPORTED', `no PostgreSQL on this machine: ${HOW_TO_GET_ONE}`);
}

/**
 * The account initdb and the server run as: none (this process's own) unless this process is root, which
 * they refuse; then the `postgres` user that Debian's package creates. Throws `ParalabError`
 * `ERR_UNSUPPORTED` when running as root without such a user.
 */
export function serverAccount(name = 'postgres'): ServerAccount | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let entry = '';
  try {
    entry = execFileSync('getent', ['passwd', name], { encoding: 'utf8', timeout: 5_000, stdio: 'pipe' });
  } catch {
    // No such user (getent exits 2), or no getent: both mean no account to run as.
  }
  const [, , uid, gid] = entry.trim().split(':');
  if (uid && gid && Number(uid) !== 0) return { uid: Number(uid), gid: Number(gid), name };
  throw new ParalabError(
    'ERR_UNSUPPORTED',
    `PostgreSQL refuses to run as root and there is no ${name} user to run it as: ${HOW_TO_GET_ONE}`,
  );
}

/** The path of `setpriv` (util-linux), if there is one. */
export function findSetpriv(): string | undefined {
  return [...pathDirs(), '/usr/bin', '/bin'].map((dir) => join(dir, 'setpriv')).find(isExecutable);
}
