// Chromium through playwright-core (CDP) as a `BrowserDriver`: the renderer processes and the browser's
// own come from CDP's SystemInfo (any OS), V8's version from CDP's Browser.getVersion, the crash event
// from the page.
import type { Browser, Page } from 'playwright-core';
import type { BrowserDriver, DriverPage } from './driver.js';

/** A Chromium that `launchChromium` started, as the page session drives it. */
export async function chromiumDriver(browser: Browser): Promise<BrowserDriver> {
  const jsEngine = await v8Version(browser);
  return {
    engine: 'chromium',
    version: browser.version(),
    ...(jsEngine ? { jsEngine } : {}),
    newPage: async () => chromiumPage(await browser.newPage()),
    pageProcesses: () => chromiumPids(browser, 'renderer'),
    processes: () => chromiumPids(browser),
    close: () => browser.close(),
  };
}

function chromiumPage(page: Page): DriverPage {
  return {
    async goto(url, timeoutMs) {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    },
    async waitFor(predicate, timeoutMs) {
      await page.waitForFunction(predicate, undefined, { timeout: timeoutMs });
    },
    // playwright types the argument as it arrives in the page (`Unboxed<A>`): plain data here, so A itself.
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> =>
      page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown),
    onCrash: (listener) => void page.on('crash', listener),
    close: () => page.close(),
  };
}

/** Chromium's V8 version (`V8 15.6.81`), read over CDP; undefined when the browser does not say. */
async function v8Version(browser: Browser): Promise<string | undefined> {
  try {
    const session = await browser.newBrowserCDPSession();
    const { jsVersion } = (await session.send('Browser.getVersion')) as { jsVersion?: string };
    await session.detach().catch(() => {});
    return jsVersion ? `V8 ${jsVersion}` : undefined;
  } catch {
    return undefined;
  }
}

/** The browser's processes (of one type: `renderer`, `browser`) as Chromium lists them; [] when it cannot. */
export async function chromiumPids(browser: Browser, type?: string): Promise<number[]> {
  let session: Awaited<ReturnType<Browser['newBrowserCDPSession']>> | undefined;
  try {
    session = await browser.newBrowserCDPSession();
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    return processInfo.filter((p) => type === undefined || p.type === type).map((p) => p.id);
  } catch {
    return [];
  } finally {
    await session?.detach().catch(() => {});
  }
}
