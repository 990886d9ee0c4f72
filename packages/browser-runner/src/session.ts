// One page of the harness as a measuring side, in any engine: the driver opens the page, navigates and
// evaluates its set-up; from then on the host's requests, the page's events and replies, and its calls for
// CPU and memory figures travel over the page channel (a WebSocket on the page server). A request fails
// with `SideLost` when the page crashes (the driver says so, or the channel closes), is closed, or says
// nothing for the silence the host allows (its main thread is stuck, so its own watchdogs cannot fire):
// the page's process is then killed, and what the page reported before is the host's already.
import {
  type MeasureEvent,
  ParalabError,
  type SideIdentity,
  type SideReply,
  type SideRequest,
  toError,
} from '@paralab/core';
import { type MeasuringSide, SideLost } from '@paralab/host';
import { statFields } from '@paralab/host/process';
import type { PageChannel, PendingChannel } from './channel.js';
import type { BrowserDriver, DriverPage } from './drivers/driver.js';
import { ENGINES } from './engines.js';
import type {
  FromPage,
  HostUsage,
  PageApi,
  PageConnection,
  PageIdentity,
  PageSetup,
  ToHost,
} from './protocol.js';
import { findRendererPid, RendererWatch, settleBrowser } from './renderer.js';
import { withTimeout } from './with-timeout.js';

/** How a page session is opened. */
export interface SessionOptions {
  /** The page server's URL of the harness page. */
  readonly url: string;
  readonly setup: PageSetup;
  /** The page server, which opens the page's channel (`PageServer.openChannel`). */
  readonly channels: { openChannel(): PendingChannel };
  /** How long loading the page (and connecting its channel) may take, ms. */
  readonly loadTimeoutMs: number;
  /** The runtime as results name it (`chromium`, `firefox`) and the browser's version. */
  readonly runtime: string;
  readonly version: string;
  /** The JavaScript engine and its version, when the driver can tell. */
  readonly engine?: string;
}

type PageGlobal = { paralab?: PageApi };

/** The request in progress. */
interface Pending {
  readonly id: number;
  readonly onEvent: (event: MeasureEvent) => void;
  heard(): void;
  resolve(reply: SideReply): void;
  reject(error: Error): void;
}

/** How long after its channel closed the page's process may take to be seen dead (a crash), ms. */
const DEATH_WAIT_MS = 500;

/** A page of the harness in a browser, as a measuring side. */
export class PageSession implements MeasuringSide {
  readonly identity: SideIdentity;
  /** The process that runs the page (Chromium's renderer, Firefox's content process), when it was found. */
  readonly rendererPid: number | undefined;
  readonly #page: DriverPage;
  readonly #channel: PageChannel;
  readonly #watch: RendererWatch;
  readonly #pageProcess: string;
  #pending: Pending | undefined;
  /** Why the page is gone, once it is: every request then fails with this. */
  #lostFor: string | undefined;
  #nextId = 1;

  private constructor(
    page: DriverPage,
    channel: PageChannel,
    identity: SideIdentity,
    pid: number | undefined,
    pageProcess: string,
  ) {
    this.#page = page;
    this.#channel = channel;
    this.identity = identity;
    this.rendererPid = pid;
    this.#pageProcess = pageProcess;
    this.#watch = new RendererWatch(pid);
    channel.onMessage((message) => this.#receive(message));
    void channel.closed.then(async () => {
      if (this.#lostFor === undefined) this.lose(await this.#whyClosed());
    });
  }

  /**
   * Opens the harness page, sets it up and connects its channel, waits for the browser to be quiet and
   * finds the page's process; a page that does not load is a one-line `ParalabError` (`ERR_PAGE`).
   */
  static async open(driver: BrowserDriver, options: SessionOptions): Promise<PageSession> {
    const page = await driver.newPage();
    const pending = options.channels.openChannel();
    const pageProcess = ENGINES[driver.engine].pageProcess;
    // Until the session exists, the page has nothing to report and no request to lose.
    let session: PageSession | undefined;
    page.onCrash(() => session?.lose(crashed(pageProcess)));
    try {
      const seen = await setUp(page, options, { channel: pending.url, engine: driver.engine });
      const channel = await withTimeout(pending.connected, options.loadTimeoutMs, 'connecting the channel');
      await settleBrowser(driver);
      const pid = await findRendererPid(driver, (ms) =>
        page.evaluate((burnMs) => (globalThis as PageGlobal).paralab?.burn(burnMs), ms),
      );
      const identity: SideIdentity = {
        runtime: options.runtime,
        version: options.version,
        ...(options.engine ? { engine: options.engine } : {}),
        availableParallelism: seen.hardwareConcurrency,
        timerResolutionMs: seen.timerResolutionMs,
        timerSource: `performance.now() in the page${seen.crossOriginIsolated ? ' (cross-origin isolated)' : ''}`,
        details: {
          userAgent: seen.userAgent,
          crossOriginIsolated: seen.crossOriginIsolated,
          hardwareConcurrency: seen.hardwareConcurrency,
          ...(pid === undefined ? {} : { rendererPid: pid }),
        },
      };
      session = new PageSession(page, channel, identity, pid, pageProcess);
      return session;
    } catch (thrown) {
      pending.cancel();
      await withTimeout(page.close(), 5_000).catch(() => {});
      const message = toError(thrown).message.split('\n')[0];
      throw new ParalabError('ERR_PAGE', `the harness page ${options.url} did not load: ${message}`);
    }
  }

  /**
   * Sends `request` to the page and resolves with its reply. Rejects with `SideLost` when the page is lost
   * first (or was already), and with a plain `ParalabError` (`ERR_SIDE`) when the page answers that the
   * request failed (a module that does not load in a page): the page itself is fine then.
   */
  request(
    request: SideRequest,
    onEvent: (event: MeasureEvent) => void,
    silenceMs: number,
  ): Promise<SideReply> {
    if (this.#lostFor !== undefined) return Promise.reject(new SideLost(this.#lostFor));
    const id = this.#nextId++;
    return new Promise<SideReply>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (then: () => void): void => {
        clearTimeout(timer);
        if (this.#pending?.id === id) this.#pending = undefined;
        then();
      };
      this.#pending = {
        id,
        onEvent,
        heard: () => {
          clearTimeout(timer);
          timer = setTimeout(() => void this.#hang(silenceMs), silenceMs);
        },
        resolve: (reply) => settle(() => resolve(reply)),
        reject: (error) => settle(() => reject(error)),
      };
      this.#pending.heard();
      this.#channel.send({ type: 'request', id, request });
    });
  }

  /** Kills the page's process at once (a page stuck in a loop too); a request in progress is lost. */
  async kill(reason: string): Promise<void> {
    this.lose(reason);
    this.#killPageProcess();
    await this.close();
  }

  /** Closes the page (its process is killed when it does not close in time) and its channel. */
  async close(): Promise<void> {
    this.lose('the page was closed');
    this.#watch.dispose();
    await withTimeout(this.#page.close(), 5_000).catch(() => this.#killPageProcess());
    this.#channel.close();
  }

  /** The page is gone (the first reason given stays): the request in progress fails with `SideLost`. */
  private lose(reason: string): void {
    this.#lostFor ??= reason;
    this.#pending?.reject(new SideLost(this.#lostFor));
  }

  #receive(message: FromPage): void {
    const pending = this.#pending;
    pending?.heard();
    if (message.type === 'call') void this.#answer(message.id, message.call);
    else if (!pending) return;
    else if (message.type === 'event') pending.onEvent(message.event);
    else if (message.type === 'reply' && message.id === pending.id) pending.resolve(message.reply);
    else if (message.type === 'failed' && message.id === pending.id)
      pending.reject(new ParalabError('ERR_SIDE', message.message));
  }

  /** Answers a call of the page (see `ToHost`) with the OS's figures of its process. */
  async #answer(id: number, call: ToHost): Promise<void> {
    let answer: HostUsage = null;
    if (call.type === 'usage-begin') answer = await this.#watch.begin();
    else if (call.type === 'usage-end') answer = await this.#watch.end();
    else if (call.type === 'memory') answer = await this.#watch.rss();
    this.#channel.send({ type: 'answer', id, answer });
  }

  /** Why the channel closed: the page's process died (a crash), or the page went away some other way. */
  async #whyClosed(): Promise<string> {
    const pid = this.rendererPid;
    if (pid === undefined) return "the page's channel to the runner closed (the page crashed, or was closed)";
    for (let waited = 0; waited <= DEATH_WAIT_MS; waited += 50) {
      const state = (await statFields(pid))?.[0];
      if (state === undefined || state === 'Z' || state === 'X') return crashed(this.#pageProcess);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return 'the page failed: a navigation, reload or close ended its channel to the runner (its process still ran)';
  }

  async #hang(silenceMs: number): Promise<void> {
    const seconds = Math.round(silenceMs / 1000);
    await this.kill(`the page said nothing for ${seconds} s (its main thread was stuck) and was killed`);
  }

  #killPageProcess(): void {
    if (this.rendererPid === undefined) return;
    try {
      process.kill(this.rendererPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Why a request failed when the page's process died. */
function crashed(pageProcess: string): string {
  return `the page crashed (its ${pageProcess} died: out of memory?)`;
}

/** Loads the harness and sets it up, connecting its channel; resolves with what the page says of itself. */
async function setUp(
  page: DriverPage,
  options: SessionOptions,
  connection: PageConnection,
): Promise<PageIdentity> {
  await page.goto(options.url, options.loadTimeoutMs);
  await page.waitFor(() => (globalThis as PageGlobal).paralab !== undefined, options.loadTimeoutMs);
  const seen = await withTimeout(
    page.evaluate((arg) => (globalThis as PageGlobal).paralab?.setup(arg.setup, arg.connection), {
      setup: options.setup,
      connection,
    }),
    options.loadTimeoutMs,
    'setting the page up',
  );
  if (!seen) throw new Error('the harness did not answer its set-up');
  return seen;
}
