// Installing what a feature needs from Debian's packages (Chromium, PostgreSQL, Firefox ESR) the way CI and
// a fresh machine do: apt-get as root or through sudo, one installer at a time across processes.
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParalabError } from '@paralab/core';
import { acquireLock } from './lock.js';

/** The file every paralab process locks while it runs apt-get (apt allows one at a time). */
const INSTALL_LOCK = join(tmpdir(), 'paralab-apt-install.lock');

/** What to install and how to tell it is there. */
export interface DebianPackage {
  /** The Debian package (`chromium`, `postgresql`, `firefox-esr`). */
  readonly name: string;
  /** Finds what the package provides; throws (a one-line `ParalabError`) when it is missing. */
  find(): string;
  /** What to tell a user when it cannot be installed here (`set PARALAB_CHROMIUM to ...`). */
  readonly howToGet: string;
  /** The error code of a failure (`ERR_NO_BROWSER`). */
  readonly code: string;
  /** About how long the install takes, for the progress line (`about 25 s`). */
  readonly takes?: string;
}

/**
 * Resolves with `pkg.find()`, installing the package first when it is missing (as root, or through sudo,
 * where apt-get exists). Two processes that need it at once wait for each other. Rejects with a one-line
 * `ParalabError` where it cannot be installed.
 */
export async function ensureDebianPackage(
  pkg: DebianPackage,
  log: (line: string) => void = () => {},
): Promise<string> {
  try {
    return pkg.find();
  } catch {
    // Missing: install it below.
  }
  const root = process.getuid?.() === 0;
  if (!has('apt-get') || (!root && !has('sudo')))
    throw new ParalabError(pkg.code, `no ${pkg.name} here, and no apt-get to install it: ${pkg.howToGet}`);
  const release = await acquireLock(INSTALL_LOCK, { timeoutMs: 15 * 60_000 });
  try {
    // Another process may have installed it while this one waited.
    return pkg.find();
  } catch {
    log(`installing Debian's ${pkg.name} package with apt-get${pkg.takes ? ` (${pkg.takes})` : ''} ...`);
    apt(root, ['update'], pkg);
    apt(root, ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', pkg.name], pkg);
    return pkg.find();
  } finally {
    await release();
  }
}

function apt(root: boolean, args: string[], pkg: DebianPackage): void {
  const command = root ? ['apt-get', ...args] : ['sudo', 'apt-get', ...args];
  try {
    execFileSync(command[0] as string, command.slice(1), {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    throw new ParalabError(pkg.code, `${command.join(' ')} failed (see above): ${pkg.howToGet}`);
  }
}

/** True when `command` is on the PATH. */
export function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
