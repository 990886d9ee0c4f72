// Firefox through puppeteer-core (WebDriver BiDi) as a `BrowserDriver`. BiDi lists no processes and
// reports no crash: the content processes come from /proc (the browser's descendants started with
// `-contentproc`), and a crash shows as the page channel closing (see session.ts).
import { readFile, rm } from 'node:fs/promises';
import { descendants, killGroup } from '@paralab/host/process';
import type { Browser, Page } from 'puppeteer-core';
import type { BrowserGuard } from '../guard.js';
import { withTimeout } from '../with-timeout.js';
import type { BrowserDriver, DriverPage } from './driver.js';

/** A Firefox that `launchFirefox` started. */
export interface FirefoxDriver extends BrowserDriver {
  /** The browser's main process, leader of its process group; undefined when puppeteer did not say. */
  readonly pid: number | undefined;
  /** The profile directory paralab owns (removed when the browser closes or dies). */
  readonly profileDir: string;
}

/** What `launchFirefox` owns besides the browser: its process, profile and watchdog. */
export interface FirefoxOwned {
  readonly pid: number | undefined;
  readonly profileDir: string;
  readonly guard: BrowserGuard;
}

/** How long a graceful close may take before the browser's process group is killed, ms. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Wraps a launched Firefox. Closing it (or its dying) ends its whole process group, removes its profile and
 * stands its watchdog down. Rejects (after closing it) when the browser does not answer.
 */
export async function firefoxDriver(browser: Browser, owned: FirefoxOwned): Promise<FirefoxDriver> {
  const { pid, profileDir, guard } = owned;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await withTimeout(browser.close(), CLOSE_TIMEOUT_MS).catch(() => {});
      // Whatever is left of the group (a content process that outlived its parent) goes too.
      killGroup(pid);
      await rm(profileDir, { recursive: true, force: true }).catch(() => {});
      guard.standDown();
    })();
    return closing;
  };
  browser.once('disconnected', () => void close());
  let version: string;
  try {
    version = (await browser.version()).replace(/^firefox\//i, '');
  } catch (thrown) {
    await close();
    throw thrown;
  }
  return {
    engine: 'firefox',
    version,
    // SpiderMonkey ships with Firefox and carries its version.
    jsEngine: `SpiderMonkey ${version}`,
    pid,
    profileDir,
    newPage: async () => firefoxPage(await browser.newPage()),
    pageProcesses: () => (pid === undefined ? Promise.resolve([]) : contentProcesses(pid)),
    processes: async () => (pid === undefined ? [] : [pid, ...(await descendants(pid))]),
    close,
  };
}

function firefoxPage(page: Page): DriverPage {
  return {
    async goto(url, timeoutMs) {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    },
    async waitFor(predicate, timeoutMs) {
      await page.waitForFunction(predicate, { timeout: timeoutMs });
    },
    evaluate: async <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> =>
      (await page.evaluate(fn as (arg: unknown) => unknown, arg)) as R,
    // WebDriver BiDi has no crash event (Firefox 153): the page channel's closing tells instead.
    onCrash: () => {},
    close: () => page.close(),
  };
}

/** What Firefox names (`/proc/PID/comm`, 15 characters) the content process of cross-origin isolated pages. */
const ISOLATED = 'Isolated Web Co';

/**
 * Firefox's content processes under `pid` (Linux): those whose command line has `-contentproc` and ends
 * with the process kind `tab` (not the fork server, socket, RDD or utility processes); only the ones named
 * `Isolated Web Co` when there are any (the harness page is isolated: its process is one of them). Children
 * of the fork server carry their whole command line as one string, so it is split on spaces and NULs.
 */
async function contentProcesses(pid: number): Promise<number[]> {
  const all = await descendants(pid);
  const read = (child: number, file: string): Promise<string> =>
    readFile(`/proc/${child}/${file}`, 'utf8').catch(() => '');
  const content = await Promise.all(
    all.map(async (child) => {
      const args = (await read(child, 'cmdline')).split(/[\0 ]/).filter(Boolean);
      const tab = args.includes('-contentproc') && args.at(-1) === 'tab';
      return tab ? { pid: child, isolated: (await read(child, 'comm')).trim() === ISOLATED } : undefined;
    }),
  );
  const tabs = content.filter((child) => child !== undefined);
  const isolated = tabs.filter((child) => child.isolated);
  return (isolated.length > 0 ? isolated : tabs).map((child) => child.pid);
}
