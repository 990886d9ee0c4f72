import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ParalabError } from '@paralab/core';
import { ensureDebianPackage } from '@paralab/host';
import { type Browser, chromium } from 'playwright-core';
import { chromiumPids } from './drivers/chromium.js';
import { guardBrowser } from './guard.js';

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
 * Starts Chromium headless with a fresh temporary profile (removed when it closes), its V8 heap limited to
 * `heapLimitMb` when given (a page or worker over it crashes the renderer: an errored cell, not a machine
 * out of memory), guarded: should this process die without closing it, a watchdog kills its processes and
 * removes the profile (`guardBrowser`). Signals are left to the runner, which closes the browser itself.
 */
export async function launchChromium(executablePath: string, heapLimitMb?: number): Promise<Browser> {
  const heap = heapLimitMb ? [`--js-flags=--max-old-space-size=${heapLimitMb}`] : [];
  const browser = await chromium
    .launch({
      executablePath,
      args: [...CHROMIUM_ARGS, ...heap],
      timeout: LAUNCH_TIMEOUT_MS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
    .catch((thrown: unknown) => {
      const message = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown);
      throw new ParalabError('ERR_NO_BROWSER', `${executablePath} did not start: ${message}`);
    });
  const [pid] = await chromiumPids(browser, 'browser');
  if (pid !== undefined) {
    const guard = guardBrowser(pid, await profileOf(pid));
    browser.on('disconnected', () => guard.standDown());
  }
  return browser;
}

/**
 * The temporary `--user-data-dir` playwright gave the browser process `pid` (read from /proc), or '' when
 * unknown or not playwright's own (nothing else is ever removed).
 */
async function profileOf(pid: number): Promise<string> {
  try {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    const flag = '--user-data-dir=';
    const dir = args.find((arg) => arg.startsWith(flag))?.slice(flag.length) ?? '';
    return dir.startsWith(join(tmpdir(), 'playwright_chromiumdev_profile-')) ? dir : '';
  } catch {
    return '';
  }
}

/**
 * Makes sure a browser can be found: when none is, installs Debian's `chromium` package with apt-get (as
 * root, or through sudo) on Debian and Ubuntu, one installer at a time across processes (the host's
 * `ensureDebianPackage`). Resolves with the executable's path; rejects with a one-line `ParalabError` where
 * it cannot install one. With `PARALAB_CHROMIUM` set, that browser is used or the error is about it.
 */
export async function ensureChromium(log: (line: string) => void = () => {}): Promise<string> {
  if (process.env[CHROMIUM_ENV]) return findChromium();
  return ensureDebianPackage(
    {
      name: 'chromium',
      find: () => findChromium(),
      howToGet: HOW_TO_GET_CHROMIUM,
      code: 'ERR_NO_BROWSER',
      takes: 'about 25 s',
    },
    log,
  );
}
