// Nothing of a browser outlives the run, even when the Node process that drives it is killed (SIGKILL,
// an OOM kill) and cannot close it: neither playwright nor puppeteer can, and Firefox then runs on for
// good, its profile left in the temporary directory. A watchdog shell, started in a process group of its
// own, holds the read end of a pipe whose write end only this process holds: when this process dies, the
// pipe closes, and the watchdog kills the browser's process group (both drivers start the browser as a
// group leader) and removes its profile. No polling: the watchdog sleeps in `read` until then.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '@paralab/host/process';

/** The watchdog of one browser (see `guardBrowser`). */
export interface BrowserGuard {
  /** The browser ended normally: the watchdog exits without killing anything. Safe to call twice. */
  standDown(): void;
}

/**
 * `$1` the browser's pid (its process group's id), `$2` a directory to remove. A line `stand-down` ends it
 * quietly; end of input (this process died) kills the group (dash's `kill -9 -PGID`; the pid alone when it
 * leads no group) and removes the directory.
 */
const WATCHDOG = [
  'IFS= read -r line',
  '[ "$line" = stand-down ] && exit 0',
  'kill -9 -"$1" 2>/dev/null || kill -9 "$1" 2>/dev/null',
  '[ -n "$2" ] && rm -rf -- "$2"',
  'exit 0',
].join('\n');

/**
 * Starts the watchdog of the browser whose process (a process group leader) is `pid`, and whose profile
 * `profileDir` is removed with it. Where no POSIX shell exists the guard does nothing.
 */
export function guardBrowser(pid: number, profileDir = ''): BrowserGuard {
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'paralab-browser-guard', String(pid), profileDir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => {});
  watchdog.unref();
  const pipe = watchdog.stdin as Socket | null;
  pipe?.on('error', () => {});
  pipe?.unref();
  let done = false;
  return {
    standDown() {
      if (done) return;
      done = true;
      pipe?.end('stand-down\n');
    },
  };
}

/** The prefix of the profile directories paralab gives Firefox (`paralab-firefox-<pid>-XXXXXX`). */
const PROFILE_PREFIX = 'paralab-firefox-';

/**
 * Creates a Firefox profile directory this process owns in the temporary directory, after removing those
 * of paralab processes that are gone (a run killed before its watchdog could start).
 */
export async function ownedProfileDir(): Promise<string> {
  await removeStaleProfiles();
  return mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
}

/** Removes the profile directories whose owner (the pid in the name) is no longer running. */
export async function removeStaleProfiles(): Promise<void> {
  let names: string[];
  try {
    names = await readdir(tmpdir());
  } catch {
    return;
  }
  const stale = names.filter((name) => {
    const owner = Number(name.slice(PROFILE_PREFIX.length).split('-')[0]);
    return name.startsWith(PROFILE_PREFIX) && Number.isInteger(owner) && owner > 0 && !isAlive(owner);
  });
  await Promise.all(stale.map((name) => rm(join(tmpdir(), name), { recursive: true, force: true })));
}
