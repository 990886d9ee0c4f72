import type { Results } from '@paralab/core';
import { type RunOptions, runWithHost } from '@paralab/host';
import { browserRunner } from './definition.js';
import type { BrowserEngine } from './protocol.js';

/** What to run in a browser: the host's `RunOptions`, plus which browser. */
export interface BrowserRunOptions extends RunOptions {
  /** The engine to measure in (default `chromium`); results name it as the runtime. */
  readonly engine?: BrowserEngine;
  /**
   * The engine's executable; default `$PARALAB_CHROMIUM` or `$PARALAB_FIREFOX`, then the usual places.
   */
  readonly browser?: string;
}

/**
 * Runs workloads in headless Chromium (or Firefox: `engine`) and returns (and optionally writes) the
 * results. The host bundles the page and the workloads, serves them on 127.0.0.1 with cross-origin
 * isolation, and drives a page as its measuring side: a page that crashes or hangs costs only the cell it
 * was measuring, and the next group gets a fresh page.
 */
export function runBrowser(options: BrowserRunOptions = {}): Promise<Results> {
  const { browser, engine = 'chromium', ...rest } = options;
  if (engine !== 'chromium' && engine !== 'firefox')
    return Promise.reject(
      new RangeError(`options.engine must be "chromium" or "firefox", got ${JSON.stringify(engine)}`),
    );
  return runWithHost(browserRunner(engine), {
    ...rest,
    extra: { ...rest.extra, ...(browser ? { browser } : {}) },
  });
}
