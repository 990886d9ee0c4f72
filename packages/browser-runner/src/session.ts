import { type Cell, type MeasureEvent, type MeasureResult, ParalabError, toError } from '@paralab/core';
import type { Browser, Page } from 'playwright-core';
import {
  HOST_BINDING,
  type HostUsage,
  type PageApi,
  type PageCalibrationRequest,
  type PageIdentity,
  type PageMeasureRequest,
  type PageSetup,
  type ToHost,
} from './protocol.js';
import { findRendererPid, RendererWatch, settleBrowser } from './renderer.js';

/** The page crashed, closed, or stopped answering: what it had measured is in `PageSession.seen`. */
export class PageLost extends ParalabError {
  constructor(message: string) {
    super('ERR_PAGE', message);
    this.name = 'PageLost';
  }
}

/** How a page session is opened. */
export interface SessionOptions {
  /** The page server's URL of the harness page. */
  readonly url: string;
  readonly setup: PageSetup;
  /** How long loading the page may take, ms. */
  readonly loadTimeoutMs: number;
  /** Progress from the page's measurement loop. */
  readonly onEvent: (event: MeasureEvent) => void;
}

/** What the page reported during the current call: finished cells, and the samples of every cell. */
export interface Seen {
  readonly cells: Cell[];
  readonly samples: Map<string, number[]>;
}

type PageGlobal = { paralab?: PageApi };

/**
 * One page of the harness in a browser: opened, set up, and driven one call at a time (calibrate, or
 * measure a group of cells). A call fails with `PageLost` when the page crashes, closes, or says nothing
 * for `silenceMs` (its main thread is stuck, so its own watchdogs cannot fire): the renderer is then
 * killed, and what the page reported before is kept in `seen`.
 */
export class PageSession {
  readonly identity: PageIdentity;
  /** The renderer process of the page, when it could be found (see `findRendererPid`). */
  readonly rendererPid: number | undefined;
  readonly #page: Page;
  readonly #watch: RendererWatch;
  readonly #options: SessionOptions;
  #seen: Seen = { cells: [], samples: new Map() };
  #lost: ((error: PageLost) => void) | undefined;
  #heard: () => void = () => {};

  private constructor(page: Page, identity: PageIdentity, pid: number | undefined, options: SessionOptions) {
    this.#page = page;
    this.identity = identity;
    this.rendererPid = pid;
    this.#watch = new RendererWatch(pid);
    this.#options = options;
  }

  /**
   * Opens the harness page, sets it up, waits for the browser to be quiet and finds the page's renderer; a
   * page that does not load is a one-line error.
   */
  static async open(browser: Browser, options: SessionOptions): Promise<PageSession> {
    const page = await browser.newPage();
    // Until the session exists, the page has nothing to report and no call to lose.
    let session: PageSession | undefined;
    const deliver = (message: ToHost): Promise<HostUsage | undefined> | undefined =>
      session?.receive(message);
    const lose = (reason: string): void => session?.lose(reason);
    await page.exposeBinding(HOST_BINDING, (_source, message: ToHost) => deliver(message));
    page.on('crash', () => lose('the page crashed (its renderer process died: out of memory?)'));
    page.on('close', () => lose('the page was closed'));
    try {
      await page.goto(options.url, { waitUntil: 'load', timeout: options.loadTimeoutMs });
      await page.waitForFunction(() => (globalThis as PageGlobal).paralab !== undefined, undefined, {
        timeout: options.loadTimeoutMs,
      });
      const identity = await page.evaluate(
        (setup) => (globalThis as PageGlobal).paralab?.setup(setup),
        options.setup,
      );
      if (!identity) throw new Error('the harness did not answer its set-up');
      await settleBrowser(browser);
      const pid = await findRendererPid(browser, (ms) =>
        page.evaluate((burnMs) => (globalThis as PageGlobal).paralab?.burn(burnMs), ms),
      );
      session = new PageSession(page, identity, pid, options);
      return session;
    } catch (thrown) {
      await page.close().catch(() => {});
      const message = toError(thrown).message.split('\n')[0];
      throw new ParalabError('ERR_PAGE', `the harness page ${options.url} did not load: ${message}`);
    }
  }

  /** What the page reported during the current (or last) call. */
  get seen(): Seen {
    return this.#seen;
  }

  /** Measures the page's calibration floors. */
  calibrate(request: PageCalibrationRequest, silenceMs: number): Promise<Cell[]> {
    return this.#call<Cell[]>('calibrate', request, silenceMs);
  }

  /** Measures a group of cells with the page's measurement loop. */
  measure(request: PageMeasureRequest, silenceMs: number): Promise<MeasureResult> {
    return this.#call<MeasureResult>('measure', request, silenceMs);
  }

  /** Asks the page to stop after its current sample (the call in progress then resolves early). */
  async interrupt(): Promise<void> {
    await this.#page.evaluate(() => (globalThis as PageGlobal).paralab?.interrupt()).catch(() => {});
  }

  /** Closes the page (the renderer is killed when it does not close in time). */
  async close(): Promise<void> {
    this.#watch.dispose();
    this.#lost = undefined;
    await withTimeout(this.#page.close(), 5_000).catch(() => this.#kill());
  }

  /** Calls `paralab[method](request)` in the page and waits for it, unless the page is lost first. */
  async #call<R>(method: 'calibrate' | 'measure', request: unknown, silenceMs: number): Promise<R> {
    this.#seen = { cells: [], samples: new Map() };
    const lost = new Promise<never>((_, reject) => {
      this.#lost = reject;
    });
    let timer: NodeJS.Timeout | undefined;
    this.#heard = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.#hang(silenceMs), silenceMs);
    };
    this.#heard();
    try {
      const calling = this.#page.evaluate(
        // Runs in the page: the request is plain data, the method one of the harness's.
        ({ name, arg }) =>
          (globalThis as unknown as Record<string, Record<string, (a: unknown) => unknown>>).paralab?.[
            name
          ]?.(arg),
        { name: method, arg: request },
      );
      calling.catch(() => {});
      const result = await Promise.race([calling, lost]);
      if (result === undefined) throw new PageLost('the harness is gone from the page');
      return result as R;
    } catch (thrown) {
      if (thrown instanceof PageLost) throw thrown;
      throw new PageLost(`the page failed: ${toError(thrown).message.split('\n')[0]}`);
    } finally {
      clearTimeout(timer);
      this.#heard = () => {};
      this.#lost = undefined;
    }
  }

  /** A call from the page through the runner's binding (see `ToHost`). */
  private async receive(message: ToHost): Promise<HostUsage | undefined> {
    this.#heard();
    switch (message.type) {
      case 'event':
        this.#record(message.event);
        this.#options.onEvent(message.event);
        return undefined;
      case 'usage-begin':
        return this.#watch.begin();
      case 'usage-end':
        return this.#watch.end();
      default:
        return undefined;
    }
  }

  #record(event: MeasureEvent): void {
    if (event.type === 'cell-done') this.#seen.cells.push(event.cell);
    if (event.type === 'sample') {
      const samples = this.#seen.samples.get(event.cellId) ?? [];
      samples.push(event.sampleMs);
      this.#seen.samples.set(event.cellId, samples);
    }
  }

  /** Fails the call in progress: the page is gone or stuck. */
  private lose(reason: string): void {
    this.#lost?.(new PageLost(reason));
  }

  #hang(silenceMs: number): void {
    const seconds = Math.round(silenceMs / 1000);
    this.lose(`the page stopped answering for ${seconds} s (its main thread was stuck) and was killed`);
    this.#kill();
  }

  #kill(): void {
    if (this.rendererPid === undefined) return;
    try {
      process.kill(this.rendererPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
