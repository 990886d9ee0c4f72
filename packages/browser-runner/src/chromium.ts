import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ParalabError } from '@paralab/core';
import { type Browser, chromium } from 'playwright-core';
import lockfile from 'proper-lockfile';

/** The environment variable that names the Chrome or Chromium to use. */
export const CHROMIUM_ENV = 'PARALAB_CHROMIUM';

/** What to do when no browser is found, in one line. */
export const HOW_TO_GET_CHROMIUM = `install Chromium (Debian/Ubuntu: sudo apt-get install chromium, or paralab-browser --ensure-browser) or set ${CHROMIUM_ENV} to a Chrome or Chromium executable`;

/** Executable names looked up on PATH, then absolute paths where Chrome and Chromium usually live. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ...['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA'].flatMap((variable) => {
    const base = process.env[variable];
    return base ? [join(base, 'Google', 'Chrome', 'Application', 'chrome.exe')] : [];
  }),
];

/**
 * The Chrome or Chromium to drive: `explicit` (the `--browser` option), else `$PARALAB_CHROMIUM`, else the
 * first found on PATH or in the usual places, else playwright's own download if one was installed. Throws
 * a one-line `ParalabError` (`ERR_NO_BROWSER`) that says how to get one.
 */
export function findChromium(explicit?: string): string {
  const chosen = explicit ?? process.env[CHROMIUM_ENV];
  if (chosen) {
    if (existsSync(chosen)) return chosen;
    const from = explicit ? '--browser' : `$${CHROMIUM_ENV}`;
    throw new ParalabError(
      'ERR_NO_BROWSER',
      `${from} names ${chosen}, which does not exist: ${HOW_TO_GET_CHROMIUM}`,
    );
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => NAMES.map((name) => join(dir, name)));
  const found = [...onPath, ...PLACES, playwrightsOwn()].find((path) => path && existsSync(path));
  if (found) return found;
  throw new ParalabError('ERR_NO_BROWSER', `no Chrome or Chromium found: ${HOW_TO_GET_CHROMIUM}`);
}

function playwrightsOwn(): string {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
}

/**
 * Chromium's flags for measuring: headless without a GPU, and none of the background traffic (updates,
 * sync, QUIC probes) that a machine without internet access would refuse, over and over, while measuring.
 * `--enable-precise-memory-info` makes `performance.memory` exact instead of bucketed.
 */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
]);

/** How long Chromium may take to start, ms. */
const LAUNCH_TIMEOUT_MS = 30_000;

/**
 * Starts Chromium headless with a fresh temporary profile (removed when it closes). Signals are left to
 * the runner, which stops after the current sample and then closes the browser itself.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium
    .launch({
      executablePath,
      args: [...CHROMIUM_ARGS],
      timeout: LAUNCH_TIMEOUT_MS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
    .catch((thrown: unknown) => {
      const message = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown);
      throw new ParalabError('ERR_NO_BROWSER', `${executablePath} did not start: ${message}`);
    });
}

/** The file test runs and benches lock while one of them installs Chromium (apt allows one at a time). */
const INSTALL_LOCK = join(tmpdir(), 'paralab-chromium-install.lock');

/**
 * Makes sure a browser can be found: when none is, installs Debian's `chromium` package with apt-get (as
 * root, or through sudo) on Debian and Ubuntu, one installer at a time across processes (two test suites
 * starting together wait for each other). Resolves with the executable's path; rejects with a one-line
 * `ParalabError` where it cannot install one.
 */
export async function ensureChromium(log: (line: string) => void = () => {}): Promise<string> {
  try {
    return findChromium();
  } catch (error) {
    if (process.env[CHROMIUM_ENV]) throw error;
  }
  const root = process.getuid?.() === 0;
  if (!has('apt-get') || (!root && !has('sudo')))
    throw new ParalabError(
      'ERR_NO_BROWSER',
      `no Chrome or Chromium found, and no apt-get to install one: ${HOW_TO_GET_CHROMIUM}`,
    );
  closeSync(openSync(INSTALL_LOCK, 'a'));
  const release = await lockfile.lock(INSTALL_LOCK, {
    stale: 60_000,
    update: 10_000,
    realpath: false,
    retries: { retries: 600, minTimeout: 1_000, maxTimeout: 1_000 },
  });
  try {
    // Another process may have installed it while this one waited.
    return findChromium();
  } catch {
    log("installing Debian's chromium package with apt-get (about 25 s) ...");
    apt(root, ['update']);
    apt(root, ['install', '-y', 'chromium']);
    return findChromium();
  } finally {
    await release();
  }
}

function apt(root: boolean, args: string[]): void {
  const command = root ? ['apt-get', ...args] : ['sudo', 'apt-get', ...args];
  try {
    execFileSync(command[0] as string, command.slice(1), {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    throw new ParalabError(
      'ERR_NO_BROWSER',
      `${command.join(' ')} failed (see above): ${HOW_TO_GET_CHROMIUM}`,
    );
  }
}

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
