// Firefox ESR, driven by puppeteer-core over WebDriver BiDi: finding it, installing Debian's package, and
// launching it quiet, offline, unthrottled and guarded (see firefox-prefs.ts and guard.ts).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { ParalabError } from '@paralab/core';
import { ensureDebianPackage } from '@paralab/host';
import puppeteer from 'puppeteer-core';
import { type FirefoxDriver, firefoxDriver } from './drivers/firefox.js';
import { FIREFOX_ENV, FIREFOX_PREFS } from './firefox-prefs.js';
import { guardBrowser, ownedProfileDir } from './guard.js';

/** The environment variable that names the Firefox to use. */
export const FIREFOX_PATH_ENV = 'PARALAB_FIREFOX';

/** What to do when no Firefox is found, in one line. */
export const HOW_TO_GET_FIREFOX = `install Firefox ESR (Debian/Ubuntu: sudo apt-get install firefox-esr, or paralab-browser --browser firefox --ensure-browser) or set ${FIREFOX_PATH_ENV} to a Firefox executable`;

/** Executable names looked up on PATH, then absolute paths where Firefox usually lives. */
const NAMES = ['firefox-esr', 'firefox'];
const PLACES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/lib/firefox/firefox',
  '/opt/firefox/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  ...['PROGRAMFILES', 'PROGRAMFILES(X86)'].flatMap((variable) => {
    const base = process.env[variable];
    return base ? [join(base, 'Mozilla Firefox', 'firefox.exe')] : [];
  }),
];

/**
 * The Firefox to drive: `explicit` (the `--browser` option's path), else `$PARALAB_FIREFOX`, else the first
 * found on PATH or in the usual places. Throws a one-line `ParalabError` (`ERR_NO_BROWSER`) that says how
 * to get one.
 */
export function findFirefox(explicit?: string): string {
  const chosen = explicit ?? process.env[FIREFOX_PATH_ENV];
  if (chosen) {
    if (existsSync(chosen)) return chosen;
    const from = explicit ? '--browser' : `$${FIREFOX_PATH_ENV}`;
    throw new ParalabError(
      'ERR_NO_BROWSER',
      `${from} names ${chosen}, which does not exist: ${HOW_TO_GET_FIREFOX}`,
    );
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => NAMES.map((name) => join(dir, name)));
  const found = [...onPath, ...PLACES].find((path) => existsSync(path));
  if (found) return found;
  throw new ParalabError('ERR_NO_BROWSER', `no Firefox found: ${HOW_TO_GET_FIREFOX}`);
}

/**
 * Makes sure a Firefox can be found: when none is, installs Debian's `firefox-esr` with apt-get (as root, or
 * through sudo; about 45 s), one installer at a time across processes. Resolves with the executable's path;
 * rejects with a one-line `ParalabError` where it cannot install one. With `PARALAB_FIREFOX` set, that
 * Firefox is used or the error is about it.
 */
export async function ensureFirefox(log: (line: string) => void = () => {}): Promise<string> {
  if (process.env[FIREFOX_PATH_ENV]) return findFirefox();
  return ensureDebianPackage(
    {
      name: 'firefox-esr',
      find: () => findFirefox(),
      howToGet: HOW_TO_GET_FIREFOX,
      code: 'ERR_NO_BROWSER',
      takes: 'about 45 s',
    },
    log,
  );
}

/** How long Firefox may take to start, ms (2.6 s is usual here; 6 s on a loaded machine). */
const LAUNCH_TIMEOUT_MS = 30_000;

/**
 * Starts Firefox headless through puppeteer-core (WebDriver BiDi) with a profile directory paralab owns
 * (`paralab-firefox-<pid>-*` in the temporary directory: removed on close, by the watchdog if this process
 * dies, or by the next launch if both are gone), `FIREFOX_PREFS` and `FIREFOX_ENV`. No protocol timeout (a
 * request may take minutes), no network interception (it triples a loopback fetch's latency), signals left
 * to the runner. Rejects with a one-line `ParalabError` (`ERR_NO_BROWSER`) when it does not start.
 */
export async function launchFirefox(executablePath: string): Promise<FirefoxDriver> {
  const profileDir = await ownedProfileDir();
  try {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: profileDir,
      extraPrefsFirefox: { ...FIREFOX_PREFS },
      env: { ...process.env, ...FIREFOX_ENV },
      timeout: LAUNCH_TIMEOUT_MS,
      protocolTimeout: 0,
      networkEnabled: false,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const pid = browser.process()?.pid;
    const guard = pid === undefined ? { standDown: () => {} } : guardBrowser(pid, profileDir);
    return await firefoxDriver(browser, { pid, profileDir, guard });
  } catch (thrown) {
    await rm(profileDir, { recursive: true, force: true });
    const message = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown);
    throw new ParalabError('ERR_NO_BROWSER', `${executablePath} did not start: ${message}`);
  }
}
