// How the host starts the browser's measuring side: the page and workload modules bundled, served on
// 127.0.0.1 with cross-origin isolation, a headless browser (Chromium or Firefox) launched once per run, and
// a fresh page for each group in Chromium (see `EngineFacts.pagePerGroup`), and after one was lost.
import type { SideContext, SideFactory } from '@paralab/host';
import { executableOption, FINDERS } from './browsers.js';
import { bundlePage } from './bundle.js';
import { launchChromium } from './chromium.js';
import { chromiumDriver } from './drivers/chromium.js';
import type { BrowserDriver } from './drivers/driver.js';
import { ENGINES } from './engines.js';
import { launchFirefox } from './firefox.js';
import { startPageServer } from './page-server.js';
import type { BrowserEngine } from './protocol.js';
import { PageSession } from './session.js';

/** How long the harness page may take to load, ms. */
const LOAD_TIMEOUT_MS = 30_000;

/** How each engine's browser is launched (its JavaScript heap limited to `heapLimitMb`), as a driver. */
const LAUNCHERS: Readonly<
  Record<BrowserEngine, (executablePath: string, heapLimitMb: number) => Promise<BrowserDriver>>
> = {
  chromium: async (path, heapLimitMb) => chromiumDriver(await launchChromium(path, heapLimitMb)),
  firefox: launchFirefox,
};

/**
 * The measuring side of a run in `engine`: one browser, a page per side. The browser is found before
 * anything is bundled (a missing one is a one-line `ERR_NO_BROWSER` error) and launched when the first
 * side opens; a browser that does not start rejects that open with a one-line error.
 */
export async function browserSides(engine: BrowserEngine, context: SideContext): Promise<SideFactory> {
  const executablePath = FINDERS[engine].find(executableOption(context.extra.browser));
  // The page imports each module by the URL the host plans with; bundled from the user's own source, so a
  // module that cannot run in a browser is named as the user wrote it.
  const bundle = await bundlePage(
    context.modules.map((module) => ({ key: module.url, path: module.source ?? module.url })),
  );
  const pages = await startPageServer(bundle.files);
  let launching: Promise<BrowserDriver> | undefined;
  return {
    what: `the ${ENGINES[engine].title} page`,
    sidePerGroup: ENGINES[engine].pagePerGroup,
    async open() {
      launching ??= LAUNCHERS[engine](executablePath, context.heapLimitMb);
      const driver = await launching.catch((thrown: unknown) => {
        launching = undefined;
        throw thrown;
      });
      return PageSession.open(driver, {
        url: `${pages.url}/`,
        setup: { assets: bundle.assets, modules: bundle.modules, libraries: bundle.libraries },
        channels: pages,
        loadTimeoutMs: LOAD_TIMEOUT_MS,
        runtime: engine,
        version: driver.version,
        ...(driver.jsEngine ? { engine: driver.jsEngine } : {}),
      });
    },
    async dispose() {
      const driver = await launching?.catch(() => undefined);
      await driver?.close().catch(() => {});
      await pages.close();
    },
  };
}

/** The measuring side of a Chromium run (see `browserSides`). */
export function chromiumSides(context: SideContext): Promise<SideFactory> {
  return browserSides('chromium', context);
}

/** The measuring side of a Firefox run (see `browserSides`). */
export function firefoxSides(context: SideContext): Promise<SideFactory> {
  return browserSides('firefox', context);
}
