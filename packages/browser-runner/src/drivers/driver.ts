// What the page session needs of a browser driver, and nothing more: launch is the driver's own business;
// the session opens a page, navigates, evaluates and closes. Everything the page and the runner say to each
// other goes over the page channel (channel.ts), not through the driver. Two drivers implement it:
// playwright-core over CDP for Chromium, puppeteer-core over WebDriver BiDi for Firefox.
import type { BrowserEngine } from '../protocol.js';

/** A page as the page session drives it. */
export interface DriverPage {
  /** Loads `url` and waits for its `load` event; rejects (with the driver's message) after `timeoutMs`. */
  goto(url: string, timeoutMs: number): Promise<void>;
  /** Resolves once `predicate()` is true in the page; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs: number): Promise<void>;
  /** Runs `fn(arg)` in the page and resolves with its awaited result; `arg` and result are plain data. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * Calls `listener` when the driver reports that the page crashed. CDP reports it; WebDriver BiDi does
   * not (Firefox 153): there the page channel's closing is the only signal, and the session watches both.
   */
  onCrash(listener: () => void): void;
  /** Closes the page (its process may outlive a page stuck in a loop: the session kills it then). */
  close(): Promise<void>;
}

/** A launched browser as the page session needs it. */
export interface BrowserDriver {
  readonly engine: BrowserEngine;
  /** The browser's version (`156.0.7488.0`, `153.8.0`). */
  readonly version: string;
  /** Its JavaScript engine and that engine's version (`V8 15.6.81`, `SpiderMonkey 153.8.0`), when known. */
  readonly jsEngine?: string;
  /** Opens a new page (a tab, which becomes the selected one). */
  newPage(): Promise<DriverPage>;
  /** The processes that may run a page: Chromium's renderers, Firefox's content processes; [] when unknown. */
  pageProcesses(): Promise<number[]>;
  /** Every process of the browser (to wait until its start-up work is over); [] when unknown. */
  processes(): Promise<number[]>;
  /** Closes the browser, leaving no process and no profile behind. Safe to call twice. */
  close(): Promise<void>;
}
